import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordDriver } from './discord-driver.js';
import { DiscordTestApp } from './discord-test-app.js';
import { commandInteraction, fixture, postInteraction, signBody, snowflake, testKeypair } from './signed-requests.js';
import { testTrellis, type RecordingTrellis } from './test-core.js';

describe('POST /discord/interactions: verification', () => {
  const app = new DiscordTestApp();
  let core: RecordingTrellis;
  beforeAll(async () => {
    await app.start({ wrapTrellis: (_t, services) => (core = testTrellis(services)) });
  });
  afterAll(() => app.stop());

  it('answers an oversized or unreadable body with an empty 4xx, never an HTML stack trace', async () => {
    const big = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(1_100_000) });
    expect(big.status).toBe(413);
    expect(await big.text()).toBe('');
    const encoded = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'bogus' }, body: '{}' });
    expect(encoded.status).toBe(415);
    expect(await encoded.text()).toBe('');
    const unsigned = await fetch(app.url, { method: 'POST', body: 'not json' });
    expect(unsigned.status).toBe(401);
    expect(await unsigned.text()).toBe('');
  });

  it('answers a signed PING with PONG', async () => {
    const res = await app.post(fixture('ping.json'));
    expect(res).toEqual({ status: 200, json: { type: 1 } });
  });

  it('refuses a request signed with another key with 401', async () => {
    const stranger = testKeypair();
    const res = await postInteraction(app.url, stranger.privateKey, fixture('ping.json'));
    expect(res.status).toBe(401);
  });

  it('refuses a body changed after signing with 401, without running anything', async () => {
    const before = core.seen.length;
    const payload = commandInteraction(app.where('mallory'), 'mentor', [{ type: 1, name: 'help', options: [] }]);
    const res = await app.post(payload, { tamper: (body) => body.replace('"help"', '"slow"') });
    expect(res.status).toBe(401);
    expect(core.seen.length).toBe(before);
  });

  it('refuses a request without the signature header, or without the timestamp header, with 401', async () => {
    expect((await app.post(fixture('ping.json'), { signature: null })).status).toBe(401);
    expect((await app.post(fixture('ping.json'), { omitTimestamp: true })).status).toBe(401);
  });

  it('refuses a correctly signed request whose timestamp is ten minutes old (a replay) with 401', async () => {
    const old = String(Math.floor(Date.now() / 1000) - 600);
    expect((await app.post(fixture('ping.json'), { timestamp: old })).status).toBe(401);
  });

  it('refuses a signature that is not hex with 401', async () => {
    expect((await app.post(fixture('ping.json'), { signature: 'z'.repeat(128) })).status).toBe(401);
  });

  it('answers a signed body that is not JSON, or not an interaction, with 400', async () => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const notJson = await postInteraction(app.url, app.privateKey, 'not json', { timestamp, signature: signBody(app.privateKey, timestamp, 'not json') });
    expect(notJson.status).toBe(400);
    expect((await app.post({ hello: 'world' })).status).toBe(400);
  });

  it('answers a command this app never registered (the docs’ /cardsearch) privately, pointing to help', async () => {
    const res = await app.post({ ...fixture('application-command-guild.json'), application_id: app.applicationId });
    expect(res.status).toBe(200);
    expect(res.json.type).toBe(4);
    expect(res.json.data.flags).toBe(64);
    expect(res.json.data.content).toContain('/mentor help');
    expect(core.seen.at(-1)!.invocation).toEqual({ kind: 'typed-command', path: ['cardsearch'], options: { cardname: 'The Gitrog Monster' } });
  });
});

describe('POST /discord/interactions: who acted, and where', () => {
  const app = new DiscordTestApp();
  const driver = new DiscordDriver(app);
  let core: RecordingTrellis;
  beforeAll(async () => {
    await app.start({ wrapTrellis: (_t, services) => (core = testTrellis(services)) });
  });
  afterAll(() => app.stop());

  it('passes a guild member as a Discord identity in that guild, with the channel', async () => {
    await driver.command('ana', 'help');
    const { actor } = core.seen.at(-1)!;
    expect(actor).toMatchObject({ platform: 'discord', workspaceExternalId: app.guildId, externalUserId: app.person('ana').id, handle: 'ana', channelId: app.channelId });
  });

  it('hands a member option to the core by its declared name, as the member’s id, with the request id and Discord naming', async () => {
    const bo = app.person('bo');
    await driver.command('bo', 'help');
    const reply = await driver.typed('ana', 'mentor', 'tell', [{ type: 6, name: 'person', value: bo.id }]);
    expect(reply.text).toBe('Told.');
    const seen = core.seen.at(-1)!;
    expect(seen.invocation).toEqual({ kind: 'typed-command', path: ['tell'], options: { person: bo.id } });
    expect(seen.options?.requestId).toMatch(/^discord:\d+$/);
    expect(seen.options?.naming?.command(['tell'])).toBe('/mentor tell');
  });

  it('answers a missing option with the usage line in Discord’s terms', async () => {
    const reply = await driver.typed('ana', 'mentor', 'tell', []);
    expect(reply.private).toBe(true);
    expect(reply.text).toContain('Usage: `/mentor tell person:@…`');
  });

  it('tells someone who uses /mentor in a DM before any server to use it in their server', async () => {
    const reply = await driver.command('stranger', 'help', { dm: true });
    expect(reply.private).toBe(true);
    expect(reply.text).toMatch(/in your server/);
  });

  it('runs a DM command in the one server the person is known in, without binding a channel', async () => {
    await driver.command('cy', 'help');
    await driver.command('cy', 'help', { dm: true });
    const { actor } = core.seen.at(-1)!;
    expect(actor.workspaceExternalId).toBe(app.guildId);
    expect(actor.channelId).toBeUndefined();
  });

  it('answers an unknown interaction type-3 custom_id (a stale button) privately through the core', async () => {
    const reply = await driver.pressId('ana', 'click_one');
    expect(reply.private).toBe(true);
    expect(reply.text).toMatch(/no longer/i);
  });

  it('answers autocomplete for a field it has nothing for with an empty list', async () => {
    const payload = { ...commandInteraction(app.where('ana'), 'mentor', [{ type: 1, name: 'help', options: [{ type: 3, name: 'command', value: 'st', focused: true }] }]), type: 4 };
    const res = await app.post(payload);
    expect(res.json).toEqual({ type: 8, data: { choices: [] } });
  });

  it('keeps each Discord server a workspace of its own', async () => {
    const other = snowflake();
    await driver.send('dee', commandInteraction({ ...app.where('dee'), guildId: other }, 'mentor', [{ type: 1, name: 'help', options: [] }]));
    expect(core.seen.at(-1)!.actor.workspaceExternalId).toBe(other);
  });
});
