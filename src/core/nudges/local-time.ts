// Wall-clock arithmetic in a person's own zone. Every nudge is anchored to a LOCAL day and a
// LOCAL minute, never to "+24 h", so a DST change moves the instant and keeps the local time.
import { DateTime, IANAZone } from 'luxon';
import { isTimeZone } from '../time/zones.js';

/** What a person chose about when we may reach them. Minutes are after local midnight. */
export interface NudgePrefs {
  timeZone: string;
  /** Quiet hours; both null (or equal) means none. The window may wrap past midnight. */
  quietStartMinute: number | null;
  quietEndMinute: number | null;
  /** 1 = Monday … 7 = Sunday, for rhythm reminders. */
  nudgeWeekday: number | null;
  nudgeMinute: number | null;
}

/** Monday morning local: a working-hours default for people who have not chosen (see nudgeMinuteOf). */
export const DEFAULT_WEEKDAY = 1;
export const DEFAULT_MINUTE = 9 * 60;

const MINUTES_PER_DAY = 24 * 60;

const validMinute = (m: number | null): m is number => m !== null && Number.isInteger(m) && m >= 0 && m < MINUTES_PER_DAY;

/** The person's zone, or UTC when what we stored is not a zone luxon knows. */
export function zoneOf(prefs: Pick<NudgePrefs, 'timeZone'>): string {
  return isTimeZone(prefs.timeZone) ? prefs.timeZone : 'UTC';
}

/** Minutes over which unchosen nudge times are spread, from DEFAULT_MINUTE on. */
export const DEFAULT_SPREAD_MINUTES = 60;

/** A stable number in [0, n) from a person's id (FNV-1a): the same person, the same minute, every week. */
function spreadOf(id: string, n: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % n;
}

/**
 * The person's chosen minute; without a choice, a minute between 09:00 and 09:59 that is always
 * the same for them. Spreading the default keeps a whole workspace from being nudged in the same
 * minute, which at Slack's pace (about 45 messages a second) would make the last ones minutes late.
 */
export const nudgeMinuteOf = (prefs: NudgePrefs & { id?: string }): number =>
  validMinute(prefs.nudgeMinute) ? prefs.nudgeMinute : DEFAULT_MINUTE + (prefs.id ? spreadOf(prefs.id, DEFAULT_SPREAD_MINUTES) : 0);

/**
 * A nudge planned for a whole minute, moved a stable number of seconds into it (0 to `seconds`−1,
 * from the id: the same person, the same second, every time). Many people choose the same time
 * (and the planner's defaults coincide), so hundreds of nudges would otherwise fall due at one
 * instant and the last of them wait for all the others; spread over the minute's seconds they go
 * out as they fall due. A reflection prompt at 07:15:23 instead of 07:15:00 is the same prompt.
 */
export function spreadWithinMinute(dueAt: Date, id: string, seconds: number): Date {
  if (seconds <= 1 || dueAt.getTime() % 60_000 !== 0) return dueAt;
  return new Date(dueAt.getTime() + spreadOf(id, Math.min(60, Math.floor(seconds))) * 1000);
}

export const nudgeWeekdayOf = (prefs: NudgePrefs): number =>
  prefs.nudgeWeekday !== null && Number.isInteger(prefs.nudgeWeekday) && prefs.nudgeWeekday >= 1 && prefs.nudgeWeekday <= 7
    ? prefs.nudgeWeekday
    : DEFAULT_WEEKDAY;

/**
 * A bounded memo over (text, number, number). Zone arithmetic (luxon → Intl) costs microseconds
 * per call, and a planner asks the same questions for thousands of people who share a zone, a
 * start date and a time. Nested maps with number keys, not one joined string key: at 100,000
 * people building and hashing a fresh key string per question cost more than the answers saved.
 */
export function memo<V>(limit: number, compute: (text: string, n: number, m: number) => V): (text: string, n: number, m?: number) => V {
  let cache = new Map<string, Map<number, Map<number, V>>>();
  let size = 0;
  return (text, n, m = 0) => {
    // m (a minute of the day, or nothing) has few values and n (an instant) many: m goes first,
    // so there are few inner maps.
    let byM = cache.get(text);
    if (!byM) cache.set(text, (byM = new Map()));
    let byN = byM.get(m);
    if (!byN) byM.set(m, (byN = new Map()));
    let value = byN.get(n);
    if (value === undefined && !byN.has(n)) {
      value = compute(text, n, m);
      if (++size > limit) {
        cache = new Map();
        size = 0;
      } else byN.set(n, value);
    }
    return value as V;
  };
}

