import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluationButton } from '../../../src/core/evaluations/index.js';
import { nudgeMessage } from '../../../src/core/nudges/messages.js';
import { CoreHarness } from '../../support/core-harness.js';

const COMMENT = 'COMMENT-MARK-8812';
const MENTEES = ['bea', 'cal', 'dee', 'eve', 'fay'];
const ratings = (n: number) => ({ matching: String(n), reminders: '4', logging: '5', coordination: '3' });

let h: CoreHarness;
const enrollmentId = async (handle: string, role = 'mentee', slug = 'peers') =>
  (await h.services.prisma.enrollment.findFirstOrThrow({ where: { personId: await h.personId(handle), role: role as 'mentee', program: { slug, workspace: { externalId: h.workspace } } } })).id;
const programId = async () => (await h.services.prisma.program.findFirstOrThrow({ where: { slug: 'peers', workspace: { externalId: h.workspace } } })).id;
const responses = async () => h.services.prisma.evaluationResponse.findMany({ where: { programId: await programId() } });

async function answer(handle: string, value: string, values: Record<string, string>) {
  const opened = await h.press(handle, 'evaluation.open', value);
  if (!opened.form) throw new Error(opened.text);
  return h.submit(handle, 'evaluation', values);
}

beforeAll(async () => {
  h = await CoreHarness.start('2026-03-02T14:00:00Z');
  await h.createProgram('cora', 'peers', 'peer-recovery');
  await h.createProgram('cora', 'cert', 'certification-40-week');
  await h.joinAsMentor('mo', 'peers');
  for (const m of MENTEES) await h.joinAsMentee(m, 'peers');
  await h.joinAsMentee('tia', 'cert');
  h.clock.set('2026-05-26T10:00:00Z'); // week 13: the week-12 survey is open
});
afterAll(() => h.close());

