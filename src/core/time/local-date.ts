import { DateTime } from 'luxon';

/**
 * The first instant of a local calendar date: the instant to place a dated call in a week or
 * period (week bounds start at local midnight too), and never later than "now" on that day.
 */
export function localDateStart(date: string, zone: string): Date {
  return DateTime.fromISO(date, { zone }).startOf('day').toJSDate();
}

/** Midday of a local calendar date: a representative instant for a day. */
export function localDateMidday(date: string, zone: string): Date {
  return DateTime.fromISO(date, { zone }).set({ hour: 12 }).toJSDate();
}

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate()!;
}

export function formatLocal(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat("ccc d LLL yyyy, HH:mm");
}

export function formatLocalDate(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat('ccc d LLL yyyy');
}

/** Minutes after local midnight as `HH:MM` (e.g. 1110 → `18:30`). */
export const clockTime = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** A declared date (`YYYY-MM-DD`, `today` or `yesterday`) as a calendar date in the zone. */
export function calendarDate(word: string, now: Date, zone: string): string {
  const lower = word.toLowerCase();
  if (lower === 'today') return DateTime.fromJSDate(now, { zone }).toISODate()!;
  if (lower === 'yesterday') return DateTime.fromJSDate(now, { zone }).minus({ days: 1 }).toISODate()!;
  return word;
}
