import { describe, expect, it } from 'vitest';
import {
  decideDelivery,
  leaveQuietHours,
  atLocalMinute,
  planEnrollment,
  planMatch,
  planMeeting,
  NUDGE_ACTIONS,
  type DeliveryFacts,
  type Occurrence,
} from '../../../src/core/nudges/index.js';
import { renderPlain } from '../../../src/core/messages/plain-text.js';
import { enrollment, match, meeting, peer, person, wholeProgram } from './subjects.js';

const plan = planEnrollment(enrollment(), wholeProgram);
const find = (key: string, list: Occurrence[] = plan) => list.find((o) => o.key === key)!;
const at = (o: Occurrence, plusMinutes = 0) => new Date(o.dueAt.getTime() + plusMinutes * 60_000);
const facts = (o: Occurrence, patch: Partial<DeliveryFacts> = {}): DeliveryFacts => ({ now: at(o), recipient: person('ana'), enrollment: enrollment(), ...patch });
const textOf = (d: ReturnType<typeof decideDelivery>) => (d.kind === 'send' ? renderPlain(d.message.blocks) : '');

describe('supervision at delivery', () => {
  const week1 = find('supervision:enr-1:p0');
  const guided = find('supervision:enr-1:p12');

  it('sends the reminder with the phase’s call length when no call is logged in the period', () => {
    const d = decideDelivery(week1, facts(week1, { supervisionCalls: [] }));
    expect(d).toMatchObject({ kind: 'send', to: { kind: 'person', personId: 'ana' } });
    expect(textOf(d)).toContain('30-minute supervision call');
    expect(textOf(decideDelivery(guided, facts(guided)))).toContain('45-minute');
  });

  it("skips it when that period's supervision call is already logged, even in the other week of a bi-weekly period", () => {
    expect(decideDelivery(week1, facts(week1, { supervisionCalls: [new Date('2026-03-03T12:00:00Z')] }))).toEqual({ kind: 'skip', reason: "this period's supervision call is already logged" });
    const secondWeek = new Date(guided.expiresAt.getTime() - 2 * 86_400_000);
    expect(decideDelivery(guided, facts(guided, { supervisionCalls: [secondWeek] })).kind).toBe('skip');
    // A call shorter than the template's tolerance (80% of 30 min) does not keep the period.
    expect(decideDelivery(week1, facts(week1, { supervisionCalls: [{ at: new Date('2026-03-03T12:00:00Z'), minutes: 5 }] })).kind).toBe('send');
    expect(decideDelivery(week1, facts(week1, { supervisionCalls: [{ at: new Date('2026-03-03T12:00:00Z'), minutes: 24 }] })).kind).toBe('skip');
    // A call in the previous period does not count for this one.
    expect(decideDelivery(guided, facts(guided, { supervisionCalls: [new Date('2026-05-20T12:00:00Z')] })).kind).toBe('send');
  });

  it('holds it while the enrollment is paused, and skips it for a withdrawn person or a finished enrollment', () => {
    expect(decideDelivery(week1, facts(week1, { enrollment: enrollment({ status: 'paused' }) })).kind).toBe('hold');
    expect(decideDelivery(week1, facts(week1, { recipient: person('ana', { withdrawnAt: new Date('2026-03-01T00:00:00Z') }) })).kind).toBe('skip');
    expect(decideDelivery(week1, facts(week1, { enrollment: enrollment({ status: 'withdrawn' }) }))).toEqual({ kind: 'skip', reason: 'enrollment withdrawn' });
  });

  it('reschedules to the end of quiet hours when delivery would land inside them', () => {
    const quiet = person('ana', { quietStartMinute: 8 * 60 + 30, quietEndMinute: 10 * 60 });
    const d = decideDelivery(week1, facts(week1, { recipient: quiet, now: at(week1, 0) }));
    expect(d).toEqual({ kind: 'reschedule', dueAt: new Date('2026-03-02T10:00:00.000Z'), reason: 'quiet hours' });
  });

  it('waits out a program holiday that only holds reminders (template rule hold-nudges), and drops what expires during it', () => {
    const holiday = { start: at(week1, -60), end: at(week1, 24 * 60) };
    expect(decideDelivery(week1, facts(week1, { enrollment: enrollment({ holds: [holiday] }) }))).toEqual({ kind: 'reschedule', dueAt: holiday.end, reason: 'program holiday' });
    const long = { start: holiday.start, end: week1.expiresAt };
    expect(decideDelivery(week1, facts(week1, { enrollment: enrollment({ holds: [long] }) }))).toEqual({ kind: 'skip', reason: 'expired during a program holiday' });
    // Before or after the holiday, nothing changes.
    expect(decideDelivery(week1, facts(week1, { enrollment: enrollment({ holds: [{ start: at(week1, 60), end: at(week1, 120) }] }) })).kind).toBe('send');
  });

  it('reschedules a reminder whose time moved later (a pause since planning) and skips one whose period is over', () => {
    // Planned for Mon 9 Mar; a three-night pause since then starts week 2 on Thu 12 Mar.
    const week2 = find('supervision:enr-1:p1');
    const pause = { start: new Date('2026-03-03T12:00:00Z'), end: new Date('2026-03-06T12:00:00Z') };
    const d = decideDelivery(week2, facts(week2, { enrollment: enrollment({ pauses: [pause] }) }));
    expect(d).toEqual({ kind: 'reschedule', dueAt: new Date('2026-03-16T09:00:00.000Z'), reason: 'not due yet' });
    expect(decideDelivery(week1, facts(week1, { now: week1.expiresAt }))).toEqual({ kind: 'skip', reason: 'expired' });
  });
});