describe('evaluation.open', () => {
  it('gives the nudge engine the exact button it sends', () => {
    expect(evaluationButton('e-1', 'w12')).toMatchObject({ action: 'evaluation.open', value: 'e-1:w12' });
  });

  it("opens the survey from the evaluation reminder's own button", async () => {
    const id = await enrollmentId('cal');
    const reminder = nudgeMessage(
      { key: `evaluation:${id}:week-12`, kind: 'evaluation', personId: await h.personId('cal'), channel: null, dueAt: h.clock.now(), expiresAt: h.clock.now(), refs: { enrollmentId: id, occasion: 'week-12' } },
      { now: h.clock.now() },
    );
    const button = reminder.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []))[0]!;
    const seen = await h.press('cal', button.action, button.value);
    expect(seen.form?.id).toBe('evaluation');
  });

  it('opens a form about how the program runs, never about the mentor or mentee', async () => {
    const seen = await h.press('bea', 'evaluation.open', `${await enrollmentId('bea')}:w12`);
    expect(seen.form).toMatchObject({ id: 'evaluation', context: `${await enrollmentId('bea')}:w12` });
    const inputs = seen.form!.inputs;
    expect(inputs.filter((i) => i.kind === 'choice').map((i) => i.id)).toEqual(['matching', 'reminders', 'logging', 'coordination']);
    expect(inputs.find((i) => i.id === 'improve')).toMatchObject({ kind: 'multiline', optional: true });
    for (const input of inputs) expect(input.label).not.toMatch(/\b(your mentor|your mentee|relationship)\b/i);
  });

  it.each([
    ['someone else\'s enrollment', async () => `${await enrollmentId('cal')}:w12`, /isn't yours or has expired/],
    ['a malformed value', async () => 'garbage', /isn't yours or has expired/],
    ['an unknown occasion', async () => `${await enrollmentId('bea')}:w12x`, /isn't yours or has expired/],
    ['an occasion still to come', async () => `${await enrollmentId('bea')}:w24`, /isn't open for you yet/],
    ['a week that is no evaluation week', async () => `${await enrollmentId('bea')}:w5`, /isn't open for you yet/],
    ['the end of a match that has not ended', async () => `${await enrollmentId('bea')}:end:00000000-0000-4000-8000-000000000000`, /isn't open for you yet/],
  ])('refuses %s', async (_what, value, reason) => {
    const seen = await h.run('bea', { kind: 'action', action: 'evaluation.open', value: await value() });
    expect(seen.private).toBe(true);
    expect(seen.form).toBeUndefined();
    expect(seen.text).toMatch(reason);
  });

  it("refuses a program that runs no evaluations", async () => {
    expect((await h.press('tia', 'evaluation.open', `${await enrollmentId('tia', 'mentee', 'cert')}:w12`)).text).toMatch(/doesn't run evaluations/);
  });
});

describe('answering', () => {
  it('stores the answer with no link to the person, in one go with a receipt that holds no answer', async () => {
    const seen = await answer('bea', `${await enrollmentId('bea')}:w12`, { ...ratings(2), improve: `${COMMENT} bea` });
    expect(seen.text).toMatch(/stored without your name/);
    const [row] = await responses();
    expect(Object.keys(row!).sort()).toEqual(['answers', 'id', 'occasion', 'programId', 'submittedAt']);
    expect(row).toMatchObject({ occasion: 'week-12', submittedAt: new Date('2026-05-01T00:00:00Z') });
    const everyId = await h.services.prisma.enrollment.findMany({ select: { id: true, personId: true } });
    const dump = JSON.stringify(row);
    for (const { id, personId } of everyId) {
      expect(dump).not.toContain(id);
      expect(dump).not.toContain(personId);
    }
    expect(dump).not.toContain(COMMENT);
    expect(row!.answers).toMatchObject({ ratings: { matching: 2, reminders: 4, logging: 5, coordination: 3 } });
    const receipts = await h.services.prisma.evaluationReceipt.findMany({ where: { enrollmentId: await enrollmentId('bea') } });
    expect(receipts).toMatchObject([{ occasion: 'week-12', answeredAt: h.clock.now() }]);
    expect(Object.keys(receipts[0]!).sort()).toEqual(['answeredAt', 'enrollmentId', 'id', 'occasion']);
  });

  it('refuses a second answer, however the occasion is spelt, and writes nothing', async () => {
    const id = await enrollmentId('bea');
    for (const spelling of ['w12', 'week-12']) expect((await h.press('bea', 'evaluation.open', `${id}:${spelling}`)).text).toMatch(/already answered/);
    const again = await h.run('bea', { kind: 'form', formId: 'evaluation', values: ratings(5), context: `${id}:week-12` });
    expect(again.text).toMatch(/already answered/);
    expect(await responses()).toHaveLength(1);
    expect(await h.services.prisma.evaluationReceipt.count({ where: { enrollmentId: id } })).toBe(1);
  });

  it('rejects a form with a missing or out-of-range rating and writes nothing', async () => {
    const value = `${await enrollmentId('cal')}:w12`;
    await h.press('cal', 'evaluation.open', value);
    for (const bad of [{ ...ratings(3), matching: '7' }, { reminders: '3', logging: '3', coordination: '3' }]) {
      expect((await h.submit('cal', 'evaluation', bad)).text).toMatch(/Please rate "How well did the matching process work\?" from 1 to 5/);
    }
    expect(await responses()).toHaveLength(1);
    expect(await h.services.prisma.evaluationReceipt.count({ where: { enrollmentId: await enrollmentId('cal') } })).toBe(0);
  });

  it('writes neither the receipt nor the answer when the answer cannot be stored', async () => {
    const id = await enrollmentId('eve');
    const write = h.services.store.evaluations.record({
      receipt: { enrollmentId: id, occasion: 'week-99', answeredAt: h.clock.now() },
      answer: { programId: '00000000-0000-4000-8000-000000000000', occasion: 'week-99', ratings: { matching: 3 }, comment: null, submittedAt: h.clock.now() },
    });
    await expect(write).rejects.toThrow();
    expect(await h.services.prisma.evaluationReceipt.count({ where: { enrollmentId: id, occasion: 'week-99' } })).toBe(0);
  });

  it('stores an end-of-relationship answer under "match-end", without the match id', async () => {
    await h.command('cora', 'admin match @mo @dee --program peers');
    await h.command('dee', 'consent sign Dee 5550101');
    await h.command('cora', 'admin end @dee --program peers');
    const match = await h.services.prisma.match.findFirstOrThrow({ where: { menteeEnrollmentId: await enrollmentId('dee') } });
    expect(match.status).toBe('ended');
    await answer('dee', `${await enrollmentId('dee')}:end:${match.id}`, ratings(4));
    const rows = await responses();
    expect(rows.map((r) => r.occasion).sort()).toEqual(['match-end', 'week-12']);
    expect(JSON.stringify(rows)).not.toContain(match.id);
    expect(await h.services.prisma.evaluationReceipt.findMany({ where: { enrollmentId: await enrollmentId('dee') } })).toMatchObject([{ occasion: `match-end:${match.id}` }]);
    expect((await h.press('mo', 'evaluation.open', `${await enrollmentId('mo', 'mentor')}:match-end:${match.id}`)).form).toBeDefined();
  });
});

describe('/mentor admin evaluations', () => {
  it('shows nothing of a survey — not even rating counts — until 5 have answered it', async () => {
    await answer('cal', `${await enrollmentId('cal')}:w12`, { ...ratings(4), improve: `${COMMENT} cal` });
    const seen = await h.command('cora', 'admin evaluations --program peers');
    expect(seen.private).toBe(true);
    expect(seen.text).toContain('Fewer than 5 people have answered, so nothing is shown yet');
    expect(seen.text).not.toMatch(/responses?\b.*\d|1: 0|4: 1|How well did/);
    expect(seen.text).not.toContain(COMMENT);
  });

  it('shows comments, unattributed and in alphabetical order, once 5 have answered', async () => {
    await answer('eve', `${await enrollmentId('eve')}:w12`, { ...ratings(5), improve: `${COMMENT} a-first` });
    await answer('fay', `${await enrollmentId('fay')}:w12`, ratings(5));
    expect((await h.command('cora', 'admin evaluations --program peers')).text).not.toContain(COMMENT);
    await answer('mo', `${await enrollmentId('mo', 'mentor')}:week-12`, { ...ratings(1), improve: 'Clearer onboarding emails' });
    const seen = await h.command('cora', 'admin evaluations --program peers');
    expect(seen.text).toContain('Week 12 — 5 responses');
    expect(seen.text).toContain('How well did the matching process work?:');
    const comments = seen.text.split('\n').filter((l) => l.startsWith('• '));
    expect(comments).toEqual(['• Clearer onboarding emails', `• ${COMMENT} a-first`, `• ${COMMENT} bea`, `• ${COMMENT} cal`]);
    for (const name of ['Bea', 'Cal', 'Eve', 'Mo']) expect(seen.text).not.toContain(name);
  });

  it('is for coordinators only, and explains a bad argument', async () => {
    expect((await h.command('bea', 'admin evaluations')).text).toMatch(/Only a program coordinator/);
    expect((await h.command('cora', 'admin evaluations --program peers extra')).text).toMatch(/didn't expect "extra"[\s\S]*Usage: `\/mentor admin evaluations`/);
    expect((await h.command('cora', 'admin evaluations --program cert')).text).toMatch(/doesn't run evaluations/);
  });
});
