import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { planEnrollment, planMatch, planMeeting, type Occurrence } from '../../../src/core/nudges/index.js';
import { cert, enrollment, match, meeting, peer, person, wholeProgram } from './subjects.js';

const count = (list: Occurrence[], kind: string) => list.filter((o) => o.kind === kind).length;
const local = (o: Occurrence, zone: string) => DateTime.fromJSDate(o.dueAt, { zone });

describe('the 40-week certification rhythm of one trainee', () => {
  const all = planEnrollment(enrollment(), wholeProgram);

  it('has one supervision reminder per period: 12 weekly, 8 bi-weekly, 3 monthly', () => {
    const byPhase = (key: string) => all.filter((o) => o.kind === 'supervision' && o.refs.phaseKey === key).length;
    expect([byPhase('foundation'), byPhase('guided-practice'), byPhase('independent-practice')]).toEqual([12, 8, 3]);
    expect(new Set(all.map((o) => o.key)).size).toBe(all.length);
  });

  it('has 40 weekly reflection prompts, 40 single follow-ups and 40 hours summaries', () => {
    expect([count(all, 'reflection'), count(all, 'reflection-followup'), count(all, 'hours-summary')]).toEqual([40, 40, 40]);
  });

  it('welcomes the trainee at the start, announces the two phase changes and reminds of the final case review two weeks ahead', () => {
    expect(all.filter((o) => o.kind === 'phase').map((o) => o.refs.phaseKey)).toEqual(['foundation', 'guided-practice', 'independent-practice']);
    const welcome = all.find((o) => o.kind === 'phase')!;
    expect([welcome.key, welcome.dueAt.toISOString()]).toEqual(['phase:enr-1:foundation', '2026-03-02T09:00:00.000Z']); // day 1, 09:00
    const review = all.find((o) => o.kind === 'final-case-review')!;
    expect(review.dueAt.toISOString()).toBe('2026-11-16T09:00:00.000Z'); // week 38, day 1, 09:00 UTC
  });

  it('gives a mentor none of the trainee rhythm, only the welcome', () => {
    expect(planEnrollment(enrollment({ role: 'mentor' }), wholeProgram).map((o) => o.key)).toEqual(['phase:enr-1:foundation']);
  });

  it('plans nothing for a paused, withdrawn or not-yet-started enrollment', () => {
    expect(planEnrollment(enrollment({ status: 'paused' }), wholeProgram)).toEqual([]);
    expect(planEnrollment(enrollment({ person: person('ana', { withdrawnAt: new Date('2026-02-01T00:00:00Z') }) }), wholeProgram)).toEqual([]);
    expect(planEnrollment(enrollment({ startDate: null }), wholeProgram)).toEqual([]);
  });
});

describe('supervision reminders come at each person’s chosen local weekday and time, across DST', () => {
  it.each([
    ['America/New_York', 3, 18 * 60 + 30],
    ['Asia/Kolkata', 1, 9 * 60],
    ['Europe/London', 5, 7 * 60 + 15],
  ])('%s, weekday %i at minute %i', (zone, weekday, minute) => {
    const e = enrollment({ startDate: '2026-02-23', person: person('ana', { timeZone: zone, nudgeWeekday: weekday, nudgeMinute: minute }) });
    const reminders = planEnrollment(e, wholeProgram).filter((o) => o.kind === 'supervision');
    expect(reminders).toHaveLength(23);
    for (const o of reminders) {
      const t = local(o, zone);
      expect({ weekday: t.weekday, minute: t.hour * 60 + t.minute }).toEqual({ weekday, minute });
    }
    // New York's offset changes between the first and a later reminder; the local time does not.
    const offsets = new Set(reminders.map((o) => local(o, zone).offset));
    expect(offsets.size).toBe(zone === 'Asia/Kolkata' ? 1 : 2);
  });
});

describe('people who have not chosen a time', () => {
  it('are spread over 09:00–09:59 on Monday, each always at the same minute, so a workspace is not nudged all at once', () => {
    const minutes = Array.from({ length: 200 }, (_, i) => {
      const e = enrollment({ id: `enr-${i}`, person: person(`person-${i}`, { nudgeMinute: null }) });
      const reminders = planEnrollment(e, wholeProgram).filter((o) => o.kind === 'supervision').map((o) => local(o, 'UTC'));
      expect(new Set(reminders.map((t) => `${t.weekday} ${t.toFormat('HH:mm')}`)).size).toBe(1);
      return reminders[0]!.hour * 60 + reminders[0]!.minute;
    });
    expect(Math.min(...minutes)).toBeGreaterThanOrEqual(9 * 60);
    expect(Math.max(...minutes)).toBeLessThan(10 * 60);
    expect(new Set(minutes).size).toBeGreaterThan(40);
  });
});

describe('quiet hours and pauses', () => {
  it('moves a nudge that falls in quiet hours to the end of them', () => {
    const e = enrollment({ person: person('ana', { nudgeMinute: 6 * 60, quietStartMinute: 22 * 60, quietEndMinute: 8 * 60 }) });
    const first = planEnrollment(e, wholeProgram).find((o) => o.kind === 'supervision')!;
    expect(first.dueAt.toISOString()).toBe('2026-03-02T08:00:00.000Z');
  });

  it('shifts everything after a finished pause by the paused days', () => {
    const pause = { start: new Date('2026-03-10T12:00:00Z'), end: new Date('2026-03-17T12:00:00Z') };
    const plain = planEnrollment(enrollment(), wholeProgram).filter((o) => o.kind === 'supervision');
    const paused = planEnrollment(enrollment({ pauses: [pause] }), wholeProgram).filter((o) => o.kind === 'supervision');
    expect(paused).toHaveLength(23);
    // Week 2's Monday came before the pause; week 3 begins seven paused midnights later.
    expect(paused[1]!.dueAt.toISOString()).toBe('2026-03-09T09:00:00.000Z');
    expect(paused[2]!.dueAt.toISOString()).toBe('2026-03-23T09:00:00.000Z');
    expect(paused[5]!.dueAt.getTime() - plain[5]!.dueAt.getTime()).toBe(7 * 86_400_000);
  });
});

