import { describe, expect, it } from 'vitest';
import { parseRsvpValue, rsvpButtons } from '../../../src/core/cohorts/rsvp-buttons.js';
import { cohortPhase, meetingCode, parseLocalDateTime, parseMeetingCode, parseMeetingMinutes, planMonthlyMeetings, requireFuture } from '../../../src/core/cohorts/when.js';
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

describe('meeting length', () => {
  it('reads plain minutes and durations, and leaves other words for the title', () => {
    expect(parseMeetingMinutes('90', U)).toBe(90);
    expect(parseMeetingMinutes('1h30m', U)).toBe(90);
    expect(parseMeetingMinutes('1.5h', U)).toBe(90);
    expect(parseMeetingMinutes('Case', U)).toBeNull();
    expect(parseMeetingMinutes(undefined, U)).toBeNull();
  });

  it('refuses a length under 10 minutes or over 8 hours', () => {
    expect(codeOf(() => parseMeetingMinutes('5', U))).toBe('BAD_LENGTH');
    expect(codeOf(() => parseMeetingMinutes('9h', U))).toBe('BAD_LENGTH');
  });
});

describe('monthly peer meeting plan', () => {
  it('plans 4 meetings for the 16-week guided-practice phase of the certification template', () => {
    const plan = cohortPhase(findTemplate('certification-40-week')!.phases);
    expect(plan?.phase.key).toBe('guided-practice');
    expect(plan?.weeks).toBe(16);
    expect(planMonthlyMeetings(new Date('2026-03-03T18:00:00Z'), 'UTC', 16)).toHaveLength(4);
  });

  it('counts every four-week step that starts inside the phase', () => {
    const first = new Date('2026-03-03T18:00:00Z');
    expect(planMonthlyMeetings(first, 'UTC', 12)).toHaveLength(3);
    expect(planMonthlyMeetings(first, 'UTC', 14)).toHaveLength(4);
  });

  it('keeps the local wall-clock time across a clock change', () => {
    const first = parseLocalDateTime('2026-03-10', '18:00', 'Europe/London', U);
    const [, second] = planMonthlyMeetings(first, 'Europe/London', 8);
    expect(second!.toISOString()).toBe('2026-04-07T17:00:00.000Z');
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
