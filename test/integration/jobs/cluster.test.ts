// The engine on a real 3-master Redis Cluster started by the test (test/support/redis-cluster.ts):
// workspaces sharded over three prefixes whose hash tags sit on three different masters, every
// nudge delivered exactly once across the shards, and a master lost with its keys is made whole
// again from Postgres by the reconciler.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis, type RedisConnection } from '../../../src/app/redis.js';
import type { Services } from '../../../src/app/services.js';
import { clusterSlot, engineConfig, shardOf, shardPrefixes } from '../../../src/jobs/config.js';
import { createNudgeEngine, type NudgeEngine } from '../../../src/jobs/engine.js';
import { uniqueName } from '../../support/db.js';
import { keysOn, startRedisCluster, type TestRedisCluster } from '../../support/redis-cluster.js';
import { createTestServices, TestClock } from '../../support/services.js';
import { certTemplate, countBy, fakePlatform, keysOf } from './harness.js';

const SHARDS = 3;
let cluster: TestRedisCluster;
let services: Services;
const clock = new TestClock(new Date('2026-03-05T08:59:00Z'));
const connections: RedisConnection[] = [];
const engines: NudgeEngine[] = [];

beforeAll(async () => {
  cluster = await startRedisCluster(3);
  services = await createTestServices(clock);
}, 60_000);

afterAll(async () => {
  await Promise.all(engines.map((e) => e.close()));
  for (const c of connections) c.disconnect();
  await services?.close();
  await cluster?.stop();
});

/** Workspaces with two trainees each: one nudged at 09:00, one at 09:10 (week-1 reflection prompts). */
async function seedWorkspaces(count: number): Promise<string[]> {
  const db = services.prisma;
  const ids: string[] = [];
  for (let w = 0; w < count; w++) {
    const workspace = await db.workspace.create({ data: { platform: 'slack', externalId: uniqueName('T'), name: `Cluster ${w}` } });
    const program = await db.program.create({
      data: { workspaceId: workspace.id, slug: 'c', name: certTemplate.name, templateId: certTemplate.id, templateVersion: certTemplate.version, template: JSON.parse(JSON.stringify(certTemplate)) },
    });
    for (const minute of [9 * 60, 9 * 60 + 10]) {
      const handle = uniqueName('u');
      const person = await db.person.create({ data: { displayName: 'Trainee', timeZone: 'UTC', nudgeMinute: minute } });
      await db.identity.create({ data: { personId: person.id, workspaceId: workspace.id, externalUserId: handle, handle } });
      await db.enrollment.create({ data: { programId: program.id, personId: person.id, role: 'mentee', status: 'active', startDate: '2026-03-02', commitmentConfirmedAt: new Date('2026-01-01T00:00:00Z') } });
    }
    ids.push(workspace.id);
  }
  return ids;
}

async function engineOn(workspaceIds: string[], prefix: string, platforms: Parameters<typeof createNudgeEngine>[0]['platforms'], workers: boolean) {
  const redis = createRedis({ REDIS_URL: 'redis://unused', REDIS_CLUSTER_NODES: cluster.nodes });
  connections.push(redis);
  const engine = createNudgeEngine({
    store: services.jobStore,
    clock,
    logger: services.logger,
    redis,
    platforms,
    config: engineConfig({ prefix, shards: SHARDS, workspaceIds, schedule: false, rateLimits: true, backoffMs: 20 }),
  });
  engines.push(engine);
  await engine.start({ workers });
  return engine;
}

describe('the nudge engine on a 3-master Redis Cluster', () => {
  it('puts the shards on three different masters, and delivers every nudge exactly once across them', async () => {
    clock.set('2026-03-05T09:00:00Z');
    const workspaceIds = await seedWorkspaces(9);
    const prefix = `{${uniqueName('cl')}}`;
    const shardPrefixList = shardPrefixes(prefix, SHARDS);
    const masters = await Promise.all(shardPrefixList.map((p) => cluster.masterOf(clusterSlot(/^\{([^}]+)\}/.exec(p)![1]!))));
    expect(new Set(masters).size).toBe(3);
    // Workspaces fall into more than one shard, and the 09:10 jobs wait on those shards' masters.
    expect(new Set(workspaceIds.map((w) => shardOf(w, SHARDS))).size).toBeGreaterThan(1);
    const fake = fakePlatform(clock);
    await engineOn(workspaceIds, prefix, [fake.runtime], false);
    // Job hashes only (job ids are row keys with `/`): a queue's own bookkeeping keys may exist on any shard.
    const holding = await Promise.all(shardPrefixList.map(async (p, i) => (await keysOn(masters[i]!, `${p}:deliver-slack:*/*`)).length > 0));
    expect(holding.filter(Boolean).length).toBe(new Set(workspaceIds.map((w) => shardOf(w, SHARDS))).size);

    const worker = await engineOn(workspaceIds, prefix, [fake.runtime], true);
    await worker.runDue();
    clock.set('2026-03-05T09:10:00Z');
    await worker.runDue();
    const keys = keysOf(fake.sent);
    expect(keys).toHaveLength(18);
    expect(Object.values(countBy(keys, (k) => k)).every((n) => n === 1)).toBe(true);
  });

  it('loses and doubles nothing when one master is lost with its keys: the reconciler re-creates them from Postgres', async () => {
    clock.set('2026-03-05T09:00:00Z');
    const workspaceIds = await seedWorkspaces(9);
    const prefix = `{${uniqueName('cl')}}`;
    const fake = fakePlatform(clock);
    const worker = await engineOn(workspaceIds, prefix, [fake.runtime], true);
    await worker.runDue(); // the 09:00 prompts go; the 09:10 ones wait as delayed jobs on their shards
    expect(fake.sent).toHaveLength(9);

    // The master holding the busiest shard dies and comes back empty.
    const busiest = Object.entries(countBy(workspaceIds.map((w) => `${shardOf(w, SHARDS)}`), (s) => s)).sort((a, b) => b[1] - a[1])[0]![0];
    const lostPrefix = shardPrefixes(prefix, SHARDS)[Number(busiest)]!;
    const port = await cluster.masterOf(clusterSlot(/^\{([^}]+)\}/.exec(lostPrefix)![1]!));
    expect((await keysOn(port, `${lostPrefix}:deliver-slack:*`)).length).toBeGreaterThan(0);
    await cluster.restartEmpty(port);
    expect(await keysOn(port, `${lostPrefix}:*`)).toEqual([]);

    clock.set('2026-03-05T09:10:00Z');
    await worker.runDue(); // reconcile re-adds the lost jobs; every row is then delivered once
    const keys = keysOf(fake.sent);
    expect(keys).toHaveLength(18);
    expect(Object.values(countBy(keys, (k) => k)).every((n) => n === 1)).toBe(true);
  });
});
