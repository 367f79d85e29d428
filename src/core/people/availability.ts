import type { AvailabilityWindow } from '../domain.js';
import { UserError } from '../errors.js';
import { clockTime } from '../time/local-date.js';

const DAYS: Record<string, number[]> = {
  mon: [1], monday: [1], tue: [2], tues: [2], tuesday: [2], wed: [3], wednesday: [3], thu: [4], thur: [4], thurs: [4], thursday: [4],
  fri: [5], friday: [5], sat: [6], saturday: [6], sun: [7], sunday: [7],
  weekdays: [1, 2, 3, 4, 5], weekday: [1, 2, 3, 4, 5], weekends: [6, 7], weekend: [6, 7], daily: [1, 2, 3, 4, 5, 6, 7], any: [1, 2, 3, 4, 5, 6, 7],
};
export const DAY_NAMES = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export const AVAILABILITY_EXAMPLE = 'Mon 18:00-20:00, Thu 12-13, weekends';

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
  const range = /^([a-z]+)\s*-\s*([a-z]+)$/.exec(text);
  if (range) {
    const from = DAYS[range[1]!]?.[0];
    const to = DAYS[range[2]!]?.[0];
    if (!from || !to || from > to) return null;
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  }
  return DAYS[text] ?? null;
}

/**
 * Parses availability such as "Mon 18:00-20:00, Thu 12-13, weekends" into weekly windows in the
 * person's own zone. A day without times means the whole day.
 */
export function parseAvailability(text: string): AvailabilityWindow[] {
  const windows: AvailabilityWindow[] = [];
  for (const raw of text.toLowerCase().split(/[,;\n]+/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-z]+(?:\s*-\s*[a-z]+)?)\s*(.*)$/.exec(raw);
    const days = m ? parseDays(m[1]!.replace(/\s+/g, '')) : null;
    if (!m || !days) throw new UserError(`I couldn't read "${raw}" as a day. Write availability like: ${AVAILABILITY_EXAMPLE}.`, { code: 'BAD_DAY' });
    let start = 0;
    let end = 24 * 60;
    if (m[2]) {
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
