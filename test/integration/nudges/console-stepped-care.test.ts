import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certMentor, certTrainee, ConsoleSession, linesFor } from '../../support/console-session.js';
import { uniqueName } from '../../support/db.js';

// Five weeks of the 40-week program at the console: one mentor with two trainees, Tia who logs
// her supervision call every week (and asks for a debrief, and hands in a case record) and Sam
// who does nothing. The mentor gets one digest a week about both; Sam is nudged after each empty
// week, her supervisor (her mentor, by default) is told once two weeks in a row are missed, and
// the coordinator once four are — counts only, exactly once each, however often the planner runs.
// Tia's supervisor is Sue (a coordinator's choice): her debriefs reach Sue, not her mentor.
const id = uniqueName('sc').replace(/-/g, '');
const [cora, mo, tia, sam, sue] = [`cora${id}`, `mo${id}`, `tia${id}`, `sam${id}`, `sue${id}`];
const [Sam, Tia, Mo] = [`Sam${id}`, `Tia${id}`, `Mo${id}`]; // display names
const SECRETS = ['REFLECTIONSECRET', 'CALLNOTESECRET', 'CASESECRET'];
let session: ConsoleSession;
let ids: { sam: string; tia: string; mo: string; cora: string; samMatch: string; tiaMatch: string };

const to = (who: string) => linesFor(session.output, `to ${who}]`);
const db = () => session.services.prisma;
const personId = async (handle: string) => (await db().identity.findFirstOrThrow({ where: { handle } })).personId;
let workspaceId = '';
/** This session's planned nudges whose key starts so (other test files share the database). */
const rows = (prefix: string) => db().plannedNudge.findMany({ where: { key: { startsWith: prefix }, refs: { path: ['workspaceId'], equals: workspaceId } }, orderBy: { dueAt: 'asc' } });

beforeAll(async () => {
  session = await ConsoleSession.withProgram({
    coordinator: cora,
    joiners: [certMentor(mo), certTrainee(tia, 'Mon 19:00-21:00', 'Lead a family meeting'), certTrainee(sam, 'Tue 19:00-21:00', 'Learn the model')],
    others: [sue],
    matches: [[mo, tia], [mo, sam]],
    supervisors: [[tia, sue]],
  });
  workspaceId = (await db().identity.findFirstOrThrow({ where: { handle: mo } })).workspaceId;
  ids = { sam: await personId(sam), tia: await personId(tia), mo: await personId(mo), cora: await personId(cora), samMatch: '', tiaMatch: '' };
  const matches = await db().match.findMany({ where: { mentor: { personId: ids.mo } }, include: { mentee: true } });
  ids.samMatch = matches.find((m) => m.mentee.personId === ids.sam)!.id;
  ids.tiaMatch = matches.find((m) => m.mentee.personId === ids.tia)!.id;
  for (let week = 1; week <= 5; week++) {
    // Tia talks with her mentor every Wednesday and asks for a debrief in her reflection.
    const portfolio = week === 1 ? '\n/mentor portfolio case "Family one" CASESECRET what happened and what I did' : '';
    await session.run(`advance 2d\nas ${tia}\n/mentor log-call 30m supervision CALLNOTESECRET\n/mentor reflect REFLECTIONSECRET ${week} --check-in impasse${portfolio}\nadvance 5d`);
    // The planner runs again (as every 30 minutes in production, on any number of workers).
    await session.engine!.plan();
    await session.engine!.plan();
  }
}, 300_000);

afterAll(() => session?.close());

describe("the mentor's weekly digest", () => {
  const digests = () => to(mo).filter((l) => l.includes('Your weekly digest'));

  it('comes once a week about both trainees, never a message per item', async () => {
    // Week of 2 Mar: nothing waited yet, so nothing was sent; then one every Monday.
    expect(digests()).toHaveLength(5);
    const planned = await rows(`digest:${ids.mo}:`);
    expect(planned.map((r) => [r.key.split(':').at(-1), r.status])).toEqual([
      ['2026-W10', 'skipped'], ['2026-W11', 'sent'], ['2026-W12', 'sent'], ['2026-W13', 'sent'], ['2026-W14', 'sent'], ['2026-W15', 'sent'],
    ]);
    expect(planned[0]!.lastError).toBe('nothing waits');
    for (const digest of digests()) {
      expect(digest).toContain(`${Sam}\n`);
      expect(digest).toContain(`${Tia}\n`);
    }
  });

  it('lists what waits for the mentor and each trainee’s missed weeks, as counts and reasons', () => {
    const third = digests()[1]!; // Monday 16 March: weeks 1–2 are over
    expect(third).toContain('• No hours logged in week 2 (2 weeks in a row).');
    expect(third).toContain('• No supervision call in week 2 (2 periods in a row).');
    expect(third).toContain(`• 2 calls ${Tia} logged with you to confirm`);
    expect(third).toContain(`• 1 portfolio item to verify: \`/mentor portfolio review @${Tia}\`.`);
    // Tia's debriefs go to her supervisor, Sue: her mentor's digest does not list them.
    expect(third).not.toContain('debrief');
    // Tia kept her weeks: nothing about her hours or calls.
    expect(third.split(`${Tia}\n`)[1]).not.toMatch(/No hours|No supervision/);
  });

  it("comes to Tia's supervisor too, with her debriefs and nothing of what waits for her mentor", () => {
    const toSue = to(sue).filter((l) => l.includes('Your weekly digest'));
    expect(toSue.length).toBeGreaterThanOrEqual(4);
    expect(toSue[1]).toContain(`${Tia}\n`);
    expect(toSue[1]).toContain('• Asked you for a debrief: an impasse.');
    expect(toSue.join('\n')).not.toMatch(/confirm|verify|Log a call with|Sam/);
    expect(to(sue).filter((l) => l.includes('Debrief requested'))).toHaveLength(5);
  });

  it('carries buttons: open my status, and log a call with each trainee', () => {
    const digest = digests().at(-1)!;
    expect(digest).toContain('[Open my status: press status.open status]');
    expect(digest).toContain(`[Log a call with ${Sam}: press trainee.log-call ${ids.samMatch}:30]`);
    expect(digest).toContain(`[Log a call with ${Tia}: press trainee.log-call ${ids.tiaMatch}:30]`);
  });

  it('"Log a call with Sam" opens the log-call form for Sam, kind and length filled in', async () => {
    await session.run(`as ${mo}\npress trainee.log-call ${ids.samMatch}:30`);
    const form = session.memory.lastForm(mo, 'log-call')!;
    const input = (name: string) => form.inputs.find((i) => i.id === name) as { initial?: string } | undefined;
    expect([input('trainee')?.initial, input('kind')?.initial, input('duration')?.initial]).toEqual([ids.samMatch, 'supervision', '30m']);
  });

  it('"Open my status" shows the mentor what waits for them', async () => {
    const out = await session.run(`as ${mo}\npress status.open status`);
    const shown = linesFor(out, `to ${mo} (private)`).join('\n');
    expect(shown).toContain('Waiting for you');
    expect(shown).toContain('Trainees: 2');
  });
});

