import { DateTime } from 'luxon';

/** Midday of a local calendar date: a safe instant for "which week/period was this day in". */
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
