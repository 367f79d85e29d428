import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHarness } from '../../support/core-harness.js';

// Each trainee's debrief requests go to their own supervisor — their mentor unless a coordinator
// set someone else — with the reason only; the coordinator hears only when there is no supervisor.
let h: CoreHarness;
beforeAll(async () => {
  h = await CoreHarness.start('2026-03-02T14:00:00Z');
  await h.createProgram('cora', 'cert', 'certification-40-week');
  await h.joinAsMentor('mo', 'cert');
  await h.joinAsMentor('max', 'cert');
  await h.joinAsMentee('tia', 'cert');
  await h.joinAsMentee('ben', 'cert');
  await h.joinAsMentee('lone', 'cert');
  await h.command('cora', 'admin match @mo @tia');
  await h.command('cora', 'admin match @mo @ben');
  await h.command('sue', 'help');
  h.clock.set('2026-03-05T16:00:00Z');
  h.delivered.length = 0;
});
afterAll(() => h.close());

const debriefsTo = (handle: string) => h.takeDelivered(handle).filter((d) => /asked for a debrief/.test(d.text));
const clear = () => (h.delivered.length = 0);

describe('supervisors', () => {
  it("by default the trainee's mentor is asked for the debrief, reason only; nobody else is", async () => {
    clear();
    const seen = await h.command('tia', 'log-call 1h co-facilitation the family walked out --check-in impasse');
    expect(seen.text).toMatch(/asked your supervisor for a debrief \(an impasse\)/);
    const [toMo] = debriefsTo('mo');
    expect(toMo!.text).toContain('Tia (Interventionist certification mentorship) asked for a debrief: an impasse.');
    expect(toMo!.text).not.toContain('walked out');
    expect(debriefsTo('cora')).toEqual([]);
  });

  it('a coordinator sets another supervisor: both are told, and debriefs go there instead of the mentor', async () => {
    clear();
    const set = await h.command('cora', 'admin supervisor @ben @sue');
    expect(set.text).toMatch(/Sue now supervises Ben in Interventionist certification mentorship/);
    expect(h.takeDelivered('sue')[0]!.text).toMatch(/You are now Ben's supervisor/);
    expect(h.takeDelivered('ben')[0]!.text).toMatch(/Sue is now your supervisor/);
    await h.command('ben', 'log-call 30m observation --check-in uncertain');
    expect(debriefsTo('sue')).toHaveLength(1);
    expect(debriefsTo('mo')).toEqual([]);
    expect(debriefsTo('cora')).toEqual([]);
    // Tia's supervisor is still her mentor.
    await h.command('tia', 'log-call 30m observation --check-in uncertain');
    expect(debriefsTo('mo')).toHaveLength(1);
    expect(debriefsTo('sue')).toEqual([]);
  });

  it('naming the mentor goes back to the default', async () => {
    expect((await h.command('cora', 'admin supervisor @ben @mo')).text).toMatch(/Mo now supervises Ben .*\(their mentor, the default\)/);
    clear();
    await h.command('ben', 'log-call 30m observation --check-in failed-activity');
    expect(debriefsTo('mo')).toHaveLength(1);
    expect(debriefsTo('sue')).toEqual([]);
  });

  it('a trainee without a mentor or a supervisor: the coordinator is told, reason only', async () => {
    clear();
    const seen = await h.command('lone', 'log-call 30m independent --check-in impasse');
    expect(seen.text).toMatch(/asked your program coordinator for a debrief/);
    expect(debriefsTo('cora')).toHaveLength(1);
    expect(debriefsTo('mo')).toEqual([]);
  });

  it('a supervisor set for a trainee without a mentor is told instead of the coordinator', async () => {
    await h.command('cora', 'admin supervisor @lone @max');
    clear();
    await h.command('lone', 'log-call 30m independent --check-in impasse');
    expect(debriefsTo('max')).toHaveLength(1);
    expect(debriefsTo('cora')).toEqual([]);
  });

  it('refuses someone who is not a trainee, and a trainee as their own supervisor, privately', async () => {
    const notTrainee = await h.command('cora', 'admin supervisor @mo @sue');
    expect(notTrainee.private).toBe(true);
    expect(notTrainee.text).toMatch(/Mo is not a trainee/);
    expect((await h.command('cora', 'admin supervisor @tia @tia')).text).toMatch(/cannot supervise themselves/);
    expect((await h.command('tia', 'admin supervisor @tia @sue')).private).toBe(true);
  });
});
