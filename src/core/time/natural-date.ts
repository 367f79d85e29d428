// Dates as people write them — `yesterday`, `last tue`, `3 days ago`, `march 3`, `next friday` —
// read in the person's own zone. chrono-node does the reading: a maintained parser with years
// of edge cases (relative weekdays, "ago", month names, ISO dates) we should not hand-roll.
import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';

/**
 * The local calendar date (YYYY-MM-DD) `text` names, as seen at `now` in `zone`; null when it
 * names none (or only part of it is a date). `prefer` settles ambiguous words like `friday`.
 */
export function readNaturalDate(text: string, now: Date, zone: string, prefer: 'past' | 'future'): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const offset = DateTime.fromJSDate(now, { zone }).offset;
  const [found] = chrono.parse(trimmed, { instant: now, timezone: offset }, { forwardDate: prefer === 'future' });
  if (!found || found.index !== 0 || found.text.length !== trimmed.length) return null;
  const { start } = found;
  const date = DateTime.fromObject({ year: start.get('year')!, month: start.get('month')!, day: start.get('day')! }, { zone });
  return date.isValid ? date.toISODate() : null;
}

/** What works, for messages that could not read a date. */
export const NATURAL_DATE_EXAMPLES = 'today, yesterday, last tue, 3 days ago, march 3 or 2026-03-02';
