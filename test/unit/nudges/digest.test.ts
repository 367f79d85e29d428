import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { decideDelivery, planDigest, type DeliveryFacts, type DigestTrainee, type Occurrence } from '../../../src/core/nudges/index.js';
import { renderPlain } from '../../../src/core/messages/plain-text.js';
import { enrollment, person } from './subjects.js';

// The weekly digest of a mentor or supervisor: one per person, workspace and week of their own
// calendar, on their chosen weekday and minute; counts and reasons only; nothing waiting, nothing sent.
const mo = person('mo', { timeZone: 'America/New_York', nudgeWeekday: 2, nudgeMinute: 8 * 60 + 30 });
const spring = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z'), now: new Date('2026-03-01T00:00:00Z') };
const digests = planDigest({ person: mo, workspaceId: 'ws-1' }, spring);
const week = (label: string) => digests.find((o) => o.key === `digest:mo:ws-1:${label}`)!;

const trainee = (patch: Partial<DigestTrainee> = {}): DigestTrainee => ({
  enrollment: enrollment({ id: 'enr-tia', person: person('tia') }),
  name: 'Tia',
  matchId: 'match-tia',
  supervises: true,
  callsToConfirm: 0,
  itemsToVerify: 0,
  checkIns: [],
  // A supervision call in every week: nothing missed.
  calls: Array.from({ length: 8 }, (_, w) => ({ day: DateTime.fromISO('2026-03-04').plus({ weeks: w }).toISODate()!, minutes: 30, kind: 'supervision' })),
  careSince: new Date('2026-03-02T12:00:00Z'),
  ...patch,
});
const silent = (patch: Partial<DigestTrainee> = {}) => trainee({ enrollment: enrollment({ id: 'enr-sam', person: person('sam') }), name: 'Sam', matchId: 'match-sam', calls: [], ...patch });
const facts = (o: Occurrence, digest: DigestTrainee[], patch: Partial<DeliveryFacts> = {}): DeliveryFacts => ({ now: o.dueAt, recipient: mo, digest, ...patch });
const textOf = (d: ReturnType<typeof decideDelivery>) => (d.kind === 'send' ? renderPlain(d.message.blocks) : '');

describe('planning the digest', () => {
  it('is one per ISO week, on the person’s chosen weekday and minute in their own zone, across DST', () => {
    expect(digests.map((o) => o.key)).toEqual(['W10', 'W11', 'W12', 'W13', 'W14'].map((w) => `digest:mo:ws-1:2026-${w}`));
    for (const o of digests) expect(DateTime.fromJSDate(o.dueAt, { zone: 'America/New_York' }).toFormat('ccc HH:mm')).toBe('Tue 08:30');
    expect(week('2026-W10').dueAt.toISOString()).toBe('2026-03-03T13:30:00.000Z'); // EST
    expect(week('2026-W12').dueAt.toISOString()).toBe('2026-03-17T12:30:00.000Z'); // EDT
  });

  it('keeps its key when the person picks another weekday, so a week never gets two', () => {
    const friday = planDigest({ person: { ...mo, nudgeWeekday: 5 }, workspaceId: 'ws-1' }, spring);
    for (const o of friday) expect(digests.map((d) => d.key)).toContain(o.key);
    expect(DateTime.fromJSDate(friday.find((o) => o.key.endsWith('W10'))!.dueAt, { zone: 'America/New_York' }).toFormat('ccc HH:mm')).toBe('Fri 08:30');
    expect(planDigest({ person: mo, workspaceId: 'ws-1' }, spring)).toEqual(digests);
  });

  it('leaves quiet hours, and plans nothing for someone who withdrew', () => {
    const quiet = planDigest({ person: { ...mo, quietStartMinute: 20 * 60, quietEndMinute: 10 * 60 }, workspaceId: 'ws-1' }, spring);
    expect(DateTime.fromJSDate(quiet[0]!.dueAt, { zone: 'America/New_York' }).toFormat('ccc HH:mm')).toBe('Tue 10:00');
    expect(planDigest({ person: { ...mo, withdrawnAt: new Date('2026-02-01T00:00:00Z') }, workspaceId: 'ws-1' }, spring)).toEqual([]);
  });
});

