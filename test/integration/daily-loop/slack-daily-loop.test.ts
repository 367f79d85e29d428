import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { engineConfig } from '../../../src/jobs/config.js';
import { createNudgeEngine, type NudgeEngine } from '../../../src/jobs/engine.js';
import { uniqueName } from '../../support/db.js';
import { deleteRedisPrefix } from '../../support/redis-prefix.js';
import { TestClock } from '../../support/services.js';
import { blocksText, openedView, SlackTestApp, type Posted } from '../slack/support/harness.js';
import type { Who } from '../slack/support/payloads.js';

// The daily loop through signed Slack requests: a supervision nudge arrives by DM with its
// buttons, "Log this call" opens the form filled in ahead, a bad answer keeps the modal open with
// the error under its field, a good one logs the call, and a pressed message stops offering buttons.
const clock = new TestClock(new Date('2026-03-02T12:00:00Z'));
const slack = new SlackTestApp({ clock });
const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
const prefix = `{${uniqueName('daily-slack')}}`;
let engine: NudgeEngine;
let cora: Who, mo: Who, tia: Who;

const views = new Map<string, Record<string, any>>();
const remember = (who: Who, posted: Posted) => {
  const view = openedView(posted);
  if (view) views.set(who.userId, view);
  return posted;
};
const command = async (who: Who, text: string) => remember(who, await slack.slash(who, text));
const dmsTo = (who: Who) => slack.api.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === `D${who.userId}`).map((c) => c.args as Record<string, any>);
const buttonIn = (msg: Record<string, any>, label: string) =>
  (msg.blocks as any[]).flatMap((b) => (b.type === 'actions' ? b.elements : [])).find((e: any) => e.text?.text === label) as { action_id: string; value: string } | undefined;

async function pressFirst(who: Who, action: string): Promise<Posted> {
  for (const msg of slack.api.responses.map((r) => r.body).reverse()) {
    const button = ((msg.blocks as any[]) ?? []).flatMap((b) => (b.type === 'actions' ? b.elements : [])).find((e: any) => String(e.action_id).endsWith(`:${action}`));
    if (button) return remember(who, await slack.press(who, { action_id: button.action_id, value: button.value }));
  }
  throw new Error(`no ${action} button was shown`);
}

beforeAll(async () => {
  await slack.start();
  cora = slack.who('cora', 'America/New_York');
  mo = slack.who('mo', 'America/Chicago');
  tia = slack.who('tia', 'America/Chicago');
  await command(cora, 'admin program create cert certification-40-week');
  await command(mo, 'join cert mentor');
  await pressFirst(mo, 'join.confirm');
  await slack.submit(mo, views.get(mo.userId)!, { availability: 'Mon 18:00-20:00', field: 'family intervention' });
  await command(tia, 'join cert');
  await pressFirst(tia, 'join.confirm');
  await slack.submit(tia, views.get(tia.userId)!, { availability: 'Mon 19:00-21:00', 'join-goals': 'Lead a family meeting' });
  await command(cora, `admin match <@${mo.userId}> <@${tia.userId}>`);
  const identity = await slack.services.prisma.identity.findFirst({ where: { externalUserId: tia.userId } });
  const config = engineConfig({ prefix, workspaceIds: [identity!.workspaceId], schedule: false, rateLimits: false });
  engine = createNudgeEngine({ store: slack.services.jobStore, clock, logger: slack.services.logger, redis, platforms: [slack.adapter], config });
  await engine.start();
  await engine.advanceTo(new Date('2026-03-10T12:00:00Z'), (to) => clock.set(to));
}, 120_000);

afterAll(async () => {
  await engine?.close();
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
  await slack.stop();
});

