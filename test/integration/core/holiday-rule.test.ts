import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHarness } from '../../support/core-harness.js';

// A coordinator's holiday does what the program's template says (`holidayRule`): the 40-week
// certification program stops its clock (weeks and deadlines move later by the days off);
// the peer-recovery program only holds reminders until the holiday is over.
let h: CoreHarness;
beforeAll(async () => {
  h = await CoreHarness.start('2026-03-02T14:00:00Z');
  await h.createProgram('cora', 'cert', 'certification-40-week');
  await h.createProgram('cora', 'peers', 'peer-recovery');
  await h.joinAsMentee('tia', 'cert');
  await h.joinAsMentee('uma', 'peers');
});
afterAll(() => h.close());

async function enrollmentOf(handle: string, slug: string) {
  const program = (await h.services.store.programs.listByWorkspace((await h.services.store.people.resolve({ platform: 'console', workspaceExternalId: h.workspace, workspaceName: 'Test', externalUserId: 'cora', handle: 'cora', displayName: 'Cora' })).workspace.id)).find((p) => p.slug === slug)!;
  const enrollment = (await h.services.store.enrollments.find(program.id, await h.personId(handle), 'mentee'))!;
  return { program, enrollment };
}

describe('program holidays by the template’s rule', () => {
  it('certification: the holiday stops the program clock, so it counts as a pause and holds nothing separately', async () => {
    const set = await h.command('cora', 'admin holiday 2026-03-09 2026-03-15 --program cert');
    expect(set.text).toContain('every week and deadline after it moves later');
    const { program, enrollment } = await enrollmentOf('tia', 'cert');
    expect((await h.services.store.programs.listHolidays(program.id)).map((x) => x.shiftsClock)).toEqual([true]);
    expect(enrollment.pauses).toHaveLength(1);
    const [subject] = await h.services.jobStore.facts.enrollments([enrollment.id]);
    expect(subject!.pauses).toHaveLength(1);
    expect(subject!.holds).toEqual([]);
  });

  it('peer recovery: the holiday only holds reminders; the program keeps its clock', async () => {
    const set = await h.command('cora', 'admin holiday 2026-03-09 2026-03-15 --program peers');
    expect(set.text).toContain('they wait until the holiday is over');
    expect(set.text).toContain('keeps its weeks and deadlines as they are');
    const { program, enrollment } = await enrollmentOf('uma', 'peers');
    expect((await h.services.store.programs.listHolidays(program.id)).map((x) => x.shiftsClock)).toEqual([false]);
    expect(enrollment.pauses).toHaveLength(0);
    const [subject] = await h.services.jobStore.facts.enrollments([enrollment.id]);
    expect(subject!.pauses).toHaveLength(0);
    expect(subject!.holds).toHaveLength(1);
    expect(subject!.holds![0]!.start.toISOString().slice(0, 10)).toBe('2026-03-09');
  });
});
