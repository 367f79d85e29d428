import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { engineConfig } from '../../../src/jobs/config.js';
import { createNudgeEngine, type NudgeEngine } from '../../../src/jobs/engine.js';
import { uniqueName } from '../../support/db.js';
import { deleteRedisPrefix } from '../../support/redis-prefix.js';
import { TestClock } from '../../support/services.js';
import { DiscordDriver } from '../discord/discord-driver.js';
import { DiscordTestApp } from '../discord/discord-test-app.js';

// The daily loop through signed Discord interactions: the supervision nudge's "Log this call"
// opens the form filled in ahead; a bad answer comes back privately with a button that reopens
// the form holding everything typed; the corrected form logs the call; a pressed message is
// updated (UPDATE_MESSAGE) so its buttons are gone; a channel post carries a <t:…> token.
const clock = new TestClock(new Date('2026-03-02T12:00:00Z'));
const app = new DiscordTestApp();
const d = new DiscordDriver(app);
const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
const prefix = `{${uniqueName('daily-discord')}}`;
let engine: NudgeEngine;
const member = (option: string, name: string) => ({ type: 6, name: option, value: app.person(name).id });

async function join(name: string, role: 'mentor' | 'mentee', values: Record<string, string>): Promise<void> {
  const checkpoint = await d.typed(name, 'mentor', 'join', [{ type: 3, name: 'program', value: 'cert' }, ...(role === 'mentor' ? [{ type: 3, name: 'role', value: 'mentor' }] : [])]);
  await d.pressIn(name, checkpoint, 'join.confirm');
  await d.submit(name, 'join-details', values);
}

const tiaCalls = () => app.services.prisma.callLog.findMany({ where: { enrollment: { person: { identities: { some: { externalUserId: app.person('tia').id } } } } } });

beforeAll(async () => {
  await app.start({ clock });
  await d.typed('cora', 'mentor-admin', 'program create', [{ type: 3, name: 'name', value: 'cert' }, { type: 3, name: 'template', value: 'certification-40-week' }]);
  await join('mo', 'mentor', { availability: 'Mon 18:00-20:00', field: 'family intervention' });
  await join('tia', 'mentee', { availability: 'Mon 19:00-21:00', 'join-goals': 'Lead a family meeting' });
  await d.typed('cora', 'mentor-admin', 'match', [member('mentor', 'mo'), member('mentee', 'tia')]);
  const identity = await app.services.prisma.identity.findFirst({ where: { externalUserId: app.person('tia').id } });
  const config = engineConfig({ prefix, workspaceIds: [identity!.workspaceId], schedule: false, rateLimits: false });
  engine = createNudgeEngine({ store: app.services.jobStore, clock, logger: app.services.logger, redis, platforms: [app.runtime], config });
  await engine.start();
  await engine.advanceTo(new Date('2026-03-10T12:00:00Z'), (to) => clock.set(to));
  await app.idle();
}, 120_000);

afterAll(async () => {
  await engine?.close();
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
  await app.stop();
});

describe('a supervision nudge in a Discord DM', () => {
  it('"Log this call" opens the log-call modal filled in with 30m and supervision', async () => {
    const opened = await d.pressInDm('tia', 'supervision.log');
    expect(opened.responseType).toBe(9);
    const input = (id: string) => opened.modal.components.map((c: any) => c.component).find((c: any) => c.custom_id === id);
    expect(input('duration').value).toBe('30m');
    expect(input('kind').options.find((o: any) => o.default)?.value).toBe('supervision');
  });

  it('a bad answer comes back privately with a button that reopens the form, nothing typed lost', async () => {
    const refused = await d.submit('tia', 'log-call', { duration: 'half an hour', kind: 'supervision', date: '2026-03-09', notes: 'We talked about pacing' });
    expect(refused.private).toBe(true);
    expect(refused.text).toContain('"half an hour" is not a length of time');
    expect(await tiaCalls()).toHaveLength(0);
    const reopen = refused.buttons.find((b) => b.label.startsWith('Open: Log a call'))!;
    const reopened = await d.pressId('tia', reopen.value, { dm: true });
    expect(reopened.responseType).toBe(9);
    const input = (id: string) => reopened.modal.components.map((c: any) => c.component).find((c: any) => c.custom_id === id);
    expect(input('duration').value).toBe('half an hour');
    expect(input('notes').value).toBe('We talked about pacing');
  });

  it('the corrected form logs the call', async () => {
    const nudge = { id: '1', content: 'Supervision check-in', components: [{ type: 1, components: [{ type: 2, custom_id: 'x', label: 'Log this call' }] }] };
    const logged = await d.submit('tia', 'log-call', { duration: '30m', kind: 'supervision', date: '2026-03-09', notes: 'We talked about pacing' }, undefined, { dm: true, fromMessage: nudge });
    expect(logged.text).not.toContain('Nothing was saved');
    // The nudge whose button opened the form is updated (UPDATE_MESSAGE): its buttons are gone.
    expect(logged.responseType).toBe(7);
    expect(logged.pages[0].components).toEqual([]);
    expect(logged.pages[0].content).toContain('Supervision check-in\n\n✓ Done — the form was sent');
    expect((await tiaCalls()).map((c) => [c.kind, c.minutes, c.occurredOn])).toEqual([['supervision', 30, '2026-03-09']]);
  });

  it('"Not this week" updates the pressed message: its buttons are gone and it says what was chosen', async () => {
    const pressed = await d.pressInDm('tia', 'supervision.skip');
    expect(pressed.responseType).toBe(7);
    expect(pressed.pages[0].components).toEqual([]);
    expect(pressed.pages[0].content).toContain('Not this week');
  });
});

