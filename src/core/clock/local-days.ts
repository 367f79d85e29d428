// The program clock counts LOCAL CALENDAR DAYS in the person's time zone, not 24-hour blocks,
// so a DST change (or Lord Howe's 30-minute shift) never moves a week boundary off midnight.
// luxon is used because it resolves IANA zones through Intl and does DST-correct calendar
// arithmetic without bundling its own tz data that could go stale.
//
// Definitions (all functions here are pure; time always arrives as an argument):
// - S, the program start, is the first instant of `startDate` in `timeZone` (local midnight,
//   or the first existing instant if that midnight is skipped by a DST jump).
// - E(t), calendar offset: local date of t minus startDate, in whole days (negative before S).
// - A pause freezes the clock. The clock advances by one "active day" at each local midnight
//   M with S < M that is NOT paused; M is paused when pause.start < M <= pause.end (an open
//   pause covers every later midnight). So a pause that crosses no midnight costs nothing,
//   and one that crosses k midnights delays everything after it by exactly k days. Resuming
//   continues from the day count reached when the pause began.
import { DateTime } from 'luxon';
import { isTimeZone } from '../time/zones.js';

export interface Pause {
  start: Date;
  /** null while the pause is still in force. */
  end: Date | null;
}

/** Where a person's program sits in time: enough to turn day counts into instants. */
export interface ProgramCalendar {
  /** 'YYYY-MM-DD' in `timeZone`; week 1 begins at that date's local midnight. */
  startDate: string;
  /** IANA zone name, e.g. 'Europe/London'. */
  timeZone: string;
  pauses: readonly Pause[];
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Days since 1970-01-01 of a calendar date; zone-free, so plain integer arithmetic works. */
const epochDay = (year: number, month: number, day: number): number =>
  Date.UTC(year, month - 1, day) / DAY_MS;

function checkCalendar(cal: ProgramCalendar): void {
  if (!isTimeZone(cal.timeZone)) throw new RangeError(`unknown time zone "${cal.timeZone}"`);
  if (!ISO_DATE.test(cal.startDate) || !DateTime.fromISO(cal.startDate, { zone: 'utc' }).isValid) {
    throw new RangeError(`startDate must be a calendar date YYYY-MM-DD, got "${cal.startDate}"`);
  }
}

function startEpochDay(cal: ProgramCalendar): number {
  checkCalendar(cal);
  const d = DateTime.fromISO(cal.startDate, { zone: 'utc' });
  return epochDay(d.year, d.month, d.day);
}

/** E(t): whole local calendar days from startDate to the local date of `t`. */
export function calendarOffset(cal: ProgramCalendar, t: Date): number {
  const local = DateTime.fromJSDate(t, { zone: cal.timeZone });
  return epochDay(local.year, local.month, local.day) - startEpochDay(cal);
}

// Remembered midnights, by zone and start date, then offset: a delivery asks for a week's bounds
// per hours summary, and a planner for every rhythm of every person, and thousands of people share
// a zone and a start date; each answer costs luxon a zone lookup and calendar arithmetic (about a
// tenth of a delivery worker's CPU before this). Cleared whole when it grows past its bound.
const MIDNIGHT_LIMIT = 200_000;
let midnights = new Map<string, Map<number, number>>();
let midnightCount = 0;

/** First instant of the local date `startDate + offset` days. */
export function localMidnight(cal: ProgramCalendar, offset: number): Date {
  const calendarKey = `${cal.timeZone} ${cal.startDate}`;
  const known = midnights.get(calendarKey)?.get(offset);
  if (known !== undefined) return new Date(known);
  checkCalendar(cal);
  const ms = DateTime.fromISO(cal.startDate, { zone: cal.timeZone }).plus({ days: offset }).startOf('day').toMillis();
  if (++midnightCount > MIDNIGHT_LIMIT) {
    midnights = new Map();
    midnightCount = 1;
  }
  let byOffset = midnights.get(calendarKey);
  if (!byOffset) midnights.set(calendarKey, (byOffset = new Map()));
  byOffset.set(offset, ms);
  return new Date(ms);
}

const later = (a: Date, b: Date): Date => (a.getTime() >= b.getTime() ? a : b);

/** Sorted, with overlapping or touching pauses merged so no midnight is subtracted twice. */
export function mergePauses(pauses: readonly Pause[]): Pause[] {
  for (const p of pauses) {
    if (p.end !== null && p.end.getTime() < p.start.getTime()) {
      throw new RangeError(`pause ends (${p.end.toISOString()}) before it starts (${p.start.toISOString()})`);
    }
  }
  const sorted = [...pauses].sort((a, b) => a.start.getTime() - b.start.getTime());
  const merged: Pause[] = [];
  for (const p of sorted) {
    const last = merged[merged.length - 1];
    if (last && (last.end === null || p.start.getTime() <= last.end.getTime())) {
      const end = last.end === null || p.end === null ? null : later(last.end, p.end);
      merged[merged.length - 1] = { start: last.start, end };
    } else {
      merged.push({ start: p.start, end: p.end });
    }
  }
  return merged;
}

/** True when `t` lies inside a pause: start <= t < end (an open pause never ends). */
export function isPausedAt(pauses: readonly Pause[], t: Date): boolean {
  const ms = t.getTime();
  return pauses.some((p) => p.start.getTime() <= ms && (p.end === null || ms < p.end.getTime()));
}

/** Offset of the last midnight the pause's clock had counted before it began (never < 0). */
const pauseFrom = (cal: ProgramCalendar, p: Pause): number => Math.max(0, calendarOffset(cal, p.start));

/**
 * Active days at instant `t`: E(t) minus the midnights paused before `t`. Negative (= E(t))
 * before the program starts; paused time up to `t` counts even if the pause runs on.
 */
export function activeDaysAt(cal: ProgramCalendar, t: Date): number {
  const elapsed = calendarOffset(cal, t);
  if (elapsed < 0) return elapsed;
  let paused = 0;
  for (const p of mergePauses(cal.pauses)) {
    if (p.start.getTime() >= t.getTime()) break;
    const to = p.end === null || p.end.getTime() > t.getTime() ? elapsed : calendarOffset(cal, p.end);
    paused += Math.max(0, to - pauseFrom(cal, p));
  }
  return elapsed - paused;
}

/**
 * The instant the clock reaches `days` active days (the local midnight that starts active day
 * `days`, 0-based), or null when an open pause stops the clock before then.
 */
export function instantOfActiveDay(cal: ProgramCalendar, days: number): Date | null {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`active day must be a whole number ≥ 0, got ${days}`);
  let offset = days;
  for (const p of mergePauses(cal.pauses)) {
    const from = pauseFrom(cal, p);
    // Midnight `offset` is paused iff from < offset <= E(end); later midnights shift with it.
    if (offset <= from) break;
    if (p.end === null) return null;
    offset += Math.max(0, calendarOffset(cal, p.end) - from);
  }
  return localMidnight(cal, offset);
}
