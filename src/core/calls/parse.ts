import { DateTime } from 'luxon';
import type { CallKind, CheckInReason } from '../domain.js';
export { CHECK_IN_WORDS };
import { UserError } from '../errors.js';
import { parseDurationMinutes } from '../time/duration.js';
import { NATURAL_DATE_EXAMPLES, readNaturalDate } from '../time/natural-date.js';
import { CHECK_IN_WORDS, parseCheckInReason } from '../check-ins/debrief.js';

import { ALL_CALL_KINDS } from '../programs/template-care.js';

/** Every kind any program may offer; each program's template picks its own (see callKindsOf). */
export const CALL_KINDS: CallKind[] = [...ALL_CALL_KINDS];
export const kindLabel = (kind: CallKind) => kind.replace(/_/g, '-');
/** `supervision call`, `first call`, `check-in call` — for sentences. */
export const callPhrase = (kind: CallKind) =>
  kind === 'first_call' ? 'first call' : kind === 'face_to_face' ? 'face-to-face meeting' : kind === 'message' ? 'exchange of messages' : `${kindLabel(kind)} call`;
export const MAX_NOTES = 4000;
const MAX_MINUTES = 12 * 60;

export interface ParsedCall {
  minutes: number;
  kind: CallKind;
  occurredOn: string;
  notes: string | null;
  checkIn: CheckInReason | null;
  /** First calls in programs that ask: whether an in-person meeting was arranged, and for when. */
  meetingArranged?: boolean | null;
  meetingArrangedOn?: string | null;
}

/** A kind this program offers (`offered`, from its template). */
export function parseKind(word: string | undefined, offered: CallKind[] = CALL_KINDS): CallKind {
  const kind = word?.toLowerCase().replace(/-/g, '_') as CallKind | undefined;
  if (!kind || !offered.includes(kind)) {
    throw new UserError(`${word ? `"${word}" is not a kind of call this program uses.` : 'Say what kind of call it was.'} Kinds: ${offered.map(kindLabel).join(', ')}.`, { code: 'BAD_KIND', argument: 'kind' });
  }
  return kind;
}

/** `--meeting yes|no` on a first call: was an in-person meeting arranged? */
export function parseMeeting(word: string | undefined): boolean | null {
  if (word === undefined || word.trim() === '') return null;
  const w = word.trim().toLowerCase();
  if (['yes', 'arranged', 'y'].includes(w)) return true;
  if (['no', 'not-yet', 'n'].includes(w)) return false;
  throw new UserError(`"${word}" isn't an answer I know for the meeting. Use yes or no.`, { code: 'INVALID_ARGUMENT', argument: 'meeting' });
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
