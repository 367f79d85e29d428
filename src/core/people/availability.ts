import type { AvailabilityWindow } from '../domain.js';
import { UserError } from '../errors.js';
import { clockTime } from '../time/local-date.js';

const DAYS: Record<string, number[]> = {
  mon: [1], monday: [1], tue: [2], tues: [2], tuesday: [2], wed: [3], wednesday: [3], thu: [4], thur: [4], thurs: [4], thursday: [4],
  fri: [5], friday: [5], sat: [6], saturday: [6], sun: [7], sunday: [7],
  weekdays: [1, 2, 3, 4, 5], weekday: [1, 2, 3, 4, 5], weekends: [6, 7], weekend: [6, 7], daily: [1, 2, 3, 4, 5, 6, 7], any: [1, 2, 3, 4, 5, 6, 7],
};
export const DAY_NAMES = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export const AVAILABILITY_EXAMPLE = 'Tue/Thu evenings, weekday mornings, Sat 10-12, or anytime';

/** Parts of the day people name instead of hours (local times). */
const PERIODS: Record<string, [number, number]> = {
  morning: [8 * 60, 12 * 60], lunch: [12 * 60, 13 * 60], lunchtime: [12 * 60, 13 * 60], afternoon: [12 * 60, 17 * 60], evening: [17 * 60, 21 * 60], night: [19 * 60, 22 * 60],
};
const ANYTIME = /^(any\s*time|anytime|any day|flexible|whenever|all week)$/;
const periodOf = (word: string): [number, number] | undefined => PERIODS[word] ?? PERIODS[word.replace(/s$/, '')];

/** `18`, `18:30`, `6pm`, `6:30pm` → minutes after midnight. */
function parseTime(text: string): number | null {
  const m = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/.exec(text.trim());
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  if (m[3] === 'pm' && hour < 12) hour += 12;
  if (m[3] === 'am' && hour === 12) hour = 0;
  if (hour > 24 || minute > 59 || (hour === 24 && minute > 0)) return null;
  return hour * 60 + minute;
}

function parseDays(text: string): number[] | null {
  // "Tue/Thu", "tue & thu", "mon and wed": several days.
  if (text.includes('|')) {
    const each = text.split('|').map((d) => parseDays(d));
    return each.every(Boolean) ? [...new Set(each.flat() as number[])].sort() : null;
  }
  const range = /^([a-z]+)\s*-\s*([a-z]+)$/.exec(text);
  if (range) {
    const from = DAYS[range[1]!]?.[0];
    const to = DAYS[range[2]!]?.[0];
    if (!from || !to || from > to) return null;
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  }
  return DAYS[text] ?? DAYS[text.replace(/s$/, '')] ?? null;
}

/**
 * Parses availability such as "Mon 18:00-20:00, Thu 12-13, weekends" into weekly windows in the
 * person's own zone. A day without times means the whole day.
 */
export function parseAvailability(text: string): AvailabilityWindow[] {
  const windows: AvailabilityWindow[] = [];
  for (const raw of text.toLowerCase().split(/[,;\n]+/).map((p) => p.trim()).filter(Boolean)) {
    if (ANYTIME.test(raw)) {
      for (const day of [1, 2, 3, 4, 5, 6, 7]) windows.push({ day, startMinute: 0, endMinute: 24 * 60 });
      continue;
    }
    // "every", "on", "all day" add nothing; "/", "&", "and", "+" join days.
    const part = raw.replace(/^(every|on)\s+/, '').replace(/\s+all day$/, '').replace(/\s*(?:\/|&|\+|\band\b)\s*/g, '|');
    const period = periodOf(part);
    const m = period ? null : /^([a-z]+(?:\s*[-|]\s*[a-z]+)*)\s*(.*)$/.exec(part);
    const days = period ? [1, 2, 3, 4, 5, 6, 7] : m ? parseDays(m[1]!.replace(/\s+/g, '')) : null;
    if (!days) throw new UserError(`I couldn't read "${raw}" as days and times. Write availability like: ${AVAILABILITY_EXAMPLE}.`, { code: 'BAD_DAY' });
    let [start, end] = period ?? [0, 24 * 60];
    const named = m?.[2] ? periodOf(m[2].trim()) : undefined;
    if (named) [start, end] = named;
    else if (m?.[2]) {
      const [from, to] = m[2].split(/\s*(?:-|–|to)\s*/);
      const s = from ? parseTime(from) : null;
      const e = to ? parseTime(to) : s === null ? null : s + 60;
      if (s === null || e === null || e <= s) throw new UserError(`I couldn't read the times in "${raw}". Write them like 18:00-20:00 or 6pm-8pm.`, { code: 'BAD_TIME' });
      start = s;
      end = e;
    }
    for (const day of days) windows.push({ day, startMinute: start, endMinute: end });
  }
  if (windows.length === 0) throw new UserError(`Tell me at least one day, e.g. ${AVAILABILITY_EXAMPLE}.`, { code: 'EMPTY' });
  return windows;
}


export function describeAvailability(windows: AvailabilityWindow[]): string {
  if (windows.length === 0) return 'not given';
  return windows.map((w) => (w.startMinute === 0 && w.endMinute === 1440 ? DAY_NAMES[w.day] : `${DAY_NAMES[w.day]} ${clockTime(w.startMinute)}-${clockTime(w.endMinute)}`)).join(', ');
}

/** Minutes of overlap per shared day (both in their own zones; close enough for ranking). */
export function sharedDays(a: AvailabilityWindow[], b: AvailabilityWindow[]): number[] {
  const days = new Set<number>();
  for (const x of a) for (const y of b) if (x.day === y.day && Math.min(x.endMinute, y.endMinute) > Math.max(x.startMinute, y.startMinute)) days.add(x.day);
  return [...days].sort();
}
