import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordDriver } from './discord-driver.js';
import { DiscordTestApp } from './discord-test-app.js';

// Gateway mode as production runs it (DISCORD_TOKEN without DISCORD_PUBLIC_KEY): the Discord
// runtime's start() logs discord.js in; discord.js asks the fake REST API where the gateway is
// (GET /gateway/bot) and connects to a local fake gateway (fake-discord-gateway.ts). Every
// interaction below arrives as an INTERACTION_CREATE dispatch, and every answer goes back through
// REST to the fake API's callback and webhook endpoints — nothing is emitted into the client by hand.
const app = new DiscordTestApp();
const d = new DiscordDriver(app);
const gateway = () => app.gateway!;

beforeAll(() => app.start({ transport: 'gateway' }), 60_000);
afterAll(() => app.stop());

async function help(user: string) {
  const reply = await d.command(user, 'help');
  expect(reply.responseType).toBe(4);
  expect(reply.private).toBe(true);
  expect(reply.text).toContain('/mentor status');
  return reply;
}

describe('Discord gateway mode', () => {
  it('finds the gateway through REST and identifies as the bot: v10, JSON, no compression, the Guilds intent only', async () => {
    const [info] = app.api.find('GET', /^\/gateway\/bot$/);
    expect(info!.auth).toBe('Bot test-bot-token');
    expect(Object.fromEntries(gateway().connections[0]!)).toEqual({ v: '10', encoding: 'json' });
    const [identify] = gateway().sent('identify');
    expect(identify!.d).toMatchObject({ token: 'test-bot-token', intents: 1, compress: false, shard: [0, 1] });
  });

  it('answers /mentor help through the interaction callback, with no bot token on it', async () => {
    const before = app.api.calls.length;
    await help('ana');
    const callbacks = app.api.calls.slice(before).filter((c) => /\/callback$/.test(c.path));
    expect(callbacks).toHaveLength(1);
    expect(callbacks[0]!.auth).toBeUndefined();
    expect(callbacks[0]!.body.data.flags).toBe(64);
  });

  it('takes a command, a button and a modal: a coordinator creates a program, a mentee joins through the checkpoint and its form', async () => {
    const created = await d.typed('cora', 'mentor-admin', 'program create', [{ type: 3, name: 'name', value: 'gw' }, { type: 3, name: 'template', value: 'certification-40-week' }]);
    expect(created.text).toContain('(`gw`)');
    const checkpoint = await d.typed('tia', 'mentor', 'join', [{ type: 3, name: 'program', value: 'gw' }]);
    expect(checkpoint.buttons.map((b) => b.action)).toContain('join.confirm');
    const modal = await d.pressIn('tia', checkpoint, 'join.confirm');
    expect(modal.responseType).toBe(9);
    const joined = await d.submit('tia', modal.form!.id, { availability: 'Tue evenings', 'join-goals': 'Lead a family meeting on my own' });
    expect(joined.text).toContain('Welcome to');
    // The server's name came from the gateway's GUILD_CREATE, not from a fallback.
    expect(await app.services.directory.workspaceName('discord', app.guildId)).toBe('Trellis test server');
    // What the join owed the coordinator went out by REST, like every delivery.
    expect((await d.takeSent()).some((m) => m.text.includes('Tia joined'))).toBe(true);
  });

  it('heartbeats at the interval HELLO gave, with the newest sequence number, and each beat is acknowledged', async () => {
    const before = gateway().sent('heartbeat').length;
    const beats = (await gateway().waitFor('heartbeat', before + 2)).slice(before);
    expect(beats.map((b) => b.d)).toEqual([gateway().sequence, gateway().sequence]);
    // Acknowledged beats keep the connection: the client never gave up on it as a zombie.
    expect(beats.every((b) => b.connection === gateway().connections.length)).toBe(true);
    expect(gateway().closes).toEqual([]);
  });

  it('resumes the session after the connection drops without a close frame, and the next interaction is answered', async () => {
    const session = gateway().sessionId;
    const seq = gateway().sequence;
    gateway().drop();
    const [resume] = await gateway().waitFor('resume');
    expect(resume!.d).toEqual({ token: 'test-bot-token', session_id: session, seq });
    expect(gateway().sent('identify')).toHaveLength(1);
    await gateway().waitUntilLive();
    await help('ana');
  });

  it('gets an interaction that came while it was away: the resumed session replays it, and it is answered', async () => {
    const resumes = gateway().sent('resume').length;
    gateway().drop(4000);
    // Dispatched with no connection: the fake keeps it for the session, as Discord does.
    const answered = d.command('ana', 'help');
    await gateway().waitFor('resume', resumes + 1);
    const reply = await answered;
    expect(reply.text).toContain('/mentor status');
  });

  it('identifies afresh when the session cannot be resumed, and keeps answering', async () => {
    gateway().forgetSession();
    gateway().drop();
    await gateway().waitFor('identify', 2);
    await gateway().waitUntilLive();
    expect(gateway().sessionId).toBeDefined();
    await help('cora');
  });

  it('reconnects when heartbeats go unacknowledged (a zombie connection)', async () => {
    const resumes = gateway().sent('resume').length;
    gateway().ackHeartbeats = false;
    await gateway().waitFor('resume', resumes + 1);
    gateway().ackHeartbeats = true;
    await gateway().waitUntilLive();
    await help('tia');
  });

  it('closes the connection when the runtime stops', async () => {
    const connections = gateway().connections.length;
    const closes = gateway().closes.length;
    await app.runtime.stop();
    await new Promise((r) => setTimeout(r, 700));
    expect(gateway().closes.slice(closes)).toEqual([1000]);
    // It stays closed: no reconnect after a deliberate stop.
    expect(gateway().connections).toHaveLength(connections);
  });
});
