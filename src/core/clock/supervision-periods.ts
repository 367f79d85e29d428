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
/** kept: a call is logged in it (past or current); missed: past with none. */
export type PeriodStatus = 'kept' | 'missed' | 'current' | 'upcoming';

export interface PeriodDue {
  period: SupervisionPeriod;
  timing: PeriodTiming;
  status: PeriodStatus;
  /** Logged calls whose date falls inside the period. */
  calls: number;
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
export function periodsDue(ctx: ClockContext, now: Date, loggedCallDates: readonly Date[]): PeriodDue[] {
  const currentWeek = currentWeekOf(ctx, now);
  const openUntil = Number.isFinite(currentWeek) ? Math.max(currentWeek, 1) : undefined;
  const callWeeks = loggedCallDates
    .filter((d) => d.getTime() <= now.getTime())
    .map((d) => weekOf(ctx, d))
    .filter((w): w is number => w !== null);
  return supervisionPeriods(ctx.template, openUntil).map((period) => {
    const calls = callWeeks.filter((w) => period.startWeek <= w && w <= period.endWeek).length;
    const timing = timingOf(period, currentWeek);
    const status: PeriodStatus =
      calls > 0 && timing !== 'upcoming' ? 'kept' : timing === 'past' ? 'missed' : timing;
    return { period, timing, status, calls };
  });
}