describe('phase changes at delivery', () => {
  it("announce the new phase's rhythm, commitment and outcomes from the template", () => {
    const guided = find('phase:enr-1:guided-practice');
    const text = textOf(decideDelivery(guided, facts(guided)));
    expect(text).toContain('Week 13: Guided practice begins');
    expect(text).toContain('every two weeks, 45 minutes');
    expect(text).toContain('By the end of Guided practice, you should be able to:');
    for (const outcome of enrollment().template.phases[1]!.outcomes!) expect(text).toContain(`• ${outcome}`);
  });
});

describe('reflections', () => {
  const prompt = find('reflection:enr-1:w5');
  const followup = find('reflection-followup:enr-1:w5');

  it("sends the phase's prompt for the week, rotating through the bank", () => {
    const w1 = find('reflection:enr-1:w1');
    const a = textOf(decideDelivery(w1, facts(w1)));
    const b = textOf(decideDelivery(prompt, facts(prompt)));
    expect(a).toContain('Week 1 reflection');
    expect(a).not.toEqual(b.replace('Week 5', 'Week 1'));
  });

  it('follows up at most once, only after the prompt went out and only while unanswered', () => {
    expect(decideDelivery(prompt, facts(prompt, { reflectedWeeks: [5] })).kind).toBe('skip');
    expect(decideDelivery(followup, facts(followup, { promptSent: false })).kind).toBe('skip');
    expect(decideDelivery(followup, facts(followup, { promptSent: true, reflectedWeeks: [5] })).kind).toBe('skip');
    const sent = decideDelivery(followup, facts(followup, { promptSent: true, reflectedWeeks: [4] }));
    expect(textOf(sent)).toContain('won’t remind you again');
  });
});

