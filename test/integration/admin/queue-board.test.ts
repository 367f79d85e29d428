// Bull Board on the web process (startWeb, as `npm run web` starts it): off without
// TRELLIS_ADMIN_TOKEN, 401 without the token, every shard's queues with it, and a real job (an
// outbox row written with a person's name and private words, put on its queue by the engine)
// shows its row key and nothing else.
import { afterEach, describe, expect, it } from 'vitest';
import { shardOf } from '../../../src/jobs/config.js';
import { closeAll, NAME, owedMessage, TOKEN, web, WORDS } from './board-support.js';

afterEach(closeAll);

const bearer = { authorization: `Bearer ${TOKEN}` };

interface BoardQueues {
  queues: { name: string; counts: Record<string, number>; jobs: { id: string; name: string; data: unknown }[]; readOnlyMode: boolean }[];
}

describe('queue dashboard (/admin/queues)', () => {
  it('does not exist without TRELLIS_ADMIN_TOKEN', async () => {
    const { base } = await web({});
    expect((await fetch(`${base}/admin/queues`)).status).toBe(404);
    expect((await fetch(`${base}/admin/queues/api/queues`, { headers: bearer })).status).toBe(404);
  });

  it('answers 401 without the token (or with a wrong one), and lists the queues with it', async () => {
    const { base } = await web({ TRELLIS_ADMIN_TOKEN: TOKEN });
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer not-the-token' }, { authorization: `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}` }, { cookie: `trellis_admin=${TOKEN}` }];
    for (const headers of attempts) {
      const refused = await fetch(`${base}/admin/queues/api/queues`, { headers });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toContain('Bearer');
      expect(await refused.text()).not.toContain('deliver-slack');
    }
    expect((await fetch(`${base}/admin/queues`)).status).toBe(401);

    const page = await fetch(`${base}/admin/queues`, { headers: bearer });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Trellis queues');
    const api = await fetch(`${base}/admin/queues/api/queues`, { headers: bearer });
    expect(api.status).toBe(200);
    const body = (await api.json()) as BoardQueues;
    expect(body.queues.map((q) => q.name).sort()).toEqual(['deliver-slack', 'nudge-maintenance']);
    expect(body.queues.every((q) => q.readOnlyMode)).toBe(true);
  });

  it('lets a browser in once with ?token=: an HttpOnly cookie, and the token gone from the address', async () => {
    const { base } = await web({ TRELLIS_ADMIN_TOKEN: TOKEN });
    expect((await fetch(`${base}/admin/queues?token=wrong-token`, { redirect: 'manual' })).status).toBe(401);
    const login = await fetch(`${base}/admin/queues?token=${TOKEN}&page=2`, { redirect: 'manual' });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/admin/queues?page=2');
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^trellis_admin=[\w-]+; Path=\/admin\/queues; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    // The cookie is a keyed hash of the token, not the token.
    expect(cookie).not.toContain(TOKEN);
    const session = cookie.split(';')[0]!;
    expect((await fetch(`${base}/admin/queues/api/queues`, { headers: { cookie: session } })).status).toBe(200);
    expect((await fetch(`${base}/admin/queues/api/queues`, { headers: { cookie: `${session}x` } })).status).toBe(401);
    // The rest of the site never sees it.
    expect((await fetch(`${base}/healthz`, { headers: { cookie: session } })).status).toBe(200);
  });

  it("shows a real job's row key and nothing of what the message says or whom it is for", async () => {
    const { base, services, prefix } = await web({ TRELLIS_ADMIN_TOKEN: TOKEN });
    const { key } = await owedMessage(services, prefix);
    const api = await fetch(`${base}/admin/queues/api/queues?activeQueue=deliver-slack&status=latest`, { headers: bearer });
    const text = await api.text();
    const queue = (JSON.parse(text) as BoardQueues).queues.find((q) => q.name === 'deliver-slack')!;
    expect(queue.jobs).toHaveLength(1);
    expect(queue.jobs[0]).toMatchObject({ id: key.replaceAll(':', '/'), name: 'outbound', data: { key } });
    expect(key).toMatch(/^outbound:[\w-]+:0$/);
    for (const secret of [NAME, 'Dora', WORDS, 'relapse']) expect(text).not.toContain(secret);
    // The job's own page too.
    const job = await fetch(`${base}/admin/queues/api/queues/deliver-slack/${encodeURIComponent(key.replaceAll(':', '/'))}`, { headers: bearer });
    expect(job.status).toBe(200);
    const jobText = await job.text();
    expect(jobText).toContain(key);
    for (const secret of [NAME, 'Dora', WORDS, 'relapse']) expect(jobText).not.toContain(secret);
  });

  it("lists every shard's queues with TRELLIS_QUEUE_SHARDS, and a workspace's job on its own shard", async () => {
    const { base, services, prefix } = await web({ TRELLIS_ADMIN_TOKEN: TOKEN, TRELLIS_QUEUE_SHARDS: '3' });
    const { key, workspaceId } = await owedMessage(services, prefix, 3);
    const body = (await (await fetch(`${base}/admin/queues/api/queues`, { headers: bearer })).json()) as BoardQueues;
    expect(body.queues.map((q) => q.name).sort()).toEqual(['shard-0/deliver-slack', 'shard-0/nudge-maintenance', 'shard-1/deliver-slack', 'shard-2/deliver-slack']);
    const shard = shardOf(workspaceId, 3);
    const active = `shard-${shard}/deliver-slack`;
    const listed = (await (await fetch(`${base}/admin/queues/api/queues?activeQueue=${encodeURIComponent(active)}&status=latest`, { headers: bearer })).json()) as BoardQueues;
    const counts = Object.fromEntries(listed.queues.filter((q) => q.name.endsWith('deliver-slack')).map((q) => [q.name, Object.values(q.counts).reduce((a, n) => a + n, 0)]));
    expect(counts).toEqual({ 'shard-0/deliver-slack': shard === 0 ? 1 : 0, 'shard-1/deliver-slack': shard === 1 ? 1 : 0, 'shard-2/deliver-slack': shard === 2 ? 1 : 0 });
    expect(listed.queues.find((q) => q.name === active)!.jobs.map((j) => j.data)).toEqual([{ key }]);
  });
});
