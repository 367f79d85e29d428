// Supervision periods: the windows in which one supervision call is expected. Reminders,
// "kept vs missed" counts and the cadence fidelity report are all computed from these.
//
// A "month" here is 4 program weeks, counted from the start of its phase. Calendar months
// would drift against program weeks (and against pauses); 4-week months keep every period a
// whole number of weeks, so the 40-week template yields exactly 12 weekly + 8 bi-weekly +
// 3 monthly = 23 periods. A phase whose length is not a multiple of the step ends with a
// shorter period, clipped at the phase end.
import type { Cadence, ProgramTemplate } from '../programs/template-schema.js';
import { activeDaysAt, type ProgramCalendar } from './local-days.js';
import { programPosition, weeksSpan, type ClockContext, type Span } from './program-clock.js';

export interface SupervisionPeriod {
  /** 0-based, in program order across all phases. */
  index: number;
  phaseKey: string;
  startWeek: number;
  /** Inclusive. */
  endWeek: number;
  callMinutes: number;
}

const STEP_WEEKS: Record<Exclude<Cadence, 'none'>, number> = { weekly: 1, biweekly: 2, monthly: 4 };

/**
 * Every supervision period of the program. An open-ended phase has no last period, so its
 * periods are listed only while they start on or before `openPhaseUntilWeek`.
 */
export function supervisionPeriods(template: ProgramTemplate, openPhaseUntilWeek?: number): SupervisionPeriod[] {
  const periods: SupervisionPeriod[] = [];
  for (const phase of template.phases) {
    const { cadence, callMinutes } = phase.supervision;
    if (cadence === 'none') continue;
    const step = STEP_WEEKS[cadence];
    const lastStart = phase.endWeek ?? openPhaseUntilWeek;
    if (lastStart === undefined) {
      throw new RangeError(`phase "${phase.key}" is open-ended; pass openPhaseUntilWeek`);
    }
    for (let start = phase.startWeek; start <= lastStart; start += step) {
      const end = start + step - 1;
      periods.push({
        index: periods.length,
        phaseKey: phase.key,
        startWeek: start,
        endWeek: phase.endWeek === undefined ? end : Math.min(end, phase.endWeek),
        callMinutes: callMinutes ?? 0,
      });
    }
  }
  return periods;
}

/** Local start/end instants of a period; a pause before or inside it pushes it later. */
export function periodBounds(cal: ProgramCalendar, period: SupervisionPeriod): Span | null {
  return weeksSpan(cal, period.startWeek, period.endWeek);
}

export type PeriodTiming = 'past' | 'current' | 'upcoming';
/** kept: a long-enough call is logged in it (past or current); missed: past with none (short calls do not keep it). */
export type PeriodStatus = 'kept' | 'missed' | 'current' | 'upcoming';

export interface PeriodDue {
  period: SupervisionPeriod;
  timing: PeriodTiming;
  status: PeriodStatus;
  /** Logged calls inside the period that are long enough to count. */
  calls: number;
  /** Logged calls inside the period shorter than the template's tolerance allows: they do not keep it. */
  shortCalls: number;
}

/** A logged supervision call: its day, and its length when known (a bare date always counts). */
export type LoggedSupervision = Date | { at: Date; minutes: number };

/**
 * The one home of "does this call keep its period": its length reaches the period's call length
 * within the template's tolerance (`supervisionKeptAtPercent`); without one, any length counts.
 */
export function minimumKeptMinutes(template: ProgramTemplate, period: Pick<SupervisionPeriod, 'callMinutes'>): number {
  const percent = template.supervisionKeptAtPercent;
  return percent === undefined ? 0 : Math.ceil((period.callMinutes * percent) / 100);
}

/** Program week of an instant, by the same paused-aware day count as the position. */
function weekOf(ctx: ClockContext, t: Date): number | null {
  const days = activeDaysAt(ctx, t);
  return days < 0 ? null : Math.floor(days / 7) + 1;
}

function currentWeekOf(ctx: ClockContext, now: Date): number {
  const pos = programPosition(ctx, now);
  if (pos.state === 'not-started') return 0;
  return pos.state === 'finished' ? Infinity : pos.week;
}

function timingOf(period: SupervisionPeriod, currentWeek: number): PeriodTiming {
  if (period.endWeek < currentWeek) return 'past';
  return period.startWeek <= currentWeek ? 'current' : 'upcoming';
}

/**
 * Each period with its timing and whether a supervision call was logged inside it. A call
 * logged while paused belongs to the frozen week; calls dated after `now` are ignored.
 */
export function periodsDue(ctx: ClockContext, now: Date, loggedCalls: readonly LoggedSupervision[]): PeriodDue[] {
  const currentWeek = currentWeekOf(ctx, now);
  const openUntil = Number.isFinite(currentWeek) ? Math.max(currentWeek, 1) : undefined;
  const callWeeks = loggedCalls
    .map((c) => (c instanceof Date ? { at: c, minutes: Infinity } : c))
    .filter((c) => c.at.getTime() <= now.getTime())
    .map((c) => ({ week: weekOf(ctx, c.at), minutes: c.minutes }))
    .filter((c): c is { week: number; minutes: number } => c.week !== null);
  return supervisionPeriods(ctx.template, openUntil).map((period) => {
    const inside = callWeeks.filter((c) => period.startWeek <= c.week && c.week <= period.endWeek);
    const enough = minimumKeptMinutes(ctx.template, period);
    const calls = inside.filter((c) => c.minutes >= enough).length;
    const timing = timingOf(period, currentWeek);
    const status: PeriodStatus =
      calls > 0 && timing !== 'upcoming' ? 'kept' : timing === 'past' ? 'missed' : timing;
    return { period, timing, status, calls, shortCalls: inside.length - calls };
  });
}