describe("a mentor's weekly digest in a Discord DM", () => {
  it('lists the trainee’s missed week with its buttons; "Log a call with Tia" opens the form filled in', async () => {
    const dms = app.api.find('POST', /^\/channels\/\d+\/messages$/).map((c) => JSON.stringify(c.body));
    expect(dms.find((m) => m.includes('Your weekly digest') && m.includes('No hours logged in week 1.'))).toBeDefined();
    const opened = await d.pressInDm('mo', 'trainee.log-call');
    expect(opened.responseType).toBe(9);
    const input = (id: string) => opened.modal.components.map((c: any) => c.component).find((c: any) => c.custom_id === id);
    expect(input('duration').value).toBe('30m');
    expect(input('kind').options.find((o: any) => o.default)?.value).toBe('supervision');
  });

  it('"Open my status" answers privately with what waits for the mentor', async () => {
    const shown = await d.pressInDm('mo', 'status.open');
    expect(shown.private).toBe(true);
    expect(shown.text).toContain('Waiting for you');
  });
});

describe('the join details form on Discord', () => {
  it('availability it cannot read comes back privately with a button reopening the form as typed; nobody joins', async () => {
    const checkpoint = await d.typed('zoe', 'mentor', 'join', [{ type: 3, name: 'program', value: 'cert' }, { type: 3, name: 'role', value: 'mentor' }, { type: 3, name: 'time-zone', value: 'America/Chicago' }]);
    await d.pressIn('zoe', checkpoint, 'join.confirm');
    const refused = await d.submit('zoe', 'join-details', { availability: 'whenever the kids are asleep', field: 'nursing' });
    expect(refused.private).toBe(true);
    expect(refused.text).toContain("availability: I couldn't read");
    const reopened = await d.pressId('zoe', refused.buttons.find((b) => b.label.startsWith('Open:'))!.value);
    const typed = (id: string) => reopened.modal.components.map((c: any) => c.component).find((c: any) => c?.custom_id === id);
    expect(typed('availability').value).toBe('whenever the kids are asleep');
    const enrollment = await app.services.prisma.enrollment.findFirstOrThrow({ where: { person: { identities: { some: { externalUserId: app.person('zoe').id } } }, program: { workspace: { externalId: app.guildId } } } });
    expect(enrollment.status).toBe('pending');
  });
});

describe('time zones on Discord', () => {
  it('asks for the zone on joining, and takes it from the join’s time-zone option', async () => {
    const asked = await d.typed('zed', 'mentor', 'join', [{ type: 3, name: 'program', value: 'cert' }]);
    expect(asked.text).toContain('what is your time zone?');
    const told = await d.typed('yun', 'mentor', 'join', [{ type: 3, name: 'program', value: 'cert' }, { type: 3, name: 'time-zone', value: 'America/Los_Angeles' }]);
    expect(told.text).not.toContain('what is your time zone?');
    const yun = await app.services.prisma.person.findFirstOrThrow({ where: { identities: { some: { externalUserId: app.person('yun').id } } } });
    expect([yun.timeZone, yun.timeZoneChosen]).toEqual(['America/Los_Angeles', true]);
  });
});

describe('a cohort post in a Discord channel', () => {
  it('carries a <t:…:F> token, so each reader sees the start in their own zone', async () => {
    await d.command('cora', 'admin cohort create peers');
    await d.command('cora', 'admin cohort meeting peers 2026-04-07 18:30 90 Case consultation');
    const start = Math.floor(new Date('2026-04-07T18:30:00Z').getTime() / 1000);
    const posts = app.api.find('POST', /^\/channels\/\d+\/messages$/).map((c) => JSON.stringify(c.body));
    expect(posts.join('\n')).toContain(`<t:${start}:F>`);
  });
});
