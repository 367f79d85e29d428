import { describe, expect, it } from 'vitest';
import { decideDelivery, planEnrollment, type DeliveryFacts, type Occurrence } from '../../../src/core/nudges/index.js';
import { readNaturalDate } from '../../../src/core/time/natural-date.js';
import { enrollment, person, wholeProgram } from './subjects.js';

const plan = planEnrollment(enrollment(), wholeProgram);
const find = (key: string) => plan.find((o) => o.key === key)!;
const facts = (o: Occurrence, patch: Partial<DeliveryFacts> = {}): DeliveryFacts => ({ now: o.dueAt, recipient: person('ana'), enrollment: enrollment(), ...patch });

describe('away, turned-off reminders and snoozed copies at delivery', () => {
  const prompt = find('reflection:enr-1:w2');
  const summary = find('hours-summary:enr-1:w2');
  const supervision = find('supervision:enr-1:p1');

  it('holds a nudge until the person is back, when it can still help, and skips it when it cannot', () => {
    const back = new Date(prompt.dueAt.getTime() + 86_400_000);
    expect(decideDelivery(prompt, facts(prompt, { recipient: person('ana', { awayUntil: back }) }))).toEqual({ kind: 'reschedule', dueAt: back, reason: 'away' });
    const tooLate = new Date(prompt.expiresAt.getTime() + 86_400_000);
    expect(decideDelivery(prompt, facts(prompt, { recipient: person('ana', { awayUntil: tooLate }) }))).toEqual({ kind: 'skip', reason: 'expired while away' });
    expect(decideDelivery(prompt, facts(prompt, { recipient: person('ana', { awayUntil: new Date(prompt.dueAt.getTime() - 1) }) })).kind).toBe('send');
  });

  it('skips an optional kind the person turned off, never a deadline', () => {
    const muted = person('ana', { mutedNudgeKinds: ['hours-summary', 'supervision'] });
    expect(decideDelivery(summary, facts(summary, { recipient: muted }))).toEqual({ kind: 'skip', reason: 'turned off by the person' });
    expect(decideDelivery(supervision, facts(supervision, { recipient: muted, supervisionCalls: [] })).kind).toBe('send');
  });

  it('sends a snoozed copy after its original expired, but not once the reflection is written', () => {
    const late = new Date(prompt.expiresAt.getTime() + 3_600_000);
    const copy = { ...prompt, key: `${prompt.key}:z${late.getTime()}`, dueAt: late, refs: { ...prompt.refs, snoozeOf: prompt.key } };
    const sent = decideDelivery(copy, facts(prompt, { now: late }));
    expect(sent.kind).toBe('send');
    expect(JSON.stringify(sent)).toContain(`nudge.snooze","value":"1:${prompt.key}"`);
    expect(decideDelivery(copy, facts(prompt, { now: late, reflectedWeeks: [2] }))).toEqual({ kind: 'skip', reason: 'reflection already written' });
  });
});

describe('natural dates, in the person’s zone', () => {
  // Tuesday 10 March 2026, 22:30 in Chicago: already Wednesday in UTC.
  const now = new Date('2026-03-11T03:30:00Z');
  it.each([
    ['yesterday', '2026-03-09'],
    ['today', '2026-03-10'],
    ['last tue', '2026-03-03'],
    ['3 days ago', '2026-03-07'],
    ['march 3', '2026-03-03'],
    ['2026-03-02', '2026-03-02'],
  ])('%s → %s', (text, date) => expect(readNaturalDate(text, now, 'America/Chicago', 'past')).toBe(date));

  it('reads the future for "away" and refuses what is not a date', () => {
    expect(readNaturalDate('in 2 weeks', now, 'America/Chicago', 'future')).toBe('2026-03-24');
    expect(readNaturalDate('banana', now, 'America/Chicago', 'past')).toBeNull();
    expect(readNaturalDate('felt good yesterday', now, 'America/Chicago', 'past')).toBeNull();
  });
});
