import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHarness } from '../../support/core-harness.js';

let h: CoreHarness;
const SECRET_PREFERENCE = 'please nobody from St Mercy hospital';

beforeAll(async () => {
  h = await CoreHarness.start('2026-03-02T14:00:00Z');
  await h.createProgram('cora', 'peers', 'peer-recovery');
  await h.joinAsMentor('mo', 'peers', { field: 'ICU nursing', availability: 'Mon 18:00-22:00', 'recovery-years': '5-plus' });
  await h.joinAsMentor('max', 'peers', { field: 'pharmacy', availability: 'Sat', criterion: 'same-field' });
  await h.joinAsMentee('bea', 'peers', { 'other-preferences': SECRET_PREFERENCE, 'mentor-experience': '3-years' });
});
afterAll(() => h.close());

// Only this file's workspace: other test files share the database.
const audit = async () => {
  const matches = await h.services.prisma.match.findMany({ where: { program: { workspace: { externalId: h.workspace } } }, select: { id: true } });
  return h.services.prisma.auditEvent.findMany({ where: { action: { startsWith: 'consent.' }, subjectId: { in: matches.map((m) => m.id) } }, orderBy: { at: 'asc' } });
};

describe('matching', () => {
  it('ranks eligible mentors with reasons that never quote the survey', async () => {
    const seen = await h.command('cora', 'admin suggest @bea');
    expect(seen.private).toBe(true);
    const lines = seen.text.split('\n');
    // Mentors are asked the facts mentees state preferences on; a reason claims only what a mentor answered.
    expect(lines[1]).toMatch(/^• 1\. Mo — same field, as the mentee prefers; meets the stated years of recovery preference; available on the same days \(Mon\); no current mentees$/);
    expect(lines[2]).toMatch(/^• 2\. Max — different field.*has not said \(years of recovery\)/);
    expect(lines[2]).not.toMatch(/meets/);
    expect(seen.text).not.toContain(SECRET_PREFERENCE);
    expect(seen.text).not.toContain('ICU nursing');
  });

  it.each([
    ['admin match @mo @mo', /can't be matched with themselves/],
    ['admin match @nobody @bea', /I don't know @nobody/],
    ['admin match @bea @mo', /Bea is not an active mentor/],
    ['admin match @mo', /mentee as @name/],
    ['admin suggest bea', /"bea" is not a person/],
  ])('answers `%s` privately with what is wrong', async (text, pattern) => {
    const seen = await h.command('cora', text);
    expect(seen.private).toBe(true);
    expect(seen.text).toMatch(pattern);
    expect(await h.services.prisma.match.count({ where: { program: { workspace: { externalId: h.workspace } } } })).toBe(0);
  });

  it('lets only a coordinator suggest or match', async () => {
    expect((await h.command('mo', 'admin match @mo @bea')).text).toMatch(/Only a program coordinator/);
  });

  it('proposes a match and tells the mentor nothing about the mentee until the release is signed', async () => {
    const seen = await h.command('cora', 'admin match @mo @bea');
    expect(seen.text).toMatch(/starts when Bea signs the release/);
    const toMo = h.takeDelivered('mo');
    expect(toMo).toHaveLength(1);
    expect(toMo[0]!.text).not.toMatch(/Bea/);
    expect(h.takeDelivered('bea')[0]!.buttons[0]!.action).toBe('consent.review');
    expect((await h.command('mo', 'contact')).text).toMatch(/no active mentee/);
    expect((await h.command('cora', 'admin match @max @bea')).text).toMatch(/already has a mentor or a proposed one/);
  });
});

describe('release of information', () => {
  it('shows scope, recipient, purpose, expiry, the right to revoke and the wording version', async () => {
    const seen = await h.command('bea', 'consent');
    for (const part of ['first name and phone number only', 'To whom: Mo', 'Why:', 'Until: Tue 2 Mar 2027', 'Wording: peer-recovery-roi-1', 'revoke']) expect(seen.text).toContain(part);
  });

  it('refuses a phone number that is not one, changing nothing', async () => {
    const seen = await h.command('bea', 'consent sign Bea call-me-maybe');
    expect(seen.text).toMatch(/doesn't look like a phone number/);
    expect(await audit()).toHaveLength(0);
  });

  it('only then gives the mentor the first name and phone, starting the 7-day first-call clock', async () => {
    await h.press('bea', 'consent.review');
    const signed = await h.submit('bea', 'release', { first_name: 'Bea', phone: '+1 (555) 010-0199', agree: 'sign' });
    expect(signed.text).toMatch(/release is signed \(expires Tue 2 Mar 2027\)/);
    expect((await h.command('mo', 'contact')).text).toBe('Bea — +15550100199');
    const [event] = await audit();
    expect(event).toMatchObject({ action: 'consent.signed', actorPersonId: await h.personId('bea') });
    expect(event!.details).toMatchObject({ scope: ['first_name', 'phone'], wordingVersion: 'peer-recovery-roi-1', recipientPersonId: await h.personId('mo') });
    const row = await h.services.prisma.consentRecord.findFirstOrThrow({ where: { grantorPersonId: await h.personId('bea') } });
    expect(row.purpose).toMatch(/phone you/);
    const person = await h.services.prisma.person.findUniqueOrThrow({ where: { id: await h.personId('bea') } });
    expect(person.phoneEnc).not.toContain('5550100199');
    expect((await h.command('mo', 'status')).text).toContain('First call: 7 days left (by Mon 9 Mar 2026).');
  });

  it('counts the first-call clock down and reports how late it is', async () => {
    h.clock.set('2026-03-07T14:00:00Z');
    expect((await h.command('bea', 'status')).text).toContain('First call: 2 days left');
    h.clock.set('2026-03-11T15:00:00Z');
    expect((await h.command('mo', 'status')).text).toContain('First call: 2 days late (was due Mon 9 Mar 2026).');
  });

  it('stops the clock when the first call is logged', async () => {
    await h.command('mo', 'log-call 30m first-call today');
    expect((await h.command('mo', 'status')).text).not.toContain('First call:');
    expect((await h.command('mo', 'log-call 30m first-call today')).text).toMatch(/already logged/);
  });

  it('hides the contact details at once when the mentee revokes, and audits it', async () => {
    const seen = await h.command('bea', 'consent revoke');
    expect(seen.text).toMatch(/revoked/);
    expect((await h.command('mo', 'contact')).text).toMatch(/no release in force/);
    expect((await audit()).map((e) => e.action)).toEqual(['consent.signed', 'consent.revoked']);
    expect((await h.command('bea', 'consent revoke')).text).toMatch(/no release in force to revoke/);
  });

  it('lets only the mentee sign their release', async () => {
    expect((await h.command('mo', 'consent')).text).toMatch(/not enrolled in a program as mentee/);
  });

  it('stops showing contact details once the release expires', async () => {
    await h.command('bea', 'consent sign Bea 5550100199');
    expect((await h.command('mo', 'contact')).text).toContain('Bea');
    h.clock.set('2027-03-12T15:00:00Z');
    expect((await h.command('mo', 'contact')).text).toMatch(/no release in force/);
  });
});