describe('first call at delivery', () => {
  // A program that keeps count (unlike peer-recovery, which steps back and never tells coordinators).
  const counting = { ...match().template, participation: { voluntary: true, canJoinLater: true, reportsToProgram: true } };
  const m = match({ template: counting });
  const planned = planMatch(m, { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-20T00:00:00Z'), now: new Date('2026-03-02T15:00:00Z') });
  const d3 = find('first-call:match-1:d3', planned);
  const mentee = find('first-call:match-1:d7:mentee', planned);
  const coordinator = find('first-call:match-1:d7:coordinator:cora', planned);
  const pairFacts = (o: Occurrence, patch: Partial<DeliveryFacts> = {}): DeliveryFacts => ({ now: at(o), recipient: person(o.personId!), match: m, releaseRequired: true, releaseInForce: true, ...patch });

  it('reminds the mentor while the release is in force, and not once it is revoked', () => {
    expect(textOf(decideDelivery(d3, pairFacts(d3)))).toContain('in 4 days');
    expect(decideDelivery(d3, pairFacts(d3, { releaseInForce: false }))).toEqual({ kind: 'skip', reason: 'release of information not in force' });
  });

  it('skips every step once the first call is logged or the match ended', () => {
    expect(decideDelivery(mentee, pairFacts(mentee, { firstCallLogged: true })).kind).toBe('skip');
    expect(decideDelivery(coordinator, pairFacts(coordinator, { match: { ...m, status: 'ended', endedAt: new Date('2026-03-08T00:00:00Z') } })).kind).toBe('skip');
  });

  it("offers the mentee a re-match button and tells the coordinator only the mentor's name and that it is overdue", () => {
    const offer = decideDelivery(mentee, pairFacts(mentee));
    expect(offer.kind === 'send' && offer.message.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []))).toEqual([
      { action: NUDGE_ACTIONS.rematch, value: 'match-1', label: 'Ask for a new match', style: 'primary' },
      { action: 'nudge.snooze', value: '1:first-call:match-1:d7:mentee', label: 'Remind me tomorrow' },
      { action: 'nudge.snooze', value: '3:first-call:match-1:d7:mentee', label: 'In 3 days' },
    ]);
    const told = textOf(decideDelivery(coordinator, pairFacts(coordinator)));
    expect(told).toContain('Mo');
    expect(told).toContain('overdue');
    expect(told).not.toContain('Ana');
  });
});

describe('cohort meetings at delivery', () => {
  const [day, hour] = planMeeting(meeting(), { from: new Date('2026-05-01T00:00:00Z'), to: new Date('2026-05-10T00:00:00Z'), now: new Date('2026-05-01T00:00:00Z') });

  it("posts to the cohort's channel with RSVP buttons", () => {
    const d = decideDelivery(day!, { now: at(day!), meeting: meeting() });
    expect(d).toMatchObject({ kind: 'send', to: { kind: 'channel', workspaceId: 'ws-1', channelId: 'C123' } });
    const buttons = d.kind === 'send' ? d.message.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.map((x) => `${x.action} ${x.value}`) : [])) : [];
    expect(buttons).toEqual(['cohort.rsvp meet-1:yes', 'cohort.rsvp meet-1:maybe', 'cohort.rsvp meet-1:no']);
  });

  it('carries the "Add to calendar" link when the process knows its public address', () => {
    const invite = 'https://t.example.org/calendar/meetings/meet-1.ics';
    const d = decideDelivery(day!, { now: at(day!), meeting: meeting(), meetingInvite: invite });
    expect(d.kind === 'send' ? d.message.text : '').toContain(`Add to calendar: ${invite}`);
  });

  it('skips a cancelled meeting, follows a moved one, and drops the 24 h reminder once the 1 h one is due', () => {
    expect(decideDelivery(day!, { now: at(day!), meeting: meeting({ cancelledAt: new Date('2026-05-04T00:00:00Z') }) }).kind).toBe('skip');
    const moved = meeting({ startsAt: new Date('2026-05-07T17:00:00Z') });
    expect(decideDelivery(day!, { now: at(day!), meeting: moved })).toMatchObject({ kind: 'reschedule', dueAt: new Date('2026-05-06T17:00:00Z') });
    expect(decideDelivery(day!, { now: at(hour!), meeting: meeting() })).toEqual({ kind: 'skip', reason: 'expired' });
  });
});

