import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHarness } from '../../support/core-harness.js';

let h: CoreHarness;
beforeAll(async () => {
  h = await CoreHarness.start('2026-03-02T14:00:00Z');
  await h.createProgram('cora', 'cert', 'certification-40-week');
  await h.joinAsMentor('mo', 'cert');
  await h.joinAsMentee('tia', 'cert');
  await h.joinAsMentee('lone', 'cert');
  await h.command('cora', 'admin match @mo @tia');
  h.delivered.length = 0;
  h.clock.set('2026-03-05T16:00:00Z');
});
afterAll(() => h.close());

const callsOf = async (handle: string) => h.services.prisma.callLog.findMany({ where: { enrollment: { personId: await h.personId(handle) } }, orderBy: { createdAt: 'asc' } });

describe('/mentor log-call', () => {
  it.each([
    ['45m supervision', 45, 'supervision', '2026-03-05'],
    ['1h30m co-facilitation 2026-03-02', 90, 'co_facilitation', '2026-03-02'],
    ['1.5h observation yesterday', 90, 'observation', '2026-03-04'],
    ['2h independent 2026-03-03 wrote up the Jones case', 120, 'independent', '2026-03-03'],
  ])('parses `%s`', async (args, minutes, kind, date) => {
    const seen = await h.command('mo', `log-call ${args}`);
    expect(seen.text).toMatch(/^Logged a /);
    expect((await callsOf('mo')).at(-1)).toMatchObject({ minutes, kind, occurredOn: date });
  });

  it('keeps notes private: encrypted at rest, readable by the logger only', async () => {
    const [last] = (await callsOf('mo')).slice(-1);
    expect(last!.notesEnc).not.toBeNull();
    expect(last!.notesEnc).not.toContain('Jones');
    expect((await h.services.store.calls.get(last!.id))!.notes).toBe('wrote up the Jones case');
    expect(h.delivered.map((d) => d.text).join('\n')).not.toContain('Jones');
  });

  it('asks the counterpart to confirm, and only the counterpart can', async () => {
    h.delivered.length = 0;
    await h.command('mo', 'log-call 30m supervision');
    const [ask] = h.takeDelivered('tia');
    expect(ask!.text).toMatch(/Mo logged a 30m supervision call on 2026-03-05 with you/);
    const callId = ask!.buttons.find((b) => b.action === 'call.confirm')!.value;
    expect((await h.press('mo', 'call.confirm', callId)).text).toMatch(/Only the other person/);
    expect((await h.press('tia', 'call.confirm')).text).toMatch(/confirmed/);
    expect((await h.services.prisma.callLog.findUniqueOrThrow({ where: { id: callId } })).confirmation).toBe('confirmed');
    expect(h.takeDelivered('mo')[0]!.text).toMatch(/Tia confirmed/);
    expect((await h.press('tia', 'call.dispute', callId)).text).toMatch(/already confirmed/);
  });

  it('records a dispute', async () => {
    await h.command('tia', 'log-call 20m peer');
    await h.press('mo', 'call.dispute');
    expect((await callsOf('tia')).at(-1)!.confirmation).toBe('disputed');
  });

  it('tells the supervisor a debrief is needed, without any of the content, never in a channel', async () => {
    await h.command('sue', 'help');
    const program = await h.services.prisma.program.findFirstOrThrow({ where: { slug: 'cert', workspace: { externalId: h.workspace } } });
    await h.services.store.enrollments.create({ programId: program.id, personId: await h.personId('sue'), role: 'supervisor', status: 'active', startDate: null, commitmentConfirmedAt: null });
    // Tia's supervisor is her mentor by default; the coordinator sets Sue instead.
    expect((await h.command('cora', 'admin supervisor @tia @sue')).text).toMatch(/Sue now supervises Tia/);
    h.delivered.length = 0;
    const seen = await h.command('tia', 'log-call 1h co-facilitation the family walked out --check-in impasse');
    expect(seen.text).toMatch(/asked your supervisor for a debrief \(an impasse\)/);
    const [toSue] = h.takeDelivered('sue');
    expect(toSue!.text).toContain('Tia (Interventionist certification mentorship) asked for a debrief: an impasse.');
    expect(h.takeDelivered('mo').map((d) => d.text).join()).not.toContain('debrief');
    expect(h.delivered.some((d) => d.to.startsWith('#'))).toBe(false);
    expect(h.delivered.map((d) => d.text).join()).not.toContain('walked out');
    expect((await callsOf('tia')).at(-1)!.checkIn).toBe('impasse');
  });

  it('opens a form without arguments, and the form logs the call', async () => {
    const seen = await h.command('tia', 'log-call');
    expect(seen.form?.inputs.map((i) => i.id)).toEqual(['duration', 'kind', 'date', 'notes', 'check_in']);
    const done = await h.submit('tia', 'log-call', { duration: '50m', kind: 'observation', date: '2026-03-04', notes: 'watched', check_in: 'none' });
    expect(done.text).toMatch(/Logged a 50m observation call on 2026-03-04/);
  });

  it.each([
    ['', /Say how long/],
    ['45 supervision', /not a length of time/],
    ['45m nap', /"nap" is not one of: supervision, observation/],
    ['45m supervision 2026-03-09', /in the future/],
    ['45m supervision 2026-02-27', /before you joined the program \(2026-03-02\)/],
    ['45m supervision 2026-02-30', /"2026-02-30" is not a date I understand. Try today, yesterday, last tue/],
    ['13h supervision', /between 1 minute and 12 hours/],
    ['45m supervision --check-in sad', /"sad" is not one of: safety, impasse/],
    ['45m supervision --program nope', /not enrolled in `nope`/],
  ])('answers `log-call %s` privately with the usage, and logs nothing', async (args, pattern) => {
    const before = (await callsOf('mo')).length;
    const seen = await h.command('mo', args ? `log-call ${args}` : 'log-call 45m');
    if (!args) expect(seen.text).toMatch(/what kind of call/);
    else expect(seen.text).toMatch(pattern);
    expect(seen.private).toBe(true);
    expect(seen.text).toContain('Usage: `/mentor log-call');
    expect((await callsOf('mo')).length).toBe(before);
  });

  it('refuses a supervision log without a match, and answers someone not enrolled', async () => {
    expect((await h.command('lone', 'log-call 30m supervision')).text).toMatch(/needs an active match/);
    expect((await h.command('stranger', 'log-call 30m supervision')).text).toMatch(/not enrolled/);
  });

  // Tia's own undisputed calls (60m co-facilitation, 50m observation) plus those Mo logged with her
  // (45m + 30m supervision, 90m co-facilitation, 90m observation; not his independent practice): 365m.
  it("shows a mentor's supervision log in the trainee's status, with hours this week against the commitment", async () => {
    const status = await h.command('tia', 'status');
    expect(status.text).toContain('Week 1 of 40');
    expect(status.text).toContain('Phase: Foundation');
    expect(status.text).toMatch(/Supervision calls this phase \(weekly, 30 min\): ▰+▱* 1\/1 kept/);
    expect(status.text).toMatch(/Hours this week \(commitment 2–3 h\): .* 6\.1\/2 h/);
  });
});
