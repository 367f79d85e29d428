import { describe, expect, it } from 'vitest';
import { decideDelivery, planSteppedCare, type CountedCall, type DeliveryFacts, type Occurrence, type SteppedCareFacts, type SteppedCareSubject } from '../../../src/core/nudges/index.js';
import { traineeWeeks } from '../../../src/core/nudges/oversight/trainee-weeks.js';
import { rhythmOf } from '../../../src/core/nudges/rhythm.js';
import { renderPlain } from '../../../src/core/messages/plain-text.js';
import { parseTemplate } from '../../../src/core/programs/load-templates.js';
import { cert, enrollment, peer, person, wholeProgram } from './subjects.js';

// Stepped care in the 40-week template: a miss (a week with no hours, or a supervision period
// with no call long enough to keep it) nudges the trainee; 2 in a row tell the supervisor, 4 the
// coordinator, each once per run of misses.
const START = new Date('2026-03-02T15:00:00Z'); // the match began on the start day
const trainee = enrollment();
const subject = (patch: Partial<SteppedCareSubject> = {}): SteppedCareSubject => ({
  trainee,
  careSince: START,
  supervisor: person('mo', { timeZone: 'America/Chicago', nudgeMinute: 8 * 60 }),
  coordinators: [person('cora')],
  ...patch,
});
const all = planSteppedCare(subject(), wholeProgram);
const key = (k: string) => all.find((o) => o.key === k)!;
/** A call on day `day` (0-based) of the program, local date in UTC. */
const callOn = (day: number, minutes = 30, kind = 'supervision'): CountedCall => ({ day: new Date(Date.UTC(2026, 2, 2 + day)).toISOString().slice(0, 10), minutes, kind });
const careFacts = (calls: CountedCall[], patch: Partial<SteppedCareFacts> = {}): SteppedCareFacts => ({
  calls, careSince: START, supervisorId: 'mo', coordinatorIds: ['cora'], traineeName: 'Ana', supervisorName: 'Mo', matchId: 'match-1', ...patch,
});
const facts = (o: Occurrence, calls: CountedCall[], patch: Partial<DeliveryFacts> = {}): DeliveryFacts => ({
  now: o.dueAt,
  recipient: o.personId === 'ana' ? trainee.person : person(o.personId!),
  enrollment: trainee,
  steppedCare: careFacts(calls),
  ...patch,
});
/** Each step decided in due order at its due time, remembering what was sent, as the store does. */
function sentWeeks(role: string, calls: CountedCall[] | ((o: Occurrence) => CountedCall[])): number[] {
  const told: number[] = [];
  for (const o of all.filter((x) => x.refs.role === role)) {
    const known = typeof calls === 'function' ? calls(o) : calls;
    if (decideDelivery(o, facts(o, known, { steppedCare: careFacts(known, { toldWeeks: [...told] }) })).kind === 'send') told.push(o.refs.week!);
  }
  return told;
}
/** Calls known by an occurrence's due time: each is logged at `loggedOnDay` (0-based program day). */
const loggedBy = (logs: { call: CountedCall; loggedOnDay: number }[]) => (o: Occurrence) =>
  logs.filter((l) => START.getTime() + l.loggedOnDay * 86_400_000 <= o.dueAt.getTime()).map((l) => l.call);

