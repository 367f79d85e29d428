import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../../support/services.js';
import { DiscordDriver, type DiscordReply } from './discord-driver.js';
import { DiscordTestApp } from './discord-test-app.js';
import { expectWithinMessageLimits, expectWithinModalLimits } from './limits-check.js';

// The console lifecycle (test/integration/lifecycle/console-lifecycle.test.ts), step for step,
// through Discord: every step a signed interaction posted to the web app's
// /discord/interactions, every message to others delivered through the fake Discord API, every
// button pressed by its custom_id — from the DM it arrived in when it came by DM — and every form
// filled in as the modal Discord would show.
const clock = new TestClock(new Date('2026-03-02T14:00:00Z'));
const app = new DiscordTestApp();
const d = new DiscordDriver(app);
const at = (name: string) => `<@${app.person(name).id}>`;
const member = (option: string, name: string) => ({ type: 6, name: option, value: app.person(name).id });
const dm = (name: string) => `dm:${app.person(name).id}`;
const advanceDays = (days: number) => clock.advanceMinutes(days * 24 * 60);
const week = (reply: DiscordReply) => reply.pages.flatMap((p) => p.embeds ?? []).flatMap((e: any) => e.fields ?? []).find((f: any) => f.name === 'Program week')?.value;

beforeAll(() => app.start({ clock }));
afterAll(() => app.stop());

async function join(name: string, program: string, role: 'mentor' | 'mentee', values: Record<string, string>): Promise<DiscordReply> {
  const checkpoint = await d.typed(name, 'mentor', 'join', [{ type: 3, name: 'program', value: program }, ...(role === 'mentor' ? [{ type: 3, name: 'role', value: 'mentor' }] : [])]);
  expect(checkpoint.private).toBe(true);
  const modal = await d.pressIn(name, checkpoint, 'join.confirm');
  expect(modal.responseType).toBe(9);
  expectWithinModalLimits(modal.modal);
  return d.submit(name, 'join-details', values);
}