describe('a supervision nudge in a Slack DM', () => {
  const nudge = () => dmsTo(tia).find((m) => blocksText(m.blocks).includes('Supervision check-in'))!;

  it('carries Log this call, Not this week and the two snoozes', () => {
    expect(nudge()).toBeDefined();
    for (const label of ['Log this call', 'Not this week', 'Remind me tomorrow', 'In 3 days']) expect(buttonIn(nudge(), label)).toBeDefined();
  });

  it('"Log this call" opens the log-call form filled in with the phase’s call length and the kind', async () => {
    const button = buttonIn(nudge(), 'Log this call')!;
    const { text, blocks } = nudge();
    const posted = remember(tia, await slack.press(tia, { ...button, label: 'Log this call' }, { channelId: `D${tia.userId}`, message: { text, blocks } }));
    const view = openedView(posted)!;
    const block = (id: string) => (view.blocks as any[]).find((b) => b.block_id === id);
    expect(block('duration').element.initial_value).toBe('30m');
    expect(block('kind').element.initial_option.value).toBe('supervision');
  });

  it('a bad answer keeps the modal open with the error under its field, and nothing is saved', async () => {
    const posted = await slack.submit(tia, views.get(tia.userId)!, { duration: 'half an hour', kind: 'supervision', date: '2026-03-09' });
    expect(JSON.parse(posted.text)).toEqual({ response_action: 'errors', errors: { duration: expect.stringContaining('"half an hour" is not a length of time') } });
    expect(await slack.services.prisma.callLog.count({ where: { enrollment: { person: { identities: { some: { externalUserId: tia.userId } } } } } })).toBe(0);
  });

  it('the corrected form logs the call', async () => {
    const posted = await slack.submit(tia, views.get(tia.userId)!, { duration: '30m', kind: 'supervision', date: '2026-03-09' });
    expect(posted.text).toBe('');
    const calls = await slack.services.prisma.callLog.findMany({ where: { enrollment: { person: { identities: { some: { externalUserId: tia.userId } } } } } });
    expect(calls.map((c) => [c.kind, c.minutes, c.occurredOn])).toEqual([['supervision', 30, '2026-03-09']]);
    // The nudge whose button opened the form is replaced: its words kept, its buttons gone.
    const replaced = posted.responses.find((r) => r.body.replace_original === true)?.body as Record<string, any>;
    expect((replaced.blocks as any[]).some((b) => b.type === 'actions')).toBe(false);
    expect(blocksText(replaced.blocks)).toContain('✓ Log this call');
    expect(blocksText(replaced.blocks)).toContain('Supervision check-in');
  });

  it('"Not this week" replaces the nudge’s buttons with what was chosen', async () => {
    const button = buttonIn(nudge(), 'Not this week')!;
    const posted = await slack.press(tia, button, { channelId: `D${tia.userId}` });
    const replaced = posted.responses.find((r) => r.body.replace_original === true)!.body as Record<string, any>;
    expect((replaced.blocks as any[]).some((b) => b.type === 'actions')).toBe(false);
    expect(blocksText(replaced.blocks)).toContain('Not this week');
  });

  it('"Remind me tomorrow" answers with the local time and updates the message', async () => {
    const button = buttonIn(nudge(), 'Remind me tomorrow')!;
    const posted = await slack.press(tia, button, { channelId: `D${tia.userId}` });
    expect(posted.responses.map((r) => blocksText(r.body.blocks)).join('\n')).toMatch(/I'll remind you tomorrow \(.*, your time\)/);
    expect(posted.responses.some((r) => r.body.replace_original === true)).toBe(true);
  });
});

describe("a mentor's weekly digest in a Slack DM", () => {
  // Monday 9 March: Tia's week 1 ended with nothing logged, so Mo's digest says so.
  const digest = () => dmsTo(mo).find((m) => blocksText(m.blocks).includes('Your weekly digest'))!;

  it('lists the trainee’s missed week, counts only, with Open my status and Log a call with Tia', () => {
    expect(digest()).toBeDefined();
    expect(blocksText(digest().blocks)).toContain('No hours logged in week 1.');
    expect(digest().text).toBe('You have a new message from Trellis.'); // the template's neutral preview
    for (const label of ['Open my status', 'Log a call with Tia']) expect(buttonIn(digest(), label)).toBeDefined();
  });

  it('"Log a call with Tia" opens the log-call form, kind and call length filled in', async () => {
    const button = buttonIn(digest(), 'Log a call with Tia')!;
    const posted = await slack.press(mo, { ...button, label: 'Log a call with Tia' }, { channelId: `D${mo.userId}`, message: { text: digest().text, blocks: digest().blocks } });
    const view = openedView(posted)!;
    const block = (id: string) => (view.blocks as any[]).find((b) => b.block_id === id);
    expect(block('duration').element.initial_value).toBe('30m');
    expect(block('kind').element.initial_option.value).toBe('supervision');
  });

  it('"Open my status" answers privately with what waits for the mentor, and keeps the digest’s buttons', async () => {
    const posted = await slack.press(mo, buttonIn(digest(), 'Open my status')!, { channelId: `D${mo.userId}` });
    expect(posted.responses.map((r) => blocksText(r.body.blocks)).join('\n')).toContain('Waiting for you');
    expect(posted.responses.some((r) => r.body.replace_original === true)).toBe(false);
  });
});

describe('the join details form in Slack', () => {
  it('availability it cannot read keeps the modal open with the error under that field, and nobody joins', async () => {
    const zed = slack.who('zed', 'America/Chicago');
    await command(zed, 'join cert mentor');
    await pressFirst(zed, 'join.confirm');
    const refused = await slack.submit(zed, views.get(zed.userId)!, { availability: 'whenever the kids are asleep', field: 'nursing' });
    expect(JSON.parse(refused.text)).toEqual({ response_action: 'errors', errors: { availability: expect.stringContaining("couldn't read") } });
    const enrollment = await slack.services.prisma.enrollment.findFirstOrThrow({ where: { person: { identities: { some: { externalUserId: zed.userId, workspace: { externalId: zed.teamId } } } } } });
    expect(enrollment.status).toBe('pending');
  });
});

describe('time zones kept current', () => {
  const userChange = (who: Who, tz: string) =>
    JSON.stringify({
      token: 'unused', team_id: who.teamId, api_app_id: 'A0TRELLIS', type: 'event_callback', event_id: `Ev${Date.now()}${tz.length}`, event_time: Math.floor(Date.now() / 1000),
      event: { type: 'user_change', user: { id: who.userId, team_id: who.teamId, name: who.userName, tz }, event_ts: `${Date.now() / 1000}`, cache_ts: Math.floor(Date.now() / 1000) },
    });
  const zoneOf = async (who: Who) => (await slack.services.prisma.person.findFirstOrThrow({ where: { identities: { some: { externalUserId: who.userId } } } })).timeZone;

  it("follows Slack's user_change, until the person chooses a zone themselves", async () => {
    expect((await slack.post(userChange(mo, 'Europe/Berlin'), 'application/json')).status).toBe(200);
    expect(await zoneOf(mo)).toBe('Europe/Berlin');
    await slack.slash(mo, 'settings timezone America/Denver');
    await slack.post(userChange(mo, 'Asia/Tokyo'), 'application/json');
    expect(await zoneOf(mo)).toBe('America/Denver');
  });
});

describe('a cohort post in a Slack channel', () => {
  it('carries a time token, so each reader sees the start in their own zone', async () => {
    await slack.slash(cora, 'admin cohort create peers', { channelId: 'C0PEERS' });
    await slack.slash(cora, `admin cohort add peers <@${tia.userId}>`, { channelId: 'C0PEERS' });
    const posted = await slack.slash(cora, 'admin cohort meeting peers 2026-04-07 18:30 90 Case consultation', { channelId: 'C0PEERS' });
    const post = posted.calls.find((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0PEERS')!;
    const start = Math.floor(new Date('2026-04-07T22:30:00Z').getTime() / 1000);
    expect(JSON.stringify(post.args.blocks)).toContain(`<!date^${start}^`);
  });
});