describe('a trainee’s finished weeks', () => {
  const r = rhythmOf(trainee)!;

  it('counts weeks with no hours and supervision periods with no call in a row, for someone who logs nothing', () => {
    const weeks = traineeWeeks(r, [], START);
    expect([1, 2, 3].map((w) => weeks.check(w)).map((c) => [c.hoursStreak, c.supervisionStreak, c.missedPeriod?.index])).toEqual([[1, 1, 0], [2, 2, 1], [3, 3, 2]]);
    // Weeks 13–14 are one bi-weekly period: week 13 closes none, week 14 closes the 13th missed in a row.
    expect([weeks.check(13).supervisionStreak, weeks.check(14).supervisionStreak, weeks.check(14).hoursStreak]).toEqual([0, 13, 14]);
  });

  it('starts afresh after a week with hours; a short call keeps the hours but not the period', () => {
    const weeks = traineeWeeks(r, [callOn(8, 20)], START); // week 2: 20 of 30 minutes, under the template's 80%
    expect(weeks.check(2)).toMatchObject({ hourless: false, hoursStreak: 0, supervisionStreak: 2 });
    expect(weeks.check(3)).toMatchObject({ hoursStreak: 1, supervisionStreak: 3 });
    const kept = traineeWeeks(r, [callOn(8, 24)], START);
    expect(kept.check(3)).toMatchObject({ hoursStreak: 1, supervisionStreak: 1 });
  });

  it('never holds a week touched by a program holiday that holds reminders against the trainee', () => {
    // A holiday on days 15–16 (week 3); the clock runs on. Week 3 is a rest week and ends the run.
    const holds = [{ start: new Date('2026-03-17T00:00:00Z'), end: new Date('2026-03-19T00:00:00Z') }];
    const weeks = traineeWeeks(rhythmOf(enrollment({ holds }))!, [], START);
    expect([1, 2, 3, 4, 5].map((w) => weeks.check(w).hoursStreak)).toEqual([1, 2, 0, 1, 2]);
    expect(weeks.check(3)).toMatchObject({ hourless: false, missedPeriod: null });
    // Weeks 13–14 are one period: a holiday in week 13 leaves week 14 to make the call.
    const inPeriod = traineeWeeks(rhythmOf(enrollment({ holds: [{ start: new Date('2026-05-26T00:00:00Z'), end: new Date('2026-05-27T00:00:00Z') }] }))!, [], START);
    expect(inPeriod.check(14).supervisionStreak).toBe(13);
  });

  it('never holds weeks before the match against the trainee, nor anything without a match', () => {
    const matchedInWeek3 = traineeWeeks(r, [], new Date('2026-03-16T12:00:00Z'));
    expect([1, 2, 3, 4].map((w) => matchedInWeek3.check(w).hoursStreak)).toEqual([0, 0, 1, 2]);
    expect(traineeWeeks(r, [], null).check(5)).toMatchObject({ hourless: false, missedPeriod: null });
  });
});

describe('planning the steps', () => {
  it('checks each finished week for the trainee, from week 2 for the supervisor and week 4 for each coordinator', () => {
    const weeksOf = (role: string) => all.filter((o) => o.refs.role === role).map((o) => o.refs.week);
    expect(weeksOf('mentee')).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(weeksOf('supervisor')).toEqual(Array.from({ length: 39 }, (_, i) => i + 2));
    expect(weeksOf('coordinator')).toEqual(Array.from({ length: 37 }, (_, i) => i + 4));
    expect(new Set(all.map((o) => o.key)).size).toBe(all.length);
  });

  it('keys each step by trainee, week and recipient, the same however the windows fall', () => {
    expect([key('stepped-care:enr-1:w2').personId, key('stepped-care:enr-1:w2:supervisor:mo').personId, key('stepped-care:enr-1:w4:coordinator:cora').personId]).toEqual(['ana', 'mo', 'cora']);
    const day = 86_400_000;
    const pieces = Array.from({ length: 150 }, (_, i) => planSteppedCare(subject(), { from: new Date(START.getTime() + 2 * i * day), to: new Date(START.getTime() + (2 * i + 2) * day), now: new Date(START.getTime() + 2 * i * day) })).flat();
    const byKey = new Map(pieces.map((o) => [o.key, o.dueAt.toISOString()]));
    for (const o of all.filter((x) => x.dueAt.getTime() < START.getTime() + 299 * day)) expect([o.key, byKey.get(o.key)]).toEqual([o.key, o.dueAt.toISOString()]);
  });

  it('comes at each recipient’s own chosen minute after the week ends, never in their quiet hours', () => {
    expect(key('stepped-care:enr-1:w1').dueAt.toISOString()).toBe('2026-03-09T09:00:00.000Z'); // Ana: 09:00 UTC
    expect(key('stepped-care:enr-1:w2:supervisor:mo').dueAt.toISOString()).toBe('2026-03-16T13:00:00.000Z'); // Mo: 08:00 in Chicago (CDT)
    const quiet = planSteppedCare(subject({ coordinators: [person('cora', { quietStartMinute: 8 * 60, quietEndMinute: 11 * 60 })] }), wholeProgram);
    expect(quiet.find((o) => o.key === 'stepped-care:enr-1:w4:coordinator:cora')!.dueAt.toISOString()).toBe('2026-03-30T11:00:00.000Z');
  });

  it('plans nothing in a program without stepped care, for a trainee with no match, or one who is paused', () => {
    expect(planSteppedCare(subject({ trainee: enrollment({ template: peer }) }), wholeProgram)).toEqual([]);
    expect(planSteppedCare(subject({ trainee: enrollment({ status: 'paused' }) }), wholeProgram)).toEqual([]);
    const lateMatch = planSteppedCare(subject({ careSince: new Date('2026-03-16T12:00:00Z') }), wholeProgram);
    expect(Math.min(...lateMatch.map((o) => o.refs.week!))).toBe(3);
  });
});

