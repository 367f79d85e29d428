import { describe, expect, it } from 'vitest';
import { parseRsvpValue, rsvpButtons } from '../../../src/core/cohorts/rsvp-buttons.js';
import { checkMeetingMinutes, cohortPhase, MEETING_MINUTES, meetingCode, parseLocalDateTime, parseMeetingCode, requireFuture } from '../../../src/core/cohorts/when.js';
import { slotDaysFrom, stepOverHolidays } from '../../../src/core/cohorts/series.js';
import { calendarDate } from '../../../src/core/time/local-date.js';
import { UserError } from '../../../src/core/errors.js';
import { findTemplate } from '../../../src/core/programs/load-templates.js';

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserError) return error.code;
    throw error;
  }
  return 'no error';
};
const U = 'usage';

describe('meeting date and time', () => {
  it('reads a local date and time in the given zone (summer time in London)', () => {
    expect(parseLocalDateTime('2026-04-07', '18:30', 'Europe/London', U).toISOString()).toBe('2026-04-07T17:30:00.000Z');
    expect(parseLocalDateTime('2026-01-07', '9:05', 'America/New_York', U).toISOString()).toBe('2026-01-07T14:05:00.000Z');
  });

  it('refuses malformed and impossible dates', () => {
    expect(codeOf(() => parseLocalDateTime('07/04/2026', '18:30', 'UTC', U))).toBe('BAD_DATE');
    expect(codeOf(() => parseLocalDateTime('2026-02-30', '18:30', 'UTC', U))).toBe('BAD_DATE');
    expect(codeOf(() => parseLocalDateTime(undefined, undefined, 'UTC', U))).toBe('BAD_DATE');
  });

  it('refuses malformed times and a time the spring clock change skips', () => {
    expect(codeOf(() => parseLocalDateTime('2026-04-07', '24:00', 'UTC', U))).toBe('BAD_TIME');
    expect(codeOf(() => parseLocalDateTime('2026-04-07', '6pm', 'UTC', U))).toBe('BAD_TIME');
    expect(codeOf(() => parseLocalDateTime('2026-04-07', undefined, 'UTC', U))).toBe('BAD_TIME');
    expect(codeOf(() => parseLocalDateTime('2026-03-29', '01:30', 'Europe/London', U))).toBe('BAD_TIME');
  });

  it('refuses a time that is not after now', () => {
    const now = new Date('2026-03-02T09:00:00Z');
    expect(codeOf(() => requireFuture(now, now, U))).toBe('PAST_MEETING');
    expect(codeOf(() => requireFuture(new Date('2026-03-02T09:01:00Z'), now, U))).toBe('no error');
  });
});

describe('the day a meeting is on', () => {
  it('reads today and yesterday in the given zone, and keeps a written date', () => {
    const now = new Date('2026-03-02T23:30:00Z');
    expect(calendarDate('today', now, 'Europe/London')).toBe('2026-03-02');
    expect(calendarDate('TODAY', now, 'Asia/Tokyo')).toBe('2026-03-03');
    expect(calendarDate('yesterday', now, 'Europe/London')).toBe('2026-03-01');
    expect(calendarDate('2026-04-07', now, 'Europe/London')).toBe('2026-04-07');
  });
});

describe('meeting length (the declared `minutes` argument)', () => {
  it('reads plain minutes and durations, and leaves other words for the title', () => {
    expect(checkMeetingMinutes('90')).toEqual({ ok: true, value: 90 });
    expect(checkMeetingMinutes('1h30m')).toEqual({ ok: true, value: 90 });
    expect(checkMeetingMinutes('1.5h')).toEqual({ ok: true, value: 90 });
    expect(MEETING_MINUTES.looksLike!('90')).toBe(true);
    expect(MEETING_MINUTES.looksLike!('1h30m')).toBe(true);
    expect(MEETING_MINUTES.looksLike!('Case')).toBe(false);
  });

  it('refuses a length under 10 minutes or over 8 hours, and a length it cannot read', () => {
    expect(checkMeetingMinutes('5')).toEqual({ ok: false, problem: expect.stringMatching(/between 10 and 480 minutes/) });
    expect(checkMeetingMinutes('9h')).toEqual({ ok: false, problem: expect.stringMatching(/A meeting of 540 minutes/) });
    expect(checkMeetingMinutes('1h30')).toEqual({ ok: false, problem: expect.stringMatching(/not a length I understand/) });
  });
});

describe('monthly peer meeting plan', () => {
  const guided = () => cohortPhase(findTemplate('certification-40-week')!.phases)!;

  it('plans 4 meetings for the 16-week guided-practice phase of the certification template', () => {
    const plan = guided();
    expect(plan.phase.key).toBe('guided-practice');
    expect(plan.weeks).toBe(16);
    expect(slotDaysFrom('2026-03-03', plan)).toEqual(['2026-03-03', '2026-03-31', '2026-04-28', '2026-05-26']);
  });

  it('counts every four-week step that starts inside the phase', () => {
    expect(slotDaysFrom('2026-03-03', { ...guided(), weeks: 12 })).toHaveLength(3);
    expect(slotDaysFrom('2026-03-03', { ...guided(), weeks: 14 })).toHaveLength(4);
  });

  it('keeps the local wall-clock time across a clock change: each meeting is its day at the same local time', () => {
    const [first, second] = slotDaysFrom('2026-03-10', { ...guided(), weeks: 8 });
    expect(parseLocalDateTime(first, '18:00', 'Europe/London', U).toISOString()).toBe('2026-03-10T18:00:00.000Z');
    expect(parseLocalDateTime(second, '18:00', 'Europe/London', U).toISOString()).toBe('2026-04-07T17:00:00.000Z');
  });

  it('steps over program holidays to the first day after them, through holidays that follow each other', () => {
    const holidays = [{ first: '2026-12-24', last: '2026-12-26' }, { first: '2026-12-27', last: '2026-12-27' }];
    expect(stepOverHolidays('2026-12-25', holidays)).toBe('2026-12-28');
    expect(stepOverHolidays('2026-12-23', holidays)).toBe('2026-12-23');
  });

  it('finds no phase to plan in a program without cohort meetings', () => {
    expect(cohortPhase(findTemplate('peer-recovery')!.phases)).toBeNull();
  });
});

describe('meeting codes and RSVP values', () => {
  const id = '3f9a2c11-7b1e-4c3d-9a8b-0123456789ab';

  it('names a meeting by the first six characters of its id, accepting # and capitals', () => {
    expect(meetingCode(id)).toBe('3f9a2c');
    expect(parseMeetingCode('#3F9A2C')).toBe('3f9a2c');
    expect(parseMeetingCode(id)).toBe(id);
    expect(parseMeetingCode('ab')).toBeNull();
    expect(parseMeetingCode('tuesday')).toBeNull();
  });

  it('round-trips every RSVP button value and refuses anything else', () => {
    expect(rsvpButtons(id).map((b) => parseRsvpValue(b.value))).toEqual([
      { meetingId: id, response: 'yes' },
      { meetingId: id, response: 'maybe' },
      { meetingId: id, response: 'no' },
    ]);
    expect(rsvpButtons(id).every((b) => b.action === 'cohort.rsvp')).toBe(true);
    expect(parseRsvpValue(`${id}:perhaps`)).toBeNull();
    expect(parseRsvpValue('yes')).toBeNull();
  });
});