describe('the planning window', () => {
  it('keeps only occurrences due inside it and drops expired ones', () => {
    const now = new Date('2026-03-04T00:00:00Z');
    const due = planEnrollment(enrollment(), { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-06T00:00:00Z'), now });
    // The week-1 supervision reminder (Mon 2 Mar) is still in its week; the reflection is due 5 Mar.
    expect(due.map((o) => o.key)).toEqual(['supervision:enr-1:p0', 'reflection:enr-1:w1', 'phase:enr-1:foundation']);
    const later = planEnrollment(enrollment(), { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-06T00:00:00Z'), now: new Date('2026-03-09T01:00:00Z') });
    expect(later).toEqual([]);
  });

  it('plans an open-ended peer-recovery enrollment as far as the window reaches, with evaluations every 12 weeks', () => {
    const e = enrollment({ template: peer, programName: peer.name, role: 'mentor' });
    const year = planEnrollment(e, { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2027-03-01T00:00:00Z'), now: new Date('2026-03-01T00:00:00Z') });
    expect(year.filter((o) => o.kind === 'evaluation').map((o) => o.refs.occasion)).toEqual(['week-12', 'week-24', 'week-36', 'week-48']);
    expect(year.filter((o) => o.kind !== 'evaluation').map((o) => o.key)).toEqual(['phase:enr-1:relationship']);
    const mentee = planEnrollment(enrollment({ template: peer, programName: peer.name }), { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z'), now: new Date('2026-03-01T00:00:00Z') });
    expect(count(mentee, 'reflection')).toBe(4);
    expect(count(mentee, 'supervision')).toBe(0);
  });
});

describe('first call', () => {
  const window = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-20T00:00:00Z'), now: new Date('2026-03-02T15:00:00Z') };

  it('never tells coordinators about first-call timing in a program that steps back after the match', () => {
    expect(planMatch(match(), window).map((o) => o.key)).toEqual(['first-call:match-1:d3', 'first-call:match-1:d6', 'first-call:match-1:d7:mentee']);
  });

  it('reminds the mentor on day 3 and day 6 at their chosen time, then tells mentee and coordinator after the deadline', () => {
    const counting = { ...match().template, participation: { voluntary: true, canJoinLater: true, reportsToProgram: true } };
    const m = match({ template: counting, mentor: { enrollmentId: 'enr-mentor', person: person('mo', { timeZone: 'America/New_York', nudgeMinute: 8 * 60 }) } });
    const planned = planMatch(m, window);
    expect(planned.map((o) => [o.key, o.personId, o.dueAt.toISOString()])).toEqual([
      ['first-call:match-1:d3', 'mo', '2026-03-05T13:00:00.000Z'], // 08:00 EST
      ['first-call:match-1:d6', 'mo', '2026-03-08T12:00:00.000Z'], // 08:00 EDT, after the DST change
      ['first-call:match-1:d7:mentee', 'ana', '2026-03-10T09:00:00.000Z'], // deadline 15:00 UTC → next 09:00
      ['first-call:match-1:d7:coordinator:cora', 'cora', '2026-03-10T09:00:00.000Z'],
    ]);
  });

  it('plans nothing once the first call is logged or the match is not active', () => {
    expect(planMatch(match({ firstCallAt: new Date('2026-03-03T10:00:00Z') }), window)).toEqual([]);
    expect(planMatch(match({ status: 'proposed', activatedAt: null }), window)).toEqual([]);
  });

  it('asks both sides for an end-of-relationship evaluation when a match ends', () => {
    const ended = match({ status: 'ended', endedAt: new Date('2026-03-12T20:00:00Z') });
    const planned = planMatch(ended, { ...window, now: new Date('2026-03-12T20:00:00Z') });
    expect(planned.map((o) => [o.key, o.dueAt.toISOString()])).toEqual([
      ['evaluation:enr-mentor:match-end:match-1', '2026-03-13T09:00:00.000Z'],
      ['evaluation:enr-mentee:match-end:match-1', '2026-03-13T09:00:00.000Z'],
    ]);
  });
});

describe('cohort meetings', () => {
  it('reminds the channel 24 hours and 1 hour before, and never for a cancelled meeting', () => {
    const window = { from: new Date('2026-05-01T00:00:00Z'), to: new Date('2026-05-10T00:00:00Z'), now: new Date('2026-05-01T00:00:00Z') };
    expect(planMeeting(meeting(), window).map((o) => [o.key, o.channel, o.dueAt.toISOString()])).toEqual([
      ['cohort:meet-1:24h', 'C123', '2026-05-05T17:00:00.000Z'],
      ['cohort:meet-1:1h', 'C123', '2026-05-06T16:00:00.000Z'],
    ]);
    expect(planMeeting(meeting({ cancelledAt: new Date('2026-05-02T00:00:00Z') }), window)).toEqual([]);
  });
});

it('uses the certification template the tests assume', () => {
  expect(cert.weeks).toBe(40);
});
