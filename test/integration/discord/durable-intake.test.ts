// The durable intake through the real Discord endpoint (signed interactions): an interaction is
// written down before its first answer, a second delivery of one interaction id is not run again,
// and a replay of one that only opened a form tells the person, warmly, to try again.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NOT_TAKEN } from '../../../src/platform/intake.js';
import { DiscordTestApp } from './discord-test-app.js';
import { commandInteraction } from './signed-requests.js';
import { testTrellis, type RecordingTrellis } from './test-core.js';
import { FORM_NOT_OPENED } from '../../../src/adapters/discord/replay.js';

describe('Discord durable intake', () => {
  const app = new DiscordTestApp();
  let core: RecordingTrellis;
  beforeAll(async () => {
    await app.start({ wrapTrellis: (_t, services) => (core = testTrellis(services)) });
  });
  afterAll(() => app.stop());

  const ran = (id: string) => core.seen.filter((s) => s.options?.requestId === `discord:${id}`).length;

  it('writes an interaction down before answering, and answers a second delivery of it without running it again', async () => {
    const payload = commandInteraction(app.where('ana'), 'mentor', [{ type: 1, name: 'help', options: [] }]);
    const first = await app.post(payload);
    expect(first.status).toBe(200);
    expect(first.json.type).toBe(4);
    await app.idle();
    const row = await app.services.prisma.inboundRequest.findUniqueOrThrow({ where: { id: `discord:${payload.id}` } });
    expect(row).toMatchObject({ platform: 'discord', workspace: app.guildId });
    expect(row.answeredAt).not.toBeNull();
    expect(row.payloadEnc).not.toContain(payload.token);

    const again = await app.post(payload);
    expect(again.json).toMatchObject({ type: 4, data: { content: expect.stringMatching(/already/), flags: 64 } });
    await app.idle();
    expect(ran(payload.id)).toBe(1);
  });

  it('refuses an interaction it cannot write down (Postgres out of reach), privately and plainly, and does not run it', async () => {
    const payload = commandInteraction(app.where('di'), 'mentor', [{ type: 1, name: 'help', options: [] }]);
    const record = vi.spyOn(app.services.intake, 'record').mockRejectedValueOnce(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
    try {
      const answer = await app.post(payload);
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({ type: 4, data: { content: NOT_TAKEN, flags: 64 } });
      await app.idle();
      expect(ran(payload.id)).toBe(0);
    } finally {
      record.mockRestore();
    }
  });

  it('a replayed interaction that only opened a form says so on the interaction, and opens nothing', async () => {
    const payload = commandInteraction(app.where('bo'), 'mentor', [{ type: 1, name: 'survey', options: [] }]);
    const id = `discord:${payload.id}`;
    // Written down by a process that died before answering.
    expect(await app.services.intake.record({ id, platform: 'discord', workspace: app.guildId, payload, receivedAt: new Date(Date.now() - 60_000) })).toBe(true);
    app.services.intake.release(id);
    const calls = app.api.calls.length;
    await app.runtime.replay!({ id, platform: 'discord', workspace: app.guildId, payload, receivedAt: new Date(), attempts: 1 });
    await app.idle();
    const sent = app.api.calls.slice(calls);
    expect(sent.map((c) => `${c.method} ${c.path}`)).toEqual([`PATCH /webhooks/${app.applicationId}/${payload.token}/messages/@original`]);
    expect(sent[0]!.body).toMatchObject({ content: FORM_NOT_OPENED });
    expect(JSON.stringify(sent[0]!.body)).not.toContain('"custom_id"');
    expect((await app.services.prisma.inboundRequest.findUniqueOrThrow({ where: { id } })).answeredAt).not.toBeNull();
  });

  it('a replay answers by follow-up when there is no deferral to edit, and by DM when the token has expired', async () => {
    const payload = commandInteraction(app.where('cy'), 'mentor', [{ type: 1, name: 'help', options: [] }]);
    const id = `discord:${payload.id}`;
    await app.services.intake.record({ id, platform: 'discord', workspace: app.guildId, payload, receivedAt: new Date(Date.now() - 60_000) });
    app.api.failNext({ method: 'PATCH', path: /@original$/, status: 404, code: 10008 });
    app.api.failNext({ method: 'POST', path: /^\/webhooks\//, status: 401, code: 50027 });
    const calls = app.api.calls.length;
    await app.runtime.replay!({ id, platform: 'discord', workspace: app.guildId, payload, receivedAt: new Date(), attempts: 1 });
    await app.idle();
    const sent = app.api.calls.slice(calls).map((c) => `${c.method} ${c.path.replace(/\d{17,20}/g, '<id>')}`);
    expect(sent.slice(0, 3)).toEqual([`PATCH /webhooks/<id>/${payload.token}/messages/@original`, `POST /webhooks/<id>/${payload.token}`, 'POST /users/@me/channels']);
    expect(sent[3]).toMatch(/^POST \/channels\/<id>\/messages$/);
    expect(ran(payload.id)).toBe(1);
  });
});
