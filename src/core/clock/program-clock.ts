// Where a person is in their program: week, day, phase, and what time they were expected to
// have put in so far. Built on the active-day count of local-days.ts, so pauses freeze all of it.
import type { HoursRange, Phase, ProgramTemplate } from '../programs/template-schema.js';
import {
  activeDaysAt,
  instantOfActiveDay,
  isPausedAt,
  type ProgramCalendar,
} from './local-days.js';

export interface ClockContext extends ProgramCalendar {
  template: ProgramTemplate;
}

export type ProgramState = 'not-started' | 'active' | 'paused' | 'finished';

export interface ProgramPosition {
  state: ProgramState;
  /** 1-based program week; 0 before the start; the last week once finished. */
  week: number;
  /** 1..7 within the program week (day 1 is the start date's weekday), 0 before the start. */
  dayOfWeek: number;
  /** The phase the week falls in; null before the start and once finished. */
  phase: Phase | null;
  /** Un-paused local days completed since the start, capped at the program length. */
  activeDays: number;
}

export interface Span {
  start: Date;
  /** Exclusive: the first instant of the following week. */
  end: Date;
}

export function phaseForWeek(template: ProgramTemplate, week: number): Phase | null {
  return template.phases.find((p) => p.startWeek <= week && week <= (p.endWeek ?? Infinity)) ?? null;
}

/** Program length in days, or Infinity for an open-ended program. */
const lengthInDays = (template: ProgramTemplate): number =>
  template.weeks === undefined ? Infinity : template.weeks * 7;

export function programPosition(ctx: ClockContext, now: Date): ProgramPosition {
  const days = activeDaysAt(ctx, now);
  if (days < 0) return { state: 'not-started', week: 0, dayOfWeek: 0, phase: null, activeDays: 0 };
  const total = lengthInDays(ctx.template);
  // Finished wins over paused: a pause after the last week cannot un-finish a program.
  if (days >= total) {
    return { state: 'finished', week: total / 7, dayOfWeek: 7, phase: null, activeDays: total };
  }
  const week = Math.floor(days / 7) + 1;
  return {
    state: isPausedAt(ctx.pauses, now) ? 'paused' : 'active',
    week,
    dayOfWeek: (days % 7) + 1,
    phase: phaseForWeek(ctx.template, week),
    activeDays: days,
  };
}

function checkWeek(week: number): void {
  if (!Number.isInteger(week) || week < 1) throw new RangeError(`week must be a whole number ≥ 1, got ${week}`);
}

/**
 * Local start/end instants of program weeks `fromWeek`..`toWeek` (inclusive), shifted by any
 * pause before or inside them. Null when an open pause stops the clock before the end.
 */
export function weeksSpan(cal: ProgramCalendar, fromWeek: number, toWeek: number): Span | null {
  checkWeek(fromWeek);
  checkWeek(toWeek);
  if (toWeek < fromWeek) throw new RangeError(`toWeek ${toWeek} is before fromWeek ${fromWeek}`);
  const start = instantOfActiveDay(cal, (fromWeek - 1) * 7);
  const end = instantOfActiveDay(cal, toWeek * 7);
  return start && end ? { start, end } : null;
}

/** Local start/end instants of one program week. */
export function weekBounds(cal: ProgramCalendar, week: number): Span | null {
  return weeksSpan(cal, week, week);
}

export interface ExpectedHours extends HoursRange {
  /** Weeks fully behind the person (paused time excluded), capped at the program length. */
  completedWeeks: number;
}

/**
 * Hours the weekly commitments add up to over completed weeks only: the current week is
 * still in progress, so counting it would flag people as behind on its first day.
 */
export function expectedHoursToDate(ctx: ClockContext, now: Date): ExpectedHours {
  const days = Math.min(activeDaysAt(ctx, now), lengthInDays(ctx.template));
  const completedWeeks = Math.max(0, Math.floor(days / 7));
  let min = 0;
  let max = 0;
  for (const phase of ctx.template.phases) {
    const last = Math.min(phase.endWeek ?? Infinity, completedWeeks);
    const weeks = Math.max(0, last - phase.startWeek + 1);
    min += weeks * (phase.weeklyHours?.min ?? 0);
    max += weeks * (phase.weeklyHours?.max ?? 0);
  }
  return { min, max, completedWeeks };
}
