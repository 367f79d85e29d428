import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHarness } from '../../support/core-harness.js';

// The 40-week template keeps a supervision period only with a call of at least 80% of the
// phase's length: 24 of the foundation phase's 30 minutes.
let h: CoreHarness;
beforeAll(async () => {
  h = await CoreHarness.start('2026-03-02T14:00:00Z');
  await h.createProgram('cora', 'cert', 'certification-40-week');
  await h.joinAsMentor('mo', 'cert');
  await h.joinAsMentee('tia', 'cert');
  await h.command('cora', 'admin match @mo @tia');
  h.clock.set('2026-03-10T16:00:00Z'); // week 2
});
afterAll(() => h.close());

const supervisionLine = (text: string) => text.split('\n').find((l) => l.startsWith('Supervision calls this phase'))!;

describe('supervision calls that count', () => {
  it('a 5-minute supervision call last week is shown as short, not kept', async () => {
    await h.command('mo', 'log-call 5m supervision 2026-03-04');
    const tia = (await h.command('tia', 'status')).text;
    expect(supervisionLine(tia)).toMatch(/0\/2 kept/);
    expect(tia).toMatch(/One supervision period has only a short call: it counts as kept from 24 min \(the phase's calls are 30 min\)\./);
    // The mentor sees the same for that trainee.
    const mo = (await h.command('mo', 'status')).text;
    expect(mo).toMatch(/Tia — trainee[\s\S]*0\/2 kept[\s\S]*only a short call/);
  });

  it('a call of 24 minutes keeps the period and the short line goes', async () => {
    await h.command('mo', 'log-call 24m supervision 2026-03-05');
    const tia = (await h.command('tia', 'status')).text;
    expect(supervisionLine(tia)).toMatch(/1\/2 kept/);
    expect(tia).not.toMatch(/short call/);
  });

  it("this week's short call leaves the call still due", async () => {
    await h.command('mo', 'log-call 20m supervision today');
    const tia = (await h.command('tia', 'status')).text;
    expect(tia).toMatch(/A supervision call is due this week\./);
    expect(tia).toMatch(/One supervision period has only a short call/);
  });
});
