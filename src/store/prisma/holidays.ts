// Program holidays stop the program clock for everyone in the program, exactly as a pause does
// for one person: each loader of an enrollment's pauses adds them, so the nudge planner, the
// delivery check and every command count the same weeks.
import type { PauseInterval } from '../../core/domain.js';

export interface HolidayRow {
  startsAt: Date;
  endsAt: Date;
  /** False: the template's rule was to hold reminders only; such a holiday is no pause. */
  shiftsClock?: boolean;
}

/** The enrollment's own pauses and the program's holidays, as one ordered list of pauses. */
export function withHolidays(pauses: PauseInterval[], holidays: HolidayRow[]): PauseInterval[] {
  const shifting = holidays.filter((h) => h.shiftsClock !== false);
  return [...pauses, ...shifting.map((h) => ({ start: h.startsAt, end: h.endsAt }))].sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** The Prisma include that brings a program's holidays along with an enrollment. */
export const holidaysInclude = { program: { select: { holidays: { select: { startsAt: true, endsAt: true, shiftsClock: true } } } } } as const;

/** Holidays that only hold reminders (the clock runs on), as windows the delivery check waits out. */
export function holdsOf(holidays: HolidayRow[]): { start: Date; end: Date }[] {
  return holidays.filter((h) => h.shiftsClock === false).map((h) => ({ start: h.startsAt, end: h.endsAt }));
}