describe('what the digest says', () => {
  const w12 = week('2026-W12'); // Tue 17 March: Sam's weeks 1 and 2 are over

  it('is not sent when nothing waits', () => {
    expect(decideDelivery(w12, facts(w12, [trainee()]))).toEqual({ kind: 'skip', reason: 'nothing waits' });
    expect(decideDelivery(w12, facts(w12, []))).toEqual({ kind: 'skip', reason: 'nothing waits' });
  });

  it('lists, per trainee, calls to confirm, items to verify, debriefs of its week and missed weeks — one message for all', () => {
    const tia = trainee({ callsToConfirm: 2, itemsToVerify: 1, checkIns: [{ at: new Date('2026-03-12T15:00:00Z'), reason: 'impasse' }, { at: new Date('2026-03-05T15:00:00Z'), reason: 'safety' }] });
    const d = decideDelivery(w12, facts(w12, [tia, silent()]));
    expect(d).toMatchObject({ kind: 'send', to: { kind: 'person', personId: 'mo' } });
    expect(textOf(d)).toBe([
      'Your weekly digest',
      'Tia',
      '• 2 calls Tia logged with you to confirm — the Confirm buttons are in your messages.',
      '• 1 portfolio item to verify: `/mentor portfolio review @Tia`.',
      // The safety check-in of 5 March was in the previous digest's week.
      '• Asked you for a debrief: an impasse.',
      'Sam',
      '• No hours logged in week 2 (2 weeks in a row).',
      '• No supervision call in week 2 (2 periods in a row).',
      'Only these counts are shared — never notes, reflections or answers.',
    ].join('\n'));
    const buttons = d.kind === 'send' ? d.message.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.map((x) => `${x.label} → ${x.action} ${x.value}`) : [])) : [];
    expect(buttons).toEqual(['Open my status → status.open status', 'Log a call with Tia → trainee.log-call match-tia:30', 'Log a call with Sam → trainee.log-call match-sam:30']);
  });

  it('tells a supervisor who is not the mentor about debriefs and missed weeks, never about the mentor’s confirmations', () => {
    const d = decideDelivery(w12, facts(w12, [silent({ matchId: null, callsToConfirm: 3, itemsToVerify: 2, checkIns: [{ at: new Date('2026-03-15T12:00:00Z'), reason: 'safety' }] })]));
    expect(textOf(d)).toContain('Asked you for a debrief: a safety concern.');
    expect(textOf(d)).toContain('No hours logged in week 2');
    expect(textOf(d)).not.toMatch(/confirm|verify/);
    expect(textOf(d)).not.toContain('Log a call with');
  });

  it('tells a mentor who is not the supervisor what waits for them, and no debriefs', () => {
    const d = decideDelivery(w12, facts(w12, [trainee({ supervises: false, callsToConfirm: 1, checkIns: [{ at: new Date('2026-03-15T12:00:00Z'), reason: 'impasse' }] })]));
    expect(textOf(d)).toContain('1 call Tia logged with you to confirm');
    expect(textOf(d)).not.toContain('debrief');
  });

  it('leaves out the weeks of a trainee who rests now (a program holiday or a pause), never what waits for the mentor', () => {
    const holiday = { start: new Date('2026-03-16T00:00:00Z'), end: new Date('2026-03-20T00:00:00Z') };
    const onHoliday = silent({ enrollment: enrollment({ id: 'enr-sam', person: person('sam'), holds: [holiday] }), callsToConfirm: 1 });
    const d = decideDelivery(w12, facts(w12, [onHoliday]));
    expect(textOf(d)).toContain('1 call Sam logged with you to confirm');
    expect(textOf(d)).not.toMatch(/No hours|No supervision/);
    // Sam rests; Ben, beside her, missed his weeks: only Ben's are listed.
    const paused = silent({ enrollment: enrollment({ id: 'enr-sam', person: person('sam'), status: 'paused' }) });
    const ben = silent({ enrollment: enrollment({ id: 'enr-ben', person: person('ben') }), name: 'Ben', matchId: 'match-ben' });
    const both = textOf(decideDelivery(w12, facts(w12, [paused, ben])));
    expect(both).toContain('Ben\n• No hours logged in week 2 (2 weeks in a row).');
    expect(both).not.toContain('Sam');
    // Nothing waits for the mentor about a resting trainee alone: nothing is sent.
    expect(decideDelivery(w12, facts(w12, [paused]))).toEqual({ kind: 'skip', reason: 'nothing waits' });
  });

  it('never counts a week touched by the trainee’s own holiday as a missed one, nor in a run', () => {
    // A holiday that holds reminders (the clock runs on) over Sam's week 2, 9–16 March.
    const holds = [{ start: new Date('2026-03-11T05:00:00Z'), end: new Date('2026-03-13T05:00:00Z') }];
    const away = silent({ enrollment: enrollment({ id: 'enr-sam', person: person('sam'), holds }) });
    const ben = silent({ enrollment: enrollment({ id: 'enr-ben', person: person('ben') }), name: 'Ben', matchId: 'match-ben' });
    const w12Text = textOf(decideDelivery(w12, facts(w12, [away, ben])));
    expect(w12Text).toContain('Ben\n• No hours logged in week 2 (2 weeks in a row).');
    expect(w12Text).not.toContain('Sam');
    // The week after: Sam's week 3 is a miss again, a run of one, not three.
    const w13 = week('2026-W13');
    expect(textOf(decideDelivery(w13, facts(w13, [away])))).toContain('Sam\n• No hours logged in week 3.\n• No supervision call in week 3.');
  });

  it('waits while the person is away and until their quiet hours end', () => {
    const away = new Date('2026-03-19T12:00:00Z');
    expect(decideDelivery(w12, facts(w12, [silent()], { recipient: { ...mo, awayUntil: away } }))).toEqual({ kind: 'reschedule', dueAt: away, reason: 'away' });
    const quiet = { ...mo, quietStartMinute: 8 * 60, quietEndMinute: 9 * 60 };
    expect(decideDelivery(w12, facts(w12, [silent()], { recipient: quiet }))).toMatchObject({ kind: 'reschedule', dueAt: new Date('2026-03-17T13:00:00.000Z') });
  });
});
