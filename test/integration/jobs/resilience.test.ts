import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { MAINTENANCE_QUEUE } from '../../../src/jobs/config.js';
import { inject } from 'vitest';
import { uniqueName } from '../../support/db.js';
import { countBy, createHarness, fakePlatform, keysOf, seeder, type Harness } from './harness.js';
import { httpPlatform } from './support/http-platform.js';

let h: Harness;
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  await h?.close();
});

/** `n` trainees whose week-1 reflection prompt is due at 2026-03-05 09:00 UTC. */
async function seedTrainees(harness: Harness, n: number): Promise<void> {
  const seed = seeder(harness);
  const program = await seed.program();
  for (let i = 0; i < n; i++) {
    const person = await seed.person({ handle: `t${i}` });
    await seed.enrollment(program.id, person.id, 'mentee', '2026-03-02');
  }
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const dueKeys = async (harness: Harness) =>
  (await harness.services.prisma.plannedNudge.findMany({ where: { refs: { path: ['workspaceId'], equals: harness.workspaceId }, dueAt: { lte: harness.clock.now() } }, select: { key: true } }))
    .map((r) => r.key)
    .sort();

describe('losing Redis', () => {
  it('loses no nudge when every key of the engine vanishes before the workers start: start-up reconciles from Postgres', async () => {
    h = await createHarness('2026-03-05T08:55:00Z');
    await seedTrainees(h, 5);
    const fake = fakePlatform(h.clock);
    await h.engine([fake.runtime], {}, false); // plans and dispatches: five delayed jobs in Redis
    expect(await h.redis.keys(`${h.prefix}:deliver-slack:*`)).not.toEqual([]);
    await h.flushRedis();
    expect(await h.redis.keys(`${h.prefix}*`)).toEqual([]);

    h.clock.set('2026-03-05T09:00:00Z');
    const restarted = await h.engine([fake.runtime]);
    await restarted.runDue();
    expect(keysOf(fake.sent).sort()).toEqual(await dueKeys(h));
    expect(fake.sent).toHaveLength(5);
  });

  it('loses no nudge when Redis is flushed under running workers: the next reconcile puts the jobs back', async () => {
    h = await createHarness('2026-03-05T08:55:00Z');
    await seedTrainees(h, 5);
    const fake = fakePlatform(h.clock);
    const engine = await h.engine([fake.runtime]);
    await h.flushRedis();
    h.clock.set('2026-03-05T09:00:00Z');
    await engine.runDue();
    expect(keysOf(fake.sent).sort()).toEqual(await dueKeys(h));
    expect(fake.sent).toHaveLength(5);
  });
});

describe('losing Redis under running workers, with the schedules on', () => {
  it('the four schedules come back by themselves and delivery resumes: nothing lost, nothing doubled, no restart', async () => {
    h = await createHarness('2026-03-05T08:55:00Z');
    await seedTrainees(h, 5);
    const fake = fakePlatform(h.clock);
    // Short cadences so the test takes seconds: the engine is left alone, nothing calls runDue.
    await h.engine([fake.runtime], { schedule: true, planEveryMs: 1_000, dispatchEveryMs: 300, reconcileEveryMs: 300, scheduleCheckMs: 200 });
    const maintenance = new Queue(MAINTENANCE_QUEUE, { connection: h.redis, prefix: h.prefix });
    cleanups.push(() => maintenance.close());
    const schedules = async () => (await maintenance.getJobSchedulers()).map((s) => s.key).sort();
    expect(await schedules()).toEqual(['cleanup', 'dispatch', 'plan', 'reconcile']);
    // The five reminders sit in Redis as delayed jobs five (real) minutes away; the clock jumps to
    // their due time and Redis loses everything: only the schedules can bring them back now.
    h.clock.set('2026-03-05T09:00:00Z');
    // No check that the prefix is empty afterwards: the running planner may write its mark again
    // within the same millisecond (seen on CI), which is the point of this test anyway.
    await h.flushRedis();

    await until(async () => fake.sent.length >= 5 && (await schedules()).length === 4, 20_000);
    expect(await schedules()).toEqual(['cleanup', 'dispatch', 'plan', 'reconcile']);
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // a few more reconcile rounds: still once each
    const counts = countBy(keysOf(fake.sent), (k) => k);
    expect(Object.keys(counts).sort()).toEqual(await dueKeys(h));
    expect(Object.values(counts).every((n) => n === 1)).toBe(true);
    const rows = await h.services.prisma.plannedNudge.findMany({ where: { key: { in: Object.keys(counts) } }, select: { status: true } });
    expect(rows.map((r) => r.status)).toEqual(Array(5).fill('sent'));
  }, 40_000);
});

describe('many workers at once', () => {
  it('never double-sends: two workers on one queue, and a third whose queue holds duplicates of every job', async () => {
    h = await createHarness('2026-03-05T09:00:00Z');
    await seedTrainees(h, 30);
    const fake = fakePlatform(h.clock, () => new Promise((resolve) => setTimeout(resolve, Math.random() * 15)));
    // Three processes' worth of engines start at once (planning, dispatching, reconciling and
    // delivering concurrently). The third uses another prefix: as if every job existed twice in
    // Redis — only the Postgres claim stands between the duplicates.
    const engines = await Promise.all([
      h.engine([fake.runtime], { concurrency: 8 }),
      h.engine([fake.runtime], { concurrency: 8 }),
      h.engine([fake.runtime], { concurrency: 8, prefix: `{${uniqueName('dupes')}}` }),
    ]);
    await Promise.all(engines.map((e) => e.runDue()));
    const counts = countBy(keysOf(fake.sent), (k) => k);
    expect(Object.keys(counts).sort()).toEqual(await dueKeys(h));
    expect(Object.values(counts).every((n) => n === 1)).toBe(true);
    expect(fake.sent).toHaveLength(30);
  });
});

describe('a worker killed mid-delivery', () => {
  interface Fake {
    server: Server;
    url: string;
    held: string[];
    delivered: string[];
    hold: boolean;
  }

  async function fakePlatformServer(): Promise<Fake> {
    const fake: Fake = { server: createServer(), url: '', held: [], delivered: [], hold: true };
    fake.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const { key } = JSON.parse(body) as { key: string };
        // While holding, the first message is accepted and the rest never get an answer: the
        // platform has not accepted those when the worker dies.
        if (fake.hold && fake.delivered.length > 0) return void fake.held.push(key);
        fake.delivered.push(key);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    fake.server.listen(0, '127.0.0.1');
    await once(fake.server, 'listening');
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}/send`;
    return fake;
  }

  it('and restarted delivers each due nudge exactly once', async () => {
    h = await createHarness('2026-03-05T09:00:00Z');
    await seedTrainees(h, 3);
    const fake = await fakePlatformServer();
    cleanups.push(() => new Promise((resolve) => fake.server.close(resolve)), () => void fake.server.closeAllConnections());
    await h.engine([httpPlatform(fake.url)], {}, false); // plan + dispatch only
    const due = await dueKeys(h);
    expect(due).toHaveLength(3);

    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', new URL('./support/worker-child.ts', import.meta.url).pathname], {
      env: { ...process.env, DATABASE_URL: inject('databaseUrl'), REDIS_URL: inject('redisUrl'), PREFIX: h.prefix, WORKSPACE_ID: h.workspaceId, FAKE_URL: fake.url, CHILD_CLOCK: h.clock.now().toISOString() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(() => void child.kill('SIGKILL'));
    await until(() => fake.held.length === 2, 30_000);
    await until(async () => (await h.services.prisma.plannedNudge.count({ where: { key: { in: due }, status: 'sent' } })) === 1, 5_000);
    const claimed = await h.services.prisma.plannedNudge.count({ where: { key: { in: due }, status: 'claimed' } });
    expect(claimed).toBe(2);

    child.kill('SIGKILL');
    await once(child, 'exit');
    fake.server.closeAllConnections();
    fake.hold = false;

    const restarted = await h.engine([httpPlatform(fake.url)], { lockDurationMs: 1_000, stalledIntervalMs: 500, leaseMs: 2_000 });
    await restarted.runDue(30_000);
    expect([...fake.delivered].sort()).toEqual(due);
    const rows = await h.services.prisma.plannedNudge.findMany({ where: { key: { in: due } } });
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
  }, 60_000);
});