describe('local time helpers', () => {
  it('resolves a time skipped by spring-forward to the first instant after the gap', () => {
    expect(atLocalMinute(new Date('2026-03-08T12:00:00Z'), 'America/New_York', 2 * 60 + 30).toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });

  it('leaves quiet hours that wrap past midnight on the next morning', () => {
    const quiet = person('ana', { timeZone: 'Asia/Kolkata', quietStartMinute: 21 * 60, quietEndMinute: 7 * 60 });
    expect(leaveQuietHours(new Date('2026-03-02T17:00:00Z'), quiet).toISOString()).toBe('2026-03-03T01:30:00.000Z'); // 22:30 IST → 07:00 IST
    expect(leaveQuietHours(new Date('2026-03-02T06:00:00Z'), quiet).toISOString()).toBe('2026-03-02T06:00:00.000Z'); // 11:30 IST: not quiet
  });
});

describe('cohort reminder wording', () => {
  const headingOf = (d: ReturnType<typeof decideDelivery>) => (d.kind === 'send' ? d.message.blocks.find((b) => b.type === 'heading') : undefined);
  const [day, hour] = planMeeting(meeting(), { from: new Date('2026-05-01T00:00:00Z'), to: new Date('2026-05-10T00:00:00Z'), now: new Date('2026-05-01T00:00:00Z') });

  it('says "tomorrow" a day ahead and "in about an hour" an hour ahead', () => {
    expect(headingOf(decideDelivery(day!, { now: at(day!), meeting: meeting() }))).toEqual({ type: 'heading', text: 'Spring cohort: Peer consultation tomorrow' });
    expect(headingOf(decideDelivery(hour!, { now: at(hour!), meeting: meeting() }))).toEqual({ type: 'heading', text: 'Spring cohort: Peer consultation in about an hour' });
  });

  it('never says "tomorrow" on the meeting day: a day-ahead reminder that goes late, or one for a meeting set up that morning', () => {
    // The meeting starts at 17:00 UTC on 6 May; the 24 h reminder is still due (it expires at 16:00) but goes at 09:00.
    const late = decideDelivery(day!, { now: new Date('2026-05-06T09:00:00Z'), meeting: meeting() });
    expect(late.kind).toBe('send');
    expect(renderPlain(late.kind === 'send' ? late.message.blocks : [])).not.toContain('tomorrow');
    expect(headingOf(late)).toEqual({ type: 'heading', text: 'Spring cohort: Peer consultation in about 8 hours' });
  });
});

describe('the welcome at the program start', () => {
  const welcome = find('phase:enr-1:foundation');

  it('tells a trainee what phase 1 is about on their first day: focus, rhythm, commitment, outcomes', () => {
    expect(welcome.dueAt.toISOString()).toBe('2026-03-02T09:00:00.000Z');
    const text = textOf(decideDelivery(welcome, facts(welcome)));
    expect(text).toContain('Welcome to Interventionist certification mentorship');
    expect(text).toContain('You begin with Foundations (weeks 1–12).');
    expect(text).toContain('Supervision: every week, 30 minutes');
    expect(text).toContain('Time commitment: About 2–3 h a week');
    expect(text).toContain('• Run a basic family meeting with your mentor supervising.');
  });

  it('tells a mentor how their trainees’ first phase runs and that a weekly digest will come', () => {
    const mentor = enrollment({ role: 'mentor' });
    const o = planEnrollment(mentor, wholeProgram).find((x) => x.kind === 'phase')!;
    const text = textOf(decideDelivery(o, facts(o, { enrollment: mentor })));
    expect(text).toContain('Your trainees begin with Foundations (weeks 1–12).');
    expect(text).toContain('one digest of what waits for you');
  });

  it('promises only what the program does: a peer-recovery mentee hears of no supervision or hours, a peer mentor of no digest', () => {
    const mentee = enrollment({ template: peer, programName: peer.name });
    const o = planEnrollment(mentee, wholeProgram).find((x) => x.kind === 'phase')!;
    const text = textOf(decideDelivery(o, facts(o, { enrollment: mentee })));
    expect(text).toContain('I will send you a reflection prompt each week. `/mentor status` shows where you are any time.');
    const mentor = enrollment({ template: peer, programName: peer.name, role: 'mentor' });
    const m = planEnrollment(mentor, wholeProgram).find((x) => x.kind === 'phase')!;
    const told = textOf(decideDelivery(m, facts(m, { enrollment: mentor })));
    expect(told).toContain('Your mentees begin with');
    expect(told).not.toContain('digest');
  });
});
