import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CoreHarness } from '../../support/core-harness.js';

let h: CoreHarness;
// Each match is proposed a little later than the one before, so "newest" is well defined.
beforeEach(() => h.clock.advanceMinutes(5));
const matchOf = async (mentee: string) =>
  h.services.prisma.match.findMany({ where: { mentee: { personId: await h.personId(mentee) }, program: { workspace: { externalId: h.workspace } } }, orderBy: { proposedAt: 'asc' } });

beforeAll(async () => {
  h = await CoreHarness.start('2026-03-02T14:00:00Z');
  await h.createProgram('cora', 'peers', 'peer-recovery');
  await h.createProgram('cora', 'cert', 'certification-40-week');
  await h.joinAsMentor('mo', 'peers');
  await h.joinAsMentor('max', 'peers');
  await h.joinAsMentee('bea', 'peers');
  await h.command('cora', 'admin match @mo @bea --program peers');
  await h.command('bea', 'consent sign Bea 5550100199');
});
afterAll(() => h.close());

describe('endings', () => {
  it('ends a match by mutual agreement only when the other side agrees, rescinding the release', async () => {
    expect((await h.command('mo', 'end')).text).toMatch(/asked the other person to agree/);
    expect((await matchOf('bea'))[0]!.status).toBe('active');
    await h.press('bea', 'match.end-agree');
    const [match] = await matchOf('bea');
    expect(match).toMatchObject({ status: 'ended', endReason: 'mutual' });
    expect((await h.command('mo', 'contact')).text).toMatch(/no active mentee/);
    const consent = await h.services.prisma.consentRecord.findFirstOrThrow({ where: { matchId: match!.id } });
    expect(consent.revokedAt).not.toBeNull();
    const actions = (await h.services.prisma.auditEvent.findMany({ where: { subjectId: match!.id }, orderBy: { at: 'asc' } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['consent.signed', 'match.end-requested', 'consent.rescinded-on-end', 'match.ended']));
  });

  it('refuses an agreement nobody asked for', async () => {
    await h.command('cora', 'admin match @max @bea --program peers');
    await h.command('bea', 'consent sign Bea 5550100199');
    const current = (await matchOf('bea')).at(-1)!;
    expect((await h.press('max', 'match.end-agree', current.id)).text).toMatch(/has not asked to end/);
  });

  it('goes through a coordinator, who ends it and tells both sides; history and hours are kept', async () => {
    await h.command('max', 'log-call 30m first-call today');
    h.delivered.length = 0;
    expect((await h.command('bea', 'end coordinator')).text).toMatch(/let your coordinator know/);
    expect(h.takeDelivered('cora')[0]!.text).toMatch(/Bea would like to end their match/);
    expect((await h.command('cora', 'admin end @bea --program peers')).text).toMatch(/Ended the match/);
    expect(h.takeDelivered('bea')[0]!.text).toMatch(/has ended/);
    expect(h.takeDelivered('max')[0]!.text).toMatch(/has ended/);
    expect((await matchOf('bea')).at(-1)).toMatchObject({ status: 'ended', endReason: 'coordinator' });
    expect(await h.services.prisma.callLog.count({ where: { enrollment: { personId: await h.personId('max') } } })).toBe(1);
    expect((await h.command('cora', 'admin end @bea --program peers')).text).toMatch(/no match to end/);
  });

  it('lets the mentee ask for a re-match after an overdue first call', async () => {
    await h.command('cora', 'admin match @mo @bea --program peers');
    await h.command('bea', 'consent sign Bea 5550100199');
    const current = (await matchOf('bea')).at(-1)!;
    expect((await h.press('mo', 'match.rematch-request', current.id)).text).toMatch(/Only the mentee/);
    h.delivered.length = 0;
    expect((await h.press('bea', 'match.rematch-request', current.id)).text).toMatch(/suggest someone new/);
    expect((await matchOf('bea')).at(-1)).toMatchObject({ status: 'ended', endReason: 'first_call_overdue' });
    expect(h.takeDelivered('cora')[0]!.text).toMatch(/asked for a new mentor/);
  });
});

describe('pause and resume', () => {
  it('freezes the program clock while paused and restarts it from the same week', async () => {
    await h.joinAsMentee('tia', 'cert');
    h.clock.set('2026-03-20T14:00:00Z');
    expect((await h.command('tia', 'status')).text).toContain('Week 3 of 40');
    expect((await h.command('tia', 'pause')).text).toMatch(/paused/);
    expect((await h.command('tia', 'pause')).text).toMatch(/already paused/);
    expect((await h.command('tia', 'log-call 30m observation')).text).toMatch(/paused/);
    h.clock.set('2026-04-10T14:00:00Z');
    expect((await h.command('tia', 'status')).text).toContain('Week 3 of 40 (paused)');
    expect((await h.command('tia', 'resume')).text).toMatch(/running again/);
    expect((await h.command('tia', 'resume')).text).toMatch(/isn't paused/);
    h.clock.set('2026-04-17T14:00:00Z');
    expect((await h.command('tia', 'status')).text).toContain('Week 4 of 40');
  });

  it('asks which program when a person takes part in several', async () => {
    await h.joinAsMentee('tia', 'peers');
    const seen = await h.command('tia', 'pause');
    expect(seen.text).toMatch(/several programs: `peers` \(mentee\), `cert` \(mentee\)|several programs: `cert` \(mentee\), `peers` \(mentee\)/);
    expect((await h.command('tia', 'pause --program peers')).text).toMatch(/paused/);
  });
});