describe('deciding the steps at delivery', () => {
  it('for someone who logs nothing for 40 weeks: the trainee every week, the supervisor once (week 2), the coordinator once (week 4)', () => {
    expect(sentWeeks('mentee', [])).toHaveLength(40);
    expect(sentWeeks('supervisor', [])).toEqual([2]);
    expect(sentWeeks('coordinator', [])).toEqual([4]);
  });

  it('tells nobody about someone who keeps their weeks; a new run of misses after a good week is told again', () => {
    const full = Array.from({ length: 40 }, (_, w) => callOn(w * 7 + 2, 60));
    expect([sentWeeks('mentee', full), sentWeeks('supervisor', full), sentWeeks('coordinator', full)]).toEqual([[], [], []]);
    // 30-minute calls keep the weekly periods, not the 45-minute bi-weekly ones (80% is 36 minutes).
    const short = Array.from({ length: 40 }, (_, w) => callOn(w * 7 + 2, 30));
    expect([sentWeeks('supervisor', short), sentWeeks('coordinator', short)]).toEqual([[16], [20]]);
    const once = [callOn(4 * 7 + 2)]; // only week 5 kept
    expect(sentWeeks('supervisor', once)).toEqual([2, 7]);
    expect(sentWeeks('coordinator', once)).toEqual([4, 9]);
  });

  it('does not tell the supervisor twice when a call logged late with an earlier date breaks a run they heard of', () => {
    // Weeks 1–2 empty: the supervisor is told at week 2. In week 4 a call dated week 2 is logged:
    // weeks 3–4 re-form a run of two, but to the supervisor it is the same quiet stretch.
    const late = loggedBy([{ call: callOn(9, 60, 'observation'), loggedOnDay: 23 }]);
    expect(sentWeeks('supervisor', late)).toEqual([2]);
    expect(sentWeeks('coordinator', late)).toEqual([4]);
    // The same for the coordinator: a call dated week 4, logged in week 6.
    const lateForCoordinator = loggedBy([{ call: callOn(23, 60), loggedOnDay: 38 }]);
    expect(sentWeeks('coordinator', lateForCoordinator)).toEqual([4]);
  });

  it('tells again about a run that begins after a week kept since the last notice, even if logged late', () => {
    // Told at week 2; week 5 kept by a call logged on time; weeks 6–7 are a new run.
    expect(sentWeeks('supervisor', loggedBy([{ call: callOn(30), loggedOnDay: 30 }]))).toEqual([2, 7]);
    // Week 3 kept by a call logged in week 5: weeks 4–5 came after a kept week the supervisor can see.
    expect(sentWeeks('supervisor', loggedBy([{ call: callOn(16), loggedOnDay: 30 }]))).toEqual([2, 5]);
  });

  it('tells a run that reached the step after its weeks were checked (a call disputed later), once', () => {
    // Week 2's call counts until it is disputed in week 4: week 3 was a run of one, week 4 one of three.
    const disputed = (o: Occurrence) => (o.dueAt.getTime() < START.getTime() + 24 * 86_400_000 ? [callOn(9)] : []);
    expect(sentWeeks('supervisor', disputed)).toEqual([4]);
  });

  it('lets the latest finished week of a run speak when several notices fall due together', () => {
    const o = key('stepped-care:enr-1:w2:supervisor:mo');
    const late = { now: key('stepped-care:enr-1:w3:supervisor:mo').dueAt };
    expect(decideDelivery(o, facts(o, [], late))).toEqual({ kind: 'skip', reason: 'a later week of the same run is told instead' });
    const w3 = key('stepped-care:enr-1:w3:supervisor:mo');
    expect(decideDelivery(w3, facts(w3, [])).kind).toBe('send');
    expect(decideDelivery(w3, facts(w3, [], { steppedCare: careFacts([], { toldWeeks: [2] }) }))).toEqual({ kind: 'skip', reason: 'already told of this run of misses' });
  });

  it('skips a notice for someone no longer the trainee’s supervisor or coordinator', () => {
    const o = key('stepped-care:enr-1:w2:supervisor:mo');
    expect(decideDelivery(o, facts(o, [], { steppedCare: careFacts([], { supervisorId: 'sue' }) }))).toEqual({ kind: 'skip', reason: 'no longer their supervisor' });
    const c = key('stepped-care:enr-1:w4:coordinator:cora');
    expect(decideDelivery(c, facts(c, [], { steppedCare: careFacts([], { coordinatorIds: [] }) }))).toEqual({ kind: 'skip', reason: 'no longer a coordinator of the program' });
  });

  it('says counts and weeks only; the supervisor gets the trainee’s call button, the coordinator who the supervisor is', () => {
    const o = key('stepped-care:enr-1:w2:supervisor:mo');
    const d = decideDelivery(o, facts(o, []));
    expect(d.kind).toBe('send');
    const text = renderPlain(d.kind === 'send' ? d.message.blocks : []);
    expect(text).toContain('Ana (Interventionist certification mentorship) has had 2 weeks in a row with no hours logged (the last: week 2), and 2 supervision periods in a row without a call (the last: week 2).');
    expect(d.kind === 'send' && d.message.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.map((x) => `${x.action} ${x.value}`) : []))).toEqual(['trainee.log-call match-1:30', 'status.open status']);
    const c = key('stepped-care:enr-1:w4:coordinator:cora');
    const told = decideDelivery(c, facts(c, [callOn(1, 30, 'observation')])); // week 1 had hours: only the periods reach 4
    expect(renderPlain(told.kind === 'send' ? told.message.blocks : [])).toContain('has had 3 weeks in a row with no hours logged (the last: week 4), and 4 supervision periods in a row without a call (the last: week 4). A supervisor hears after 2 in a row; theirs is Mo.');
  });

  it('lets the stepped-care nudge speak for a week with a miss instead of the hours summary', async () => {
    const { planEnrollment } = await import('../../../src/core/nudges/index.js');
    const summary = planEnrollment(trainee, wholeProgram).find((o) => o.key === 'hours-summary:enr-1:w1')!;
    expect(decideDelivery(summary, facts(summary, [], { recipient: trainee.person }))).toEqual({ kind: 'skip', reason: 'stepped care speaks for this week' });
    expect(decideDelivery(summary, facts(summary, [callOn(2)], { recipient: trainee.person, weekMinutes: 30 })).kind).toBe('send');
  });
});

describe('the template', () => {
  it('sets the thresholds in the 40-week program', () => {
    expect(cert.steppedCare).toEqual({ supervisorAfter: 2, coordinatorAfter: 4 });
  });

  it('refuses a coordinator step that does not come after the supervisor step, and stepped care in a program that steps back', () => {
    const raw = JSON.parse(JSON.stringify(cert));
    expect(() => parseTemplate({ ...raw, steppedCare: { supervisorAfter: 3, coordinatorAfter: 3 } })).toThrow(/steppedCare\.coordinatorAfter: must be more than supervisorAfter/);
    const peerRaw = JSON.parse(JSON.stringify(peer));
    expect(() => parseTemplate({ ...peerRaw, steppedCare: { supervisorAfter: 2, coordinatorAfter: 4 } })).toThrow(/steppedCare: needs a program that reports/);
  });
});