const localMinuteInstant = memo(200_000, (zone, ms, m) =>
  DateTime.fromMillis(ms, { zone })
    .startOf('day')
    .set({ hour: Math.floor(m / 60), minute: m % 60 })
    .toMillis(),
);

/** The zone's UTC offset (minutes) at `ms`. */
function offsetAt(zone: string, ms: number): number {
  const offset = quarterOffset(zone, Math.floor(ms / QUARTER_MS));
  return Number.isNaN(offset) ? IANAZone.create(zone).offset(ms) : offset;
}

/**
 * The instant of `minute` on the local calendar day that contains `day`. A time skipped by a
 * spring-forward jump resolves to the first instant after the gap (luxon's rule).
 *
 * luxon's `startOf('day').set(…)` first tries the day's local time with the offset the day
 * started with, and keeps that guess when the zone agrees at the guessed instant. That first step
 * is done here from remembered quarter-hour offsets; only around a transition (the zone disagrees)
 * luxon itself answers. A week for 100,000 people asks this for ~100,000 distinct (day, minute)
 * pairs per zone, which a memo alone could not hold.
 */
export function atLocalMinute(day: Date, zone: string, minute: number): Date {
  const ms = day.getTime();
  const offset = offsetAt(zone, ms);
  const local = ms + offset * 60_000;
  const localMidnight = local - (((local % DAY_MS) + DAY_MS) % DAY_MS);
  const midnight = localMidnight - offset * 60_000;
  const dayOffset = offsetAt(zone, midnight);
  if (dayOffset === offset && Number.isFinite(offset)) {
    const guess = localMidnight + minute * 60_000 - dayOffset * 60_000;
    if (offsetAt(zone, guess) === dayOffset) return new Date(guess);
  }
  return new Date(localMinuteInstant(zone, ms, minute));
}

const DAY_MS = 86_400_000;
const QUARTER_MS = 15 * 60_000;

/**
 * The zone's UTC offset (minutes) through a quarter hour, or NaN when it changes inside it.
 * The planner asks the local minute or weekday of every nudge instant — hundreds of thousands of
 * distinct instants a week, too many to remember one by one (a memo per instant overflowed and
 * each answer cost luxon an Intl call) — but offsets change only at a zone's transitions, which
 * fall on quarter hours; a quarter whose two ends disagree is answered instant by instant.
 */
const quarterOffset = memo(100_000, (zone, quarter) => {
  const z = IANAZone.create(zone);
  const start = quarter * QUARTER_MS;
  const offset = z.offset(start);
  return z.offset(start + QUARTER_MS - 1) === offset ? offset : Number.NaN;
});

/** Milliseconds of the local wall clock at `ms` in `zone`, counted from 1970-01-01 00:00 local. */
function localMs(zone: string, ms: number): number {
  return ms + offsetAt(zone, ms) * 60_000;
}

/** ISO weekday (1 = Monday) of the local day containing `t`. 1970-01-01 was a Thursday (4). */
export const localWeekday = (t: Date, zone: string): number => ((((Math.floor(localMs(zone, t.getTime()) / DAY_MS) + 3) % 7) + 7) % 7) + 1;

/** Minutes after local midnight of `t` (asked for every nudge of everyone with quiet hours). */
export const localMinuteOfDay = (t: Date, zone: string): number => Math.floor((((localMs(zone, t.getTime()) % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);

/** The first instant at or after `from` that is `minute` local time (today or tomorrow). */
export function nextLocalMinute(from: Date, zone: string, minute: number): Date {
  const today = atLocalMinute(from, zone, minute);
  if (today.getTime() >= from.getTime()) return today;
  const tomorrow = DateTime.fromJSDate(from, { zone }).startOf('day').plus({ days: 1 }).toJSDate();
  return atLocalMinute(tomorrow, zone, minute);
}

/** True when `t` falls inside the person's quiet hours. */
export function inQuietHours(t: Date, prefs: NudgePrefs): boolean {
  const { quietStartMinute: start, quietEndMinute: end } = prefs;
  if (!validMinute(start) || !validMinute(end) || start === end) return false;
  const m = localMinuteOfDay(t, zoneOf(prefs));
  return start < end ? m >= start && m < end : m >= start || m < end;
}

/**
 * `t` itself when it is outside quiet hours, otherwise the end of the quiet window it falls in
 * (the same local day, or the next one when the window wraps past midnight).
 */
export function leaveQuietHours(t: Date, prefs: NudgePrefs): Date {
  if (!inQuietHours(t, prefs)) return t;
  return nextLocalMinute(t, zoneOf(prefs), prefs.quietEndMinute!);
}