describe('stepped care', () => {
  it('nudges Sam after each week with nothing logged, instead of the hours summary; Tia never', () => {
    const steps = to(sam).filter((l) => / is behind you/.test(l));
    expect(steps.map((l) => /Week (\d+) is behind you/.exec(l)![1])).toEqual(['1', '2', '3', '4', '5']);
    expect(steps[0]).toContain('If 2 weeks or supervision periods in a row pass like this, your supervisor will be told');
    expect(to(sam).some((l) => l.includes(' in hours'))).toBe(false);
    expect(to(tia).some((l) => / is behind you|Stepped care/.test(l))).toBe(false);
    expect(to(tia).filter((l) => l.includes(' in hours'))).toHaveLength(5);
  });

  it('tells Sam’s supervisor once, when two weeks in a row are missed', async () => {
    const notices = to(mo).filter((l) => l.includes(`Stepped care: ${Sam}`));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(`${Sam} (Interventionist certification mentorship) has had 2 weeks in a row with no hours logged (the last: week 2), and 2 supervision periods in a row without a call (the last: week 2).`);
    expect(notices[0]).toContain(`[Log a call with ${Sam}: press trainee.log-call ${ids.samMatch}:30]`);
    const sent = (await rows(`stepped-care:`)).filter((r) => r.status === 'sent' && r.personId === ids.mo);
    expect(sent.map((r) => [r.key.replace(/:[0-9a-f-]{36}/g, ':id'), r.sentAt!.toISOString().slice(0, 10)])).toEqual([['stepped-care:id:w2:supervisor:id', '2026-03-16']]);
  });

  it('tells the coordinator once, when four are missed: counts only', async () => {
    const notices = to(cora).filter((l) => l.includes('Stepped care'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(`${Sam} (Interventionist certification mentorship) has had 4 weeks in a row with no hours logged (the last: week 4), and 4 supervision periods in a row without a call (the last: week 4). A supervisor hears after 2 in a row; theirs is ${Mo}.`);
    const sent = (await rows(`stepped-care:`)).filter((r) => r.status === 'sent' && r.personId === ids.cora);
    expect(sent.map((r) => r.sentAt!.toISOString().slice(0, 10))).toEqual(['2026-03-30']);
  });

  it('plans each step under one key, so planning again adds nothing and sends nothing twice', async () => {
    const before = (await rows('stepped-care:')).map((r) => `${r.key} ${r.status}`);
    // Tia's weeks are checked too (and skipped: nothing was missed); Sam's steps were each sent once.
    expect(before.filter((r) => r.endsWith(' sent')).map((r) => r.replace(/:[0-9a-f-]{36}/g, ':id'))).toEqual(expect.arrayContaining(['stepped-care:id:w2:supervisor:id sent', 'stepped-care:id:w4:coordinator:id sent']));
    await session.engine!.plan();
    await session.engine!.plan();
    await session.engine!.runDue();
    expect((await rows('stepped-care:')).map((r) => `${r.key} ${r.status}`)).toEqual(before);
    expect(to(mo).filter((l) => l.includes(`Stepped care: ${Sam}`))).toHaveLength(1);
    expect(to(cora).filter((l) => l.includes('Stepped care'))).toHaveLength(1);
  });
});

describe('privacy', () => {
  it('never lets a note, a reflection or a case record reach anyone but its writer', async () => {
    const others = [...to(mo), ...to(cora), ...to(sam), ...to(sue), ...linesFor(session.output, `to ${mo} (private)`), ...linesFor(session.output, `to ${cora} (private)`)].join('\n');
    for (const secret of SECRETS) expect(others).not.toContain(secret);
    const refs = JSON.stringify((await db().plannedNudge.findMany({ where: { kind: { in: ['digest', 'stepped-care'] } }, select: { refs: true } })).map((r) => r.refs));
    for (const secret of SECRETS) expect(refs).not.toContain(secret);
  });
});
