import { DateTime } from 'luxon';
import type { CallKind, CheckInReason } from '../domain.js';
export { CHECK_IN_WORDS };
import { UserError } from '../errors.js';
import { parseDurationMinutes } from '../time/duration.js';
import { NATURAL_DATE_EXAMPLES, readNaturalDate } from '../time/natural-date.js';
import { CHECK_IN_WORDS, parseCheckInReason } from '../check-ins/debrief.js';

export const CALL_KINDS: CallKind[] = ['supervision', 'observation', 'co_facilitation', 'independent', 'first_call', 'check_in', 'peer'];
export const kindLabel = (kind: CallKind) => kind.replace(/_/g, '-');
/** `supervision call`, `first call`, `check-in call` — for sentences. */
export const callPhrase = (kind: CallKind) => (kind === 'first_call' ? 'first call' : `${kindLabel(kind)} call`);
export const MAX_NOTES = 4000;
const MAX_MINUTES = 12 * 60;

export interface ParsedCall {
  minutes: number;
  kind: CallKind;
  occurredOn: string;
  notes: string | null;
  checkIn: CheckInReason | null;
}

export function parseKind(word: string | undefined): CallKind {
  const kind = word?.toLowerCase().replace(/-/g, '_') as CallKind | undefined;
  if (!kind || !CALL_KINDS.includes(kind)) {
    throw new UserError(`${word ? `"${word}" is not a kind of call I know.` : 'Say what kind of call it was.'} Kinds: ${CALL_KINDS.map(kindLabel).join(', ')}.`, { code: 'BAD_KIND', argument: 'kind' });
  }
  return kind;
}

/** A call's length: between a minute and twelve hours. */
export function checkMinutes(minutes: number): number {
  if (minutes < 1 || minutes > MAX_MINUTES) throw new UserError(`A call must last between 1 minute and ${MAX_MINUTES / 60} hours.`, { code: 'BAD_DURATION', argument: 'duration' });
  return minutes;
}

/** A typed length (forms): `45m`, `1h30m`. */
export function parseMinutes(word: string | undefined): number {
  if (!word) throw new UserError('Say how long the call was, e.g. 45m or 1h30m.', { code: 'MISSING_ARGUMENT', argument: 'duration' });
  let minutes: number;
  try {
    minutes = parseDurationMinutes(word, 'hm');
  } catch {
    throw new UserError(`"${word}" is not a length of time I understand. Try 45m, 1h30m or 1.5h.`, { code: 'BAD_DURATION', argument: 'duration' });
  }
  return checkMinutes(minutes);
}

export function parseCheckIn(word: string | undefined): CheckInReason | null {
  if (word === undefined || word === '' || word === 'none') return null;
  return parseCheckInReason(word);
}

/**
 * A date in the person's zone, as people write it: `2026-03-02`, `today`, `yesterday`, `last tue`,
 * `3 days ago` (see natural-date.ts). It may not be in the future, nor before `earliest` (the
 * enrollment's start).
 */
export function parseCallDate(word: string, now: Date, zone: string, earliest: string | null): string {
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const iso = readNaturalDate(word, now, zone, 'past');
  if (!iso) throw new UserError(`"${word}" is not a date I understand. Try ${NATURAL_DATE_EXAMPLES}.`, { code: 'BAD_DATE', argument: 'date' });
  if (iso > today.toISODate()!) throw new UserError(`${iso} is in the future. Log calls once they have happened.`, { code: 'FUTURE_DATE', argument: 'date' });
  if (earliest && iso < earliest) throw new UserError(`${iso} is before you joined the program (${earliest}).`, { code: 'BEFORE_START', argument: 'date' });
  return iso;
}
