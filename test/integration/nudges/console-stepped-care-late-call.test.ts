import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certMentor, certTrainee, ConsoleSession, linesFor } from '../../support/console-session.js';
import { uniqueName } from '../../support/db.js';

// A call logged late with an earlier date, at the console in the 40-week program. Sam logs nothing
// in weeks 1–2, so her supervisor (her mentor Mo, by default) is told. In week 4 she logs a call
// dated in week 2: that breaks the run Mo heard of, and weeks 3–4 form a run of two again — but to
// Mo it is the same quiet stretch, so he is not told twice. Then Sam logs a call in week 5, on
// time, and weeks 6–7 pass empty: that is a new run, and Mo hears of it.
const id = uniqueName('late').replace(/-/g, '');
const [cora, mo, sam] = [`cora${id}`, `mo${id}`, `sam${id}`];
const Sam = `Sam${id}`;
let session: ConsoleSession;
let workspaceId = '';
let moId = '';

const notices = () => linesFor(session.output, `to ${mo}]`).filter((l) => l.includes(`Stepped care: ${Sam}`));
/** Mo's stepped-care rows in this session's workspace (other files share the database), by week. */
const moSteps = async () =>
  (await session.services.prisma.plannedNudge.findMany({ where: { kind: 'stepped-care', personId: moId, refs: { path: ['workspaceId'], equals: workspaceId } }, orderBy: { dueAt: 'asc' } }))
    .map((r) => [Number(/:w(\d+):/.exec(r.key)![1]), r.status, r.lastError] as const);

beforeAll(async () => {
  // Monday 2 March 2026, 09:00 in New York: week 1 of Sam's program.
  session = await ConsoleSession.withProgram({
    coordinator: cora,
    joiners: [certMentor(mo), certTrainee(sam, 'Tue 19:00-21:00', 'Learn the model')],
    matches: [[mo, sam]],
  });
  moId = await session.personId(mo);
  workspaceId = (await session.services.prisma.identity.findFirstOrThrow({ where: { personId: moId } })).workspaceId;
}, 120_000);

afterAll(() => session?.close());

describe('stepped care and a call logged late with an earlier date', () => {
  it('tells the supervisor when two weeks in a row pass with nothing logged', async () => {
    await session.run('advance 15d'); // Tuesday 17 March, week 3
    expect(notices()).toHaveLength(1);
    expect(notices()[0]).toContain(`${Sam} (Interventionist certification mentorship) has had 2 weeks in a row with no hours logged (the last: week 2)`);
  });

  it('does not tell him again when a call dated in week 2 is logged in week 4 and weeks 3–4 re-form a run', async () => {
    await session.run('advance 7d'); // Tuesday 24 March, week 4
    const logged = await session.run(`as ${sam}\n/mentor log-call 30m supervision 2026-03-11`);
    expect(linesFor(logged, `to ${sam} (private)`).join('\n')).toMatch(/Logged/i);
    await session.run('advance 7d'); // Tuesday 31 March, week 5: week 4's check has been made
    expect(notices()).toHaveLength(1);
    expect(await moSteps()).toContainEqual([4, 'skipped', 'already told of this run of misses']);
  });

  it('tells him of a new run that begins after a week Sam kept', async () => {
    await session.run(`as ${sam}\n/mentor log-call 30m supervision`); // week 5, on time
    await session.run('advance 21d'); // Tuesday 21 April, week 8: weeks 6–7 passed empty
    expect(notices()).toHaveLength(2);
    expect(notices()[1]).toContain(`${Sam} (Interventionist certification mentorship) has had 2 weeks in a row with no hours logged (the last: week 7)`);
    const sent = (await moSteps()).filter(([, status]) => status === 'sent').map(([week]) => week);
    expect(sent).toEqual([2, 7]);
  });

  it('never tells the coordinator: no run reached four weeks in a row', () => {
    expect(linesFor(session.output, `to ${cora}]`).filter((l) => l.includes('Stepped care'))).toEqual([]);
  });
});
