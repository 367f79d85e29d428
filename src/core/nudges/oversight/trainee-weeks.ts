// What a trainee's finished program weeks show, from the calls that count for them: a week with
// no hours at all, a supervision period that passed without a call long enough to keep it, and
// how many of each came in a row. Stepped care and the weekly digest read the same answers.
// Weeks that began before the trainee's current match are never held against them: a trainee
// waiting for a mentor has nobody to call. Nor are their rest weeks: a week touched by one of
// their program's holidays that holds reminders without stopping the clock (pauses, and holidays
// that stop the clock, are not part of any week). A supervision period is missed only when it had
// a week that was not a rest week.
import { DateTime } from 'luxon';
import { minimumKeptMinutes, phaseForWeek, type SupervisionPeriod } from '../../clock/index.js';
import { localDateMidday } from '../../time/local-date.js';
import { supervisionPeriodsUpTo, weekAt, weekEnd, weekStart, type Rhythm } from '../rhythm.js';
import type { CountedCall } from '../types.js';

export interface WeekCheck {
  week: number;
  /** The phase asks for hours that week and none were logged. */
  hourless: boolean;
  /** Hour-less weeks in a row, ending with this one (0 when it was not one). */
  hoursStreak: number;
  /** The supervision period that ended with this week, when it passed without a call that keeps it. */
  missedPeriod: SupervisionPeriod | null;
  /** Missed periods in a row, ending with that one (0 when none was missed at this week). */
  supervisionStreak: number;
  /** The first week of the first missed period in that run (0 when none was missed at this week). */
  supervisionRunStart: number;
}

export interface TraineeWeeks {
  /** The finished week `week`, as it stands with the calls known now. */
  check(week: number): WeekCheck;
}

const NOTHING = (week: number): WeekCheck => ({ week, hourless: false, hoursStreak: 0, missedPeriod: null, supervisionStreak: 0, supervisionRunStart: 0 });

/** A trainee's weeks, read from their counted calls; `careSince` null: no active match, nothing counts. */
export function traineeWeeks(r: Rhythm, calls: readonly CountedCall[], careSince: Date | null): TraineeWeeks {
  if (!careSince) return { check: NOTHING };
  const careDay = DateTime.fromJSDate(careSince, { zone: r.zone }).startOf('day').toMillis();
  const located = calls.map((c) => ({ week: weekAt(r, localDateMidday(c.day, r.zone)), minutes: c.minutes, kind: c.kind }));
  const minutesIn = (week: number) => located.reduce((sum, c) => (c.week === week ? sum + c.minutes : sum), 0);
  const counted = (week: number) => {
    const start = weekStart(r, week);
    return start !== null && start.getTime() >= careDay;
  };
  const holds = r.e.holds ?? [];
  const resting = (week: number) => {
    const start = weekStart(r, week);
    const end = weekEnd(r, week);
    return !!start && !!end && holds.some((h) => h.start.getTime() < end.getTime() && h.end.getTime() > start.getTime());
  };
  const hourless = (week: number) => week >= 1 && counted(week) && !resting(week) && (phaseForWeek(r.e.template, week)?.weeklyHours?.min ?? 0) > 0 && minutesIn(week) === 0;
  const missed = (p: SupervisionPeriod) => {
    if (!counted(p.startWeek)) return false;
    if (Array.from({ length: p.endWeek - p.startWeek + 1 }, (_, i) => p.startWeek + i).every(resting)) return false;
    const enough = minimumKeptMinutes(r.e.template, p);
    return !located.some((c) => c.kind === 'supervision' && c.week >= p.startWeek && c.week <= p.endWeek && c.minutes >= enough);
  };
  return {
    check(week) {
      let hoursStreak = 0;
      while (hourless(week - hoursStreak)) hoursStreak++;
      const periods = supervisionPeriodsUpTo(r, week);
      const ending = periods.findIndex((p) => p.endWeek === week);
      let supervisionStreak = 0;
      while (ending - supervisionStreak >= 0 && missed(periods[ending - supervisionStreak]!)) supervisionStreak++;
      const missedPeriod = supervisionStreak > 0 ? periods[ending]! : null;
      const supervisionRunStart = supervisionStreak > 0 ? periods[ending - supervisionStreak + 1]!.startWeek : 0;
      return { week, hourless: hoursStreak > 0, hoursStreak, missedPeriod, supervisionStreak, supervisionRunStart };
    },
  };
}

/** "week 5" or "weeks 13–14". */
export const weeksLabel = (p: Pick<SupervisionPeriod, 'startWeek' | 'endWeek'>): string =>
  p.startWeek === p.endWeek ? `week ${p.startWeek}` : `weeks ${p.startWeek}–${p.endWeek}`;
