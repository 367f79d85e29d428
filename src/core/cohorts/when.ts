// Pure helpers for meeting times: local date + time in a zone, meeting lengths, meeting codes,
// and the monthly plan of peer meetings. Time always arrives as an argument.
import { DateTime } from 'luxon';
import type { CustomKind, KindCheck } from '../commands/arguments/kinds.js';
import { UserError } from '../errors.js';
import type { Phase } from '../programs/template-schema.js';
import { parseDurationMinutes } from '../time/duration.js';

/** `2026-04-07` + `18:30` in `zone`, refusing impossible dates and times a clock change skips. */
export function parseLocalDateTime(date: string | undefined, time: string | undefined, zone: string, usage?: string): Date {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw new UserError(date ? `"${date}" is not a date I understand. Write it as YYYY-MM-DD, e.g. 2026-04-07.` : 'Give the date as YYYY-MM-DD.', { code: 'BAD_DATE', usage });
  }
  const clock = time ? /^(\d{1,2}):(\d{2})$/.exec(time) : null;
  const hour = Number(clock?.[1]);
  const minute = Number(clock?.[2]);
  if (!clock || hour > 23 || minute > 59) {
    throw new UserError(time ? `"${time}" is not a time I understand. Write it as HH:MM on the 24-hour clock, e.g. 18:30.` : 'Give the time as HH:MM, e.g. 18:30.', { code: 'BAD_TIME', usage });
  }
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const at = DateTime.fromObject({ year, month, day, hour, minute }, { zone });
  if (!at.isValid) throw new UserError(`There is no date ${date} in the calendar.`, { code: 'BAD_DATE', usage });
  // luxon moves a time inside a spring-forward gap; we refuse it rather than guess.
  if (at.hour !== hour || at.minute !== minute || at.day !== day) {
    throw new UserError(`${time} doesn't exist on ${date} in ${zone} (the clocks change that night). Pick another time.`, { code: 'BAD_TIME', usage });
  }
  return at.toJSDate();
}

export function requireFuture(at: Date, now: Date, usage?: string): void {
  if (at.getTime() <= now.getTime()) throw new UserError('That time has already passed. Meetings can only be scheduled in the future.', { code: 'PAST_MEETING', usage });
}

const MIN_MEETING = 10;
const MAX_MEETING = 480;
const LENGTH = /^\d+(\.\d+)?([hm]\d*m?)*$/i;

/** `90`, `90m`, `1h30m` or `1.5h` → minutes, between 10 minutes and 8 hours. */
export function checkMeetingMinutes(word: string): KindCheck {
  let minutes: number | null = null;
  if (/^\d+$/.test(word)) minutes = Number(word);
  else if (LENGTH.test(word)) {
    try {
      minutes = parseDurationMinutes(word, 'hm');
    } catch {
      minutes = null;
    }
  }
  if (minutes === null) return { ok: false, problem: `"${word}" is not a length I understand. Give minutes (90) or hours and minutes (1h30m).` };
  if (minutes < MIN_MEETING || minutes > MAX_MEETING) return { ok: false, problem: `A meeting of ${minutes} minutes? Give a length between ${MIN_MEETING} and ${MAX_MEETING} minutes.` };
  return { ok: true, value: minutes };
}

/**
 * A meeting's length as people have always typed it: plain minutes or a duration. Its own kind,
 * because `integer` would not take `1h30m` and `duration` would not take a bare `90`; a word that
 * does not look like a length starts the title instead.
 */
export const MEETING_MINUTES: CustomKind = {
  label: 'minutes',
  check: checkMeetingMinutes,
  looksLike: (word) => LENGTH.test(word),
};

/** Meetings are named by the first characters of their id: short to type, the same everywhere. */
export const MEETING_CODE_LENGTH = 6;
export const meetingCode = (meetingId: string): string => meetingId.slice(0, MEETING_CODE_LENGTH);

/** A typed meeting code (`3f9a2c`, `#3f9a2c`, or a full id), lower-cased; null when it cannot be one. */
export function parseMeetingCode(word: string | undefined): string | null {
  const code = word?.replace(/^#/, '').toLowerCase();
  return code && /^[0-9a-f][0-9a-f-]{3,35}$/.test(code) ? code : null;
}

/** The phase of the template that holds peer cohort meetings, with its length in weeks. */
export function cohortPhase(phases: Phase[]): { phase: Phase; weeks: number } | null {
  const phase = phases.find((p) => p.cohortMeetings);
  if (!phase || phase.endWeek === undefined) return null;
  return { phase, weeks: phase.endWeek - phase.startWeek + 1 };
}