describe('Discord lifecycle', () => {
  it('1. a coordinator creates a program from the 40-week template; a mentor and a mentee join through the checkpoint', async () => {
    const created = await d.typed('cora', 'mentor-admin', 'program create', [{ type: 3, name: 'name', value: 'cert' }, { type: 3, name: 'template', value: 'certification-40-week' }]);
    expect(created.text).toContain('Created Interventionist certification mentorship (`cert`)');
    const mo = await join('mo', 'cert', 'mentor', { availability: 'Mon 18:00-20:00, Thu', field: 'family intervention' });
    const tia = await join('tia', 'cert', 'mentee', { availability: 'Mon 19:00-21:00', 'join-goals': 'Lead a family meeting on my own' });
    expect(mo.text).toContain('Welcome to');
    expect(tia.text).toContain('Welcome to');
    expect((await d.takeSent()).filter((m) => m.to === dm('cora')).map((m) => m.text)).toEqual([
      'Mo joined Interventionist certification mentorship as mentor.',
      'Tia joined Interventionist certification mentorship as mentee.',
    ]);
  });

  it('2. a match is suggested and made with member options; both sides are told by DM', async () => {
    const suggested = await d.typed('cora', 'mentor-admin', 'suggest', [member('mentee', 'tia')]);
    expect(suggested.text).toMatch(/1\. Mo — .*available on the same days \(Mon\); no current mentees/);
    await d.typed('cora', 'mentor-admin', 'match', [member('mentor', 'mo'), member('mentee', 'tia')]);
    const sent = await d.takeSent();
    expect(sent.find((m) => m.to === dm('mo'))?.text).toContain("You are now Tia's mentor");
    expect(sent.find((m) => m.to === dm('tia'))?.text).toContain('Mo is now your mentor');
  });

  it('3. the first call is logged and confirmed with one tap in the DM; the notes stay with the mentor', async () => {
    const logged = await d.typed('mo', 'mentor', 'log-call', [
      { type: 3, name: 'duration', value: '30m' }, { type: 3, name: 'kind', value: 'first-call' }, { type: 3, name: 'date', value: 'today' }, { type: 3, name: 'notes', value: 'Talked about the Lee family referral' },
    ]);
    expect(logged.private).toBe(true);
    expect((await d.takeSent()).find((m) => m.to === dm('tia'))?.text).toContain('Mo logged a 30m first call on 2026-03-02 with you. Is that right?');
    const confirmed = await d.pressInDm('tia', 'call.confirm');
    expect(confirmed.text).toContain('is confirmed');
    expect((await d.takeSent()).find((m) => m.to === dm('mo'))?.text).toContain('Tia confirmed the first call');
    const toOthers = app.api.find('POST', /^\/channels\/\d+\/messages$/).map((c) => JSON.stringify(c.body));
    expect(toOthers.join('\n')).not.toContain('Lee family');
  });

  it('4. in the peer-recovery program, the mentee signs the release (all of its wording on screen) and only then the mentor gets first name and phone', async () => {
    await d.command('cora', 'admin program create peers peer-recovery');
    await join('max', 'peers', 'mentor', { availability: 'Sat', criterion: 'recovery-time', field: 'pharmacy', readiness: 'yes', expectations: 'agree' });
    const survey = { profession: 'pharmacy', availability: 'Sat 10-12', 'mentor-field': 'same-field', 'mentor-gender': 'no-preference', 'mentor-experience': 'no-preference', 'other-preferences': 'none', hopes: 'steady footing' };
    const bea = await join('bea', 'peers', 'mentee', survey);
    expect(bea.text).toContain('Welcome to');
    const stored = await app.services.prisma.enrollment.findFirstOrThrow({ where: { role: 'mentee', program: { slug: 'peers', workspace: { externalId: app.guildId } } } });
    expect(await app.services.store.enrollments.getSurvey(stored.id)).toMatchObject({ hopes: 'steady footing', 'other-preferences': 'none', 'mentor-field': 'same-field' });
    await d.command('cora', `admin match ${at('max')} ${at('bea')} --program peers`);
    expect((await d.command('max', 'contact')).text).toContain('You have no active mentee');
    // Before the release the mentor never receives the mentee's name: not in DMs, embeds or replies.
    const beforeRelease = [(await d.command('max', 'status')).text, ...(await d.takeSent()).filter((m) => m.to === dm('max')).map((m) => m.text)].join('\n');
    expect(beforeRelease).toContain('proposed as a mentor');
    expect(beforeRelease).not.toMatch(/Bea/);
    // A DM's content (what a push notification shows) is the neutral preview; the words ride in the embed.
    const rawToMax = app.api.find('POST', /^\/channels\/\d+\/messages$/).filter((c) => c.body.embeds?.some((e: any) => /proposed as a mentor/.test(e.description ?? '')));
    expect(rawToMax.map((c) => c.body.content)).toEqual(['You have a new message from Trellis.']);
    const release = await d.pressInDm('bea', 'consent.review');
    expect(release.responseType).toBe(9);
    expectWithinModalLimits(release.modal);
    expect(release.modal.components.find((c: any) => c.type === 10)?.content).toBe(app.forms.get('release')!.inputs.find((i) => i.id === 'agree')!.label);
    // Only Bea's signatures: other files sign releases in the same database at the same time.
    const beasSignatures = async () => app.services.prisma.consentRecord.count({ where: { grantorPersonId: { in: (await app.services.prisma.identity.findMany({ where: { externalUserId: app.person('bea').id }, select: { personId: true } })).map((i) => i.personId) } } });
    const signedBefore = await beasSignatures();
    // A bad phone comes back privately with a button reopening the form, what was typed still in it.
    const refused = await d.submit('bea', 'release', { first_name: 'Zoë', phone: 'call me', agree: 'sign' }, undefined, { dm: true });
    expect(refused.private).toBe(true);
    expect(refused.text).toContain('phone: "call me" doesn\'t look like a phone number');
    expect(await beasSignatures()).toBe(signedBefore);
    const reopened = await d.pressId('bea', refused.buttons.find((b) => b.label.startsWith('Open: Release'))!.value, { dm: true });
    const typed = (id: string) => reopened.modal.components.map((c: any) => c.component).find((c: any) => c?.custom_id === id);
    expect([typed('first_name').value, typed('phone').value]).toEqual(['Zoë', 'call me']);
    await d.submit('bea', 'release', { first_name: 'Zoë', phone: '+1 555 010 0142', agree: 'sign' }, undefined, { dm: true });
    expect((await d.command('max', 'contact')).text).toBe('Zoë — +15550100142');
    const status = (await d.command('max', 'status')).text;
    expect(status).toContain('First call: 7 days left');
    // While the release is in force: its first name only, never the platform name.
    expect(status).toContain('Matched with Zoë');
    expect([status, ...(await d.takeSent()).filter((m) => m.to === dm('max')).map((m) => m.text)].join('\n')).not.toMatch(/Bea/);
    const toCora = (await d.takeSent()).filter((m) => m.to === dm('cora')).map((m) => m.text);
    expect(toCora.join('\n')).not.toContain('0142');
  });

  it('5. more calls and reflections follow; one journal entry is shared with the mentor by choice', async () => {
    advanceDays(2);
    await d.command('mo', 'log-call 45m supervision');
    await d.command('tia', 'log-call 1h observation today Shadowed an intake');
    await d.command('tia', 'reflect');
    await d.typed('tia', 'mentor', 'reflect', [{ type: 3, name: 'answer', value: 'I noticed I rush to fill silences with families.' }]);
    await d.typed('tia', 'mentor', 'journal share', [{ type: 3, name: 'n', value: '2' }]);
    expect((await d.takeSent()).filter((m) => m.to === dm('mo')).some((m) => /shared/i.test(m.text))).toBe(true);
    expect((await d.command('mo', 'journal shared')).text).toContain('I noticed I rush to fill silences');
    const status = await d.command('tia', 'status');
    for (const page of status.pages) expectWithinMessageLimits(page);
    expect(status.text).toMatch(/\*\*Supervision calls this phase \(weekly, 30 min\)\*\*\n▰+▱* 1\/1 kept/);
    expect(status.text).toMatch(/\*\*Hours this week \(commitment 2–3 h\)\*\*\n▰+▱* 2\.3\/2 h/);
    expect(status.text).toMatch(/Reflections answered\n2/);
  });

  it('6. a cohort bound to the channel holds a meeting with RSVPs (a button in the channel) and attendance', async () => {
    await d.command('cora', 'admin cohort create circle --program cert');
    await d.command('cora', `admin cohort add circle ${at('tia')} ${at('mo')} --program cert`);
    await d.takeSent();
    await d.command('cora', 'admin cohort meeting circle 2026-03-20 12:00 60 Peer circle --program cert');
    const announcement = (await d.takeSent()).find((m) => m.to === `channel:${app.channelId}`)!.text;
    expect(announcement).toContain('Peer circle');
    expect(announcement).not.toMatch(/Tia|Mo\b/);
    const code = /\b([0-9a-f]{6})\b/.exec(announcement)?.[1];
    expect(code).toBeDefined();
    expect((await d.command('tia', `cohort rsvp ${code} yes`)).text).toContain('down as "going"');
    const posted = app.api.find('POST', new RegExp(`^/channels/${app.channelId}/messages$`)).at(-1)!.body;
    const rsvp = posted.components.flatMap((r: any) => r.components).find((c: any) => c.custom_id.includes('cohort.rsvp'));
    expect((await d.pressId('mo', rsvp.custom_id)).private).toBe(true);
    advanceDays(18);
    await d.command('cora', `admin cohort attendance ${code} ${at('tia')} --program cert`);
    expect((await d.command('cora', 'admin cohort list --program cert')).text).toMatch(/attend/i);
  });

  it('7. a pause freezes the program clock and resume restarts it', async () => {
    const weeks = [week(await d.command('tia', 'status'))];
    await d.command('tia', 'pause');
    advanceDays(14);
    weeks.push(week(await d.command('tia', 'status')));
    await d.command('tia', 'resume');
    advanceDays(7);
    weeks.push(week(await d.command('tia', 'status')));
    expect(weeks).toEqual(['Week 3 of 40', 'Week 3 of 40 (paused)', 'Week 4 of 40']);
  });

  it('8. the match ends by mutual agreement (agreed from the DM) and a re-match keeps the hours and history', async () => {
    await d.takeSent();
    await d.command('tia', 'end');
    await d.pressInDm('mo', 'match.end-agree');
    await d.command('cora', `admin match ${at('mo')} ${at('tia')} --program cert`);
    const toTia = (await d.takeSent()).filter((m) => m.to === dm('tia')).map((m) => m.text);
    expect(toTia.some((t) => t.includes('has ended'))).toBe(true);
    expect(toTia.at(-1)).toContain('Mo is now your mentor');
    expect((await d.command('tia', 'status')).text).toMatch(/Reflections answered\n2/);
    expect(await app.services.prisma.callLog.count({ where: { enrollment: { person: { identities: { some: { externalUserId: app.person('tia').id } } } } } })).toBeGreaterThanOrEqual(1);
  });

  it('9. the log-call modal answers bad values privately and logs good ones; export stays private', async () => {
    const modal = await d.command('mo', 'log-call');
    expect(modal.responseType).toBe(9);
    expect(modal.modal.components.find((c: any) => c.component?.custom_id === 'kind').component.type).toBe(3);
    const today = app.forms.get('log-call')!.inputs.find((i) => i.id === 'date')!.initial!;
    const bad = await d.submit('mo', 'log-call', { duration: 'forever', kind: 'peer', date: today, check_in: 'none' });
    expect(bad.private).toBe(true);
    expect(bad.text).toMatch(/not a length of time|Say how long/);
    const good = await d.submit('mo', 'log-call', { duration: '45m', kind: 'check-in', date: today, notes: 'talked it through', check_in: 'none' });
    expect(good.text).toMatch(/^Logged a 45m check-in call/);
    const exported = await d.command('tia', 'export');
    expect(exported.private).toBe(true);
    for (const page of exported.pages) expectWithinMessageLimits(page);
  });
  it('10. a peer referral in the peer-recovery program: the requester gets first name and phone only after the volunteer signs; either side withdraws at once', async () => {
    const survey = { profession: 'nursing', availability: 'Sun 10-12', 'mentor-field': 'no-preference', 'mentor-gender': 'no-preference', 'mentor-experience': 'no-preference', 'other-preferences': 'none', hopes: 'company' };
    await join('ivy', 'peers', 'mentee', survey);
    await d.takeSent();
    expect((await d.typed('ivy', 'mentor', 'peer request', [])).text).toContain('I let your coordinator know');
    expect((await d.takeSent()).find((m) => m.to === dm('cora'))?.text).toContain('would like to talk with a participant who has a mentor');
    const peers = { type: 3, name: 'program', value: 'peers' };
    await d.typed('cora', 'mentor-admin', 'refer', [member('requester', 'ivy'), member('volunteer', 'bea'), peers]);
    const asked = (await d.takeSent()).filter((m) => m.to === dm('bea')).map((m) => m.text).join('\n');
    expect(asked).toContain('would like to hear what having a mentor is like');
    expect(asked).not.toMatch(/Ivy/);
    const form = await d.pressInDm('bea', 'peer.review');
    expect(form.responseType).toBe(9);
    expectWithinModalLimits(form.modal);
    await d.submit('bea', 'peer-release', { first_name: 'Zoë', phone: '+1 555 010 0177', agree: 'sign' }, undefined, { dm: true });
    const toIvy = (await d.takeSent()).filter((m) => m.to === dm('ivy')).map((m) => m.text).join('\n');
    expect(toIvy).toContain('agreed to talk with you');
    expect(toIvy).not.toContain('0177');
    const raw = app.api.find('POST', /^\/channels\/\d+\/messages$/).filter((c) => c.body.embeds?.some((e: any) => /agreed to talk with you/.test(e.description ?? '')));
    expect(raw.map((c) => c.body.content)).toEqual(['You have a new message from Trellis.']);
    expect((await d.typed('ivy', 'mentor', 'peer contact', [])).text).toContain('Zoë — +15550100177');
    await d.typed('bea', 'mentor', 'peer withdraw', []);
    expect((await d.takeSent()).find((m) => m.to === dm('ivy'))?.text).toContain('has withdrawn their release');
    expect((await d.typed('ivy', 'mentor', 'peer contact', [])).text).not.toContain('0177');
  });

  it('11. withdrawing: a confirmation first, then the proposed mentor hears only that the match ended; private data is erased', async () => {
    await d.command('cora', `admin match ${at('max')} ${at('ivy')} --program peers`);
    await d.takeSent();
    const confirm = await d.typed('ivy', 'mentor', 'account withdraw', []);
    expect(confirm.private).toBe(true);
    // On Discord the prose names the command the Discord way.
    expect(confirm.text).toContain('/mentor account export');
    expect((await d.pressIn('ivy', confirm, 'withdraw.confirm')).text).toContain('You have withdrawn');
    const toMax = (await d.takeSent()).filter((m) => m.to === dm('max')).map((m) => m.text).join('\n');
    expect(toMax).toContain('stepped away from the program');
    expect(toMax).not.toMatch(/Ivy/);
    const ivy = await app.services.prisma.person.findFirstOrThrow({ where: { identities: { some: { externalUserId: app.person('ivy').id, workspace: { externalId: app.guildId } } } } });
    expect(await app.services.prisma.surveyResponse.count({ where: { enrollment: { personId: ivy.id } } })).toBe(0);
  });
});
