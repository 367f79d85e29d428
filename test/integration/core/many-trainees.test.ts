import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHarness } from '../../support/core-harness.js';

// One mentor, two trainees: every command about "my match" names or chooses the person, and
// nothing falls back to the newest match.
let h: CoreHarness;
beforeAll(async () => {
  h = await CoreHarness.start('2026-03-02T14:00:00Z');
  await h.createProgram('cora', 'cert', 'certification-40-week');
  await h.joinAsMentor('mo', 'cert');
  await h.joinAsMentee('tia', 'cert');
  await h.joinAsMentee('ben', 'cert');
  await h.command('cora', 'admin match @mo @tia');
  await h.command('cora', 'admin match @mo @ben');
  h.delivered.length = 0;
  h.clock.set('2026-03-05T16:00:00Z');
});
afterAll(() => h.close());

const supervisionWith = async (handle: string) => {
  const personId = await h.personId(handle);
  return h.services.prisma.callLog.findMany({ where: { counterpartPersonId: personId, kind: 'supervision' } });
};

describe('a mentor with two trainees', () => {
  it('is asked, privately, which trainee a call was with, naming the argument and listing both', async () => {
    const seen = await h.command('mo', 'log-call 30m supervision');
    expect(seen.private).toBe(true);
    expect(seen.text).toMatch(/2 trainees \(Tia, Ben\)/);
    expect(seen.text).toMatch(/@trainee/);
    expect(await supervisionWith('tia')).toHaveLength(0);
    expect(await supervisionWith('ben')).toHaveLength(0);
  });

  it('logs the call on the named trainee; only that trainee is asked to confirm', async () => {
    const seen = await h.command('mo', 'log-call @tia 30m supervision');
    expect(seen.text).toMatch(/^Logged a 30m supervision call/);
    expect(await supervisionWith('tia')).toHaveLength(1);
    expect(await supervisionWith('ben')).toHaveLength(0);
    expect(h.takeDelivered('ben')).toEqual([]);
    const [ask] = h.takeDelivered('tia');
    expect(ask!.text).toMatch(/Mo logged a 30m supervision call on 2026-03-05 with you/);
  });

  it('refuses a person who is not one of their trainees', async () => {
    const seen = await h.command('mo', 'log-call @cora 30m supervision');
    expect(seen.text).toMatch(/Cora is not in an open match with you/);
  });

  it('still logs independent practice without naming anyone', async () => {
    expect((await h.command('mo', 'log-call 1h independent')).text).toMatch(/^Logged a 1h independent/);
  });

  it('the form offers a choice of trainee, and the call lands on the one chosen', async () => {
    const seen = await h.command('mo', 'log-call');
    const choice = seen.form!.inputs.find((i) => i.id === 'trainee');
    if (choice?.kind !== 'choice') throw new Error('no choice of trainee in the form');
    expect(choice.choices.map((c) => c.label)).toEqual(['Tia', 'Ben']);
    const benMatch = choice.choices[1]!.value;
    const sent = await h.submit('mo', 'log-call', { trainee: benMatch, duration: '30m', kind: 'supervision', date: 'today' });
    expect(sent.text).toMatch(/^Logged a 30m supervision call/);
    expect(await supervisionWith('ben')).toHaveLength(1);
    expect(h.takeDelivered('tia')).toEqual([]);
    expect(h.takeDelivered('ben')[0]!.text).toMatch(/Mo logged a 30m supervision call/);
  });

  it('a form without a chosen trainee is refused on that field, nothing saved', async () => {
    await h.command('mo', 'log-call');
    const sent = await h.submit('mo', 'log-call', { duration: '30m', kind: 'supervision', date: 'today' });
    expect(sent.text).toMatch(/say which one/);
    expect(await supervisionWith('ben')).toHaveLength(1);
    expect(await supervisionWith('tia')).toHaveLength(1);
  });

  it('contact and end ask which trainee, then act on the one named', async () => {
    expect((await h.command('mo', 'contact')).text).toMatch(/say which one: name them as @trainee/);
    expect((await h.command('mo', 'end')).text).toMatch(/say which one: name them as @person/);
    h.delivered.length = 0;
    expect((await h.command('mo', 'end @ben')).text).toMatch(/asked the other person to agree/);
    expect(h.takeDelivered('ben')).toHaveLength(1);
    expect(h.takeDelivered('tia')).toEqual([]);
  });

  it("status lists each trainee with that trainee's own progress, and what waits for the mentor", async () => {
    await h.command('tia', 'log-call 20m peer');
    expect((await h.command('ben', 'portfolio case "Case 1" Met the family, opened with the script, agreed a plan.')).text).not.toMatch(/not|couldn't/i);
    const text = (await h.command('mo', 'status')).text;
    expect(text).toMatch(/Trainees: 2/);
    expect(text).toMatch(/Tia — trainee[\s\S]*Ben — trainee/);
    expect(text).toMatch(/Waiting for you/);
    expect(text).toMatch(/1 call Tia logged with you to confirm/);
    expect(text).toMatch(/1 portfolio item from Ben to verify/);
    expect(text).not.toMatch(/from Tia to verify|call Ben logged/);
    expect(text).toMatch(/Matched with Tia since/);
    expect(text).toMatch(/Matched with Ben since/);
    // Each trainee's supervision bar counts only their own call.
    expect(text.match(/Supervision calls this phase[^\n]*1\/1 kept/g)).toHaveLength(2);
    expect(text).toMatch(/Hours this week[^\n]*0\.8\/2 h[\s\S]*Ben — trainee[\s\S]*Hours this week[^\n]*0\.5\/2 h/);
    expect(text).not.toMatch(/Reflections answered/);
  });

  it('a trainee still sees only their own status', async () => {
    const text = (await h.command('ben', 'status')).text;
    expect(text).toMatch(/Matched with Mo since/);
    expect(text).not.toMatch(/Tia/);
  });
});
