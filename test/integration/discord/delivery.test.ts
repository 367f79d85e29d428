import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../src/platform/delivery-error.js';
import type { DeliveryTarget } from '../../../src/platform/contract.js';
import { message } from '../../../src/core/messages/model.js';
import { parseCustomId } from '../../../src/adapters/discord/custom-id.js';
import { DiscordDriver } from './discord-driver.js';
import { DiscordTestApp } from './discord-test-app.js';
import { expectWithinMessageLimits } from './limits-check.js';
import { snowflake } from './signed-requests.js';
import { testTrellis, type RecordingTrellis } from './test-core.js';

function dmTarget(guildId: string, userId: string, cached: string | null = null) {
  const remembered: string[] = [];
  const target: DeliveryTarget = { kind: 'dm', workspaceExternalId: guildId, userExternalId: userId, dmChannelId: cached, rememberDmChannel: async (id) => void remembered.push(id) };
  return { target, remembered };
}

async function failure(work: Promise<unknown>): Promise<DeliveryError> {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('Discord delivery through send()', () => {
  const app = new DiscordTestApp();
  const driver = new DiscordDriver(app);
  let core: RecordingTrellis;
  beforeAll(async () => {
    await app.start({ maxRateLimitWaitMs: 2_000, wrapTrellis: (_t, services) => (core = testTrellis(services)) });
  });
  afterAll(() => app.stop());

  it('opens a DM channel once, remembers its id, and posts the message there with the bot token', async () => {
    const user = snowflake();
    const { target, remembered } = dmTarget(app.guildId, user);
    await app.runtime.send(target, message('Time for your weekly reflection.'));
    const [open] = app.api.find('POST', /^\/users\/@me\/channels$/).filter((c) => c.body.recipient_id === user);
    expect(open!.auth).toBe('Bot test-bot-token');
    expect(remembered).toHaveLength(1);
    const posts = app.api.find('POST', new RegExp(`^/channels/${remembered[0]}/messages$`));
    expect(posts.map((p) => p.body.content)).toEqual(['Time for your weekly reflection.']);
  });

  it('reuses a cached DM channel without opening another', async () => {
    const user = snowflake();
    const cached = snowflake();
    const opensBefore = app.api.find('POST', /^\/users\/@me\/channels$/).length;
    await app.runtime.send(dmTarget(app.guildId, user, cached).target, message('Again'));
    expect(app.api.find('POST', /^\/users\/@me\/channels$/).length).toBe(opensBefore);
    expect(app.api.find('POST', new RegExp(`^/channels/${cached}/messages$`))).toHaveLength(1);
  });

  it('reopens the DM when the cached channel is gone (Unknown Channel) and remembers the new one', async () => {
    const user = snowflake();
    const stale = snowflake();
    app.api.failNext({ method: 'POST', path: new RegExp(`^/channels/${stale}/messages$`), status: 404, code: 10003 });
    const { target, remembered } = dmTarget(app.guildId, user, stale);
    await app.runtime.send(target, message('Still there?'));
    expect(remembered).toHaveLength(1);
    expect(app.api.find('POST', new RegExp(`^/channels/${remembered[0]}/messages$`))).toHaveLength(1);
  });

  it('posts a cohort reminder straight to the channel, long ones split within limits', async () => {
    const channel = snowflake();
    const items = Array.from({ length: 120 }, (_, i) => `Peer meeting ${i}: ${'z'.repeat(50)}`);
    await app.runtime.send({ kind: 'channel', workspaceExternalId: app.guildId, channelId: channel }, message('Meetings', [{ type: 'heading', text: 'Cohort meetings' }, { type: 'list', items }]));
    const posts = app.api.find('POST', new RegExp(`^/channels/${channel}/messages$`));
    expect(posts.length).toBeGreaterThan(1);
    for (const p of posts) expectWithinMessageLimits(p.body);
  });

  it('puts the server in the custom_id of DM buttons, so a press from the DM acts in that server', async () => {
    const user = snowflake();
    const { target } = dmTarget(app.guildId, user);
    await app.runtime.send(target, message('Psst', [{ type: 'text', text: 'Psst' }, { type: 'actions', buttons: [{ action: 'test.pick', value: 'dm', label: 'Reply' }] }]));
    const post = app.api.find('POST', /^\/channels\/\d+\/messages$/).at(-1)!;
    const customId = post.body.components[0].components[0].custom_id;
    expect(parseCustomId(customId)).toMatchObject({ kind: 'button', guildId: app.guildId, action: 'test.pick', value: 'dm' });
    await driver.pressId('someone', customId, { dm: true });
    expect(core.seen.at(-1)!.actor.workspaceExternalId).toBe(app.guildId);
  });

  it('delivers what a command produced for others: a DM to the mentioned member and a message in the channel', async () => {
    await driver.command('bo', 'help');
    await driver.takeSent();
    const reply = await driver.typed('ana', 'mentor', 'tell', [{ type: 6, name: 'person', value: app.person('bo').id }]);
    expect(reply.text).toBe('Told.');
    // Two audiences, two independent deliveries: they may arrive in either order.
    const sent = await driver.takeSent();
    expect(sent).toHaveLength(2);
    expect(sent).toEqual(expect.arrayContaining([
      { to: `dm:${app.person('bo').id}`, text: 'Psst' },
      { to: `channel:${app.channelId}`, text: 'Announcement' },
    ]));
  });

  it('sends each page with a nonce derived from the idempotency key, so a retried delivery is not posted twice', async () => {
    const channel = snowflake();
    const target = { kind: 'channel' as const, workspaceExternalId: app.guildId, channelId: channel };
    const long = message('x', [{ type: 'list', items: Array.from({ length: 200 }, (_, i) => `${i} ${'q'.repeat(60)}`) }]);
    await app.runtime.send(target, long, { idempotencyKey: 'nudge:reflection:abc:2026-W10' });
    await app.runtime.send(target, long, { idempotencyKey: 'nudge:reflection:abc:2026-W10' });
    const bodies = app.api.find('POST', new RegExp(`^/channels/${channel}/messages$`)).map((c) => c.body);
    const half = bodies.length / 2;
    expect(half).toBeGreaterThan(1);
    expect(bodies.every((b) => b.enforce_nonce === true && b.nonce.length <= 25)).toBe(true);
    expect(new Set(bodies.slice(0, half).map((b) => b.nonce)).size).toBe(half);
    expect(bodies.slice(half).map((b) => b.nonce)).toEqual(bodies.slice(0, half).map((b) => b.nonce));
  });

  it('waits out a short 429 (Retry-After) inside the REST client and then delivers', async () => {
    const channel = snowflake();
    app.api.failNext({ method: 'POST', path: new RegExp(`^/channels/${channel}/messages$`), status: 429, retryAfter: 0.05 });
    await app.runtime.send({ kind: 'channel', workspaceExternalId: app.guildId, channelId: channel }, message('After the wait'));
    expect(app.api.find('POST', new RegExp(`^/channels/${channel}/messages$`))).toHaveLength(2);
  });

  it('fails a 429 longer than it will wait as retryable, with the Retry-After, after one request', async () => {
    const channel = snowflake();
    app.api.failNext({ method: 'POST', path: new RegExp(`^/channels/${channel}/messages$`), status: 429, retryAfter: 30 });
    const error = await failure(app.runtime.send({ kind: 'channel', workspaceExternalId: app.guildId, channelId: channel }, message('Too soon')));
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(30_000);
    expect(app.api.find('POST', new RegExp(`^/channels/${channel}/messages$`))).toHaveLength(1);
  });

  it('retries a 500 in the REST client and fails as retryable when it persists', async () => {
    const channel = snowflake();
    app.api.failNext({ method: 'POST', path: new RegExp(`^/channels/${channel}/messages$`), status: 500, times: 5 });
    const error = await failure(app.runtime.send({ kind: 'channel', workspaceExternalId: app.guildId, channelId: channel }, message('Down')));
    expect(error.retryable).toBe(true);
    expect(app.api.find('POST', new RegExp(`^/channels/${channel}/messages$`))).toHaveLength(3);
  });

  it('does not retry a 403 (missing access, DMs closed): one request, a final error', async () => {
    const channel = snowflake();
    app.api.failNext({ method: 'POST', path: new RegExp(`^/channels/${channel}/messages$`), status: 403, code: 50001 });
    const error = await failure(app.runtime.send({ kind: 'channel', workspaceExternalId: app.guildId, channelId: channel }, message('Nope')));
    expect(error.retryable).toBe(false);
    expect(app.api.find('POST', new RegExp(`^/channels/${channel}/messages$`))).toHaveLength(1);
  });
});

describe('Discord delivery with a revoked token', () => {
  const app = new DiscordTestApp();
  beforeAll(() => app.start());
  afterAll(() => app.stop());

  it('does not retry a 401: one request, a final error', async () => {
    const channel = snowflake();
    app.api.failNext({ method: 'POST', path: new RegExp(`^/channels/${channel}/messages$`), status: 401, code: 0 });
    const error = await failure(app.runtime.send({ kind: 'channel', workspaceExternalId: app.guildId, channelId: channel }, message('Revoked')));
    expect(error.retryable).toBe(false);
    expect(app.api.find('POST', new RegExp(`^/channels/${channel}/messages$`))).toHaveLength(1);
    // @discordjs/rest drops a token Discord refused; later sends fail at once, also as final.
    const again = await failure(app.runtime.send({ kind: 'channel', workspaceExternalId: app.guildId, channelId: channel }, message('Still revoked')));
    expect(again.retryable).toBe(false);
    expect(app.api.find('POST', new RegExp(`^/channels/${channel}/messages$`))).toHaveLength(1);
  });
});
