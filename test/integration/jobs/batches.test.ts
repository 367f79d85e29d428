// Delivery in batches: the dispatcher puts the rows one queue has due in one second into one
// delayed job (at most `batchKeys` keys), the reconciler finds those jobs in place instead of
// adding them again, re-creates them when Redis lost them, and every row is still sent once.
import { afterEach, describe, expect, it } from 'vitest';
import { batchesOf, batchJobId } from '../../../src/jobs/dispatcher.js';
import { ZDeliveryBatch } from '../../../src/jobs/deliver-job.js';
import { countBy, createHarness, fakePlatform, keysOf, seeder, type Harness } from './harness.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function seedTrainees(harness: Harness, n: number): Promise<void> {
  const seed = seeder(harness);
  const program = await seed.program();
  for (let i = 0; i < n; i++) {
    const person = await seed.person({ handle: `b${i}` });
    await seed.enrollment(program.id, person.id, 'mentee', '2026-03-02');
  }
}

/** The queued rows of this test's workspace due by `by`: how the dispatcher should have batched them. */
async function queuedRows(harness: Harness, by: Date) {
  return harness.services.prisma.plannedNudge.findMany({
    where: { workspaceId: harness.workspaceId, status: 'queued', dueAt: { lte: by } },
    select: { key: true, kind: true, platform: true, workspaceId: true, dueAt: true },
  });
}

describe('batches of rows due in the same second', () => {
  it('groups by second, sorts keys, and cuts at the batch size; the same rows give the same job id', () => {
    const at = (iso: string) => new Date(iso);
    const rows = ['k3', 'k1', 'k2', 'k4'].map((key, i) => ({ key, kind: 'reflection', platform: 'slack' as const, workspaceId: 'w', dueAt: at(i < 3 ? '2026-03-05T09:00:00.250Z' : '2026-03-05T09:00:01Z') }));
    const batches = batchesOf(rows, 2);
    expect(batches.map((b) => [new Date(b.at).toISOString(), b.keys])).toEqual([
      ['2026-03-05T09:00:00.000Z', ['k1', 'k2']],
      ['2026-03-05T09:00:00.000Z', ['k3']],
      ['2026-03-05T09:00:01.000Z', ['k4']],
    ]);
    expect(batches[0]!.dueAt).toBe(at('2026-03-05T09:00:00.250Z').getTime());
    expect(batchJobId(batches[0]!.at, ['k1', 'k2'])).toBe(batchJobId(batches[0]!.at, ['k1', 'k2']));
    expect(batchJobId(batches[0]!.at, ['k1', 'k2'])).not.toBe(batchJobId(batches[0]!.at, ['k1', 'k3']));
  });

  it('puts rows already due into the current second: a backlog goes in full batches, not a job per past second', () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({ key: `b${i}`, kind: 'reflection', platform: 'slack' as const, workspaceId: 'w', dueAt: new Date(Date.UTC(2026, 2, 5, 8, 0, i * 7)) }));
    rows.push({ key: 'later', kind: 'reflection', platform: 'slack', workspaceId: 'w', dueAt: new Date('2026-03-05T09:00:03Z') });
    const now = new Date('2026-03-05T09:00:00.400Z').getTime();
    expect(batchesOf(rows, 100, now).map((b) => [new Date(b.at).toISOString(), b.keys])).toEqual([
      ['2026-03-05T09:00:00.000Z', ['b0', 'b1', 'b2', 'b3', 'b4']],
      ['2026-03-05T09:00:03.000Z', ['later']],
    ]);
    // Without a "now", each past second is its own batch.
    expect(batchesOf(rows, 100)).toHaveLength(6);
  });

  it('dispatches one job per second and batch size, which the reconciler finds in place, or re-creates after Redis lost it', async () => {
    h = await createHarness('2026-03-05T08:55:00Z');
    await seedTrainees(h, 12);
    const fake = fakePlatform(h.clock);
    const engine = await h.engine([fake.runtime], { batchKeys: 5 }, false);
    const rows = await queuedRows(h, new Date('2026-03-05T09:10:00Z'));
    expect(rows.length).toBeGreaterThanOrEqual(12);
    const expected = batchesOf(rows, 5).map((b) => batchJobId(b.at, b.keys)).sort();
    const queue = engine.queueFor('slack', h.workspaceId)!;
    const jobIds = async () => (await queue.getDelayed()).map((j) => j.id!).sort();
    expect(await jobIds()).toEqual(expected);
    const batches = (await queue.getDelayed()).map((j) => ZDeliveryBatch.parse(j.data));
    expect(batches.flatMap((b) => b.keys).sort()).toEqual(rows.map((r) => r.key).sort());
    expect(Math.max(...batches.map((b) => b.keys.length))).toBeLessThanOrEqual(5);

    await engine.reconcile();
    expect(await jobIds()).toEqual(expected);
    await h.flushRedis();
    expect(await jobIds()).toEqual([]);
    await engine.reconcile();
    expect(await jobIds()).toEqual(expected);
  });

  it('sends every row of every batch once, with two workers taking batches side by side', async () => {
    h = await createHarness('2026-03-05T08:55:00Z');
    await seedTrainees(h, 20);
    const fake = fakePlatform(h.clock, () => new Promise((resolve) => setTimeout(resolve, Math.random() * 10)));
    const engines = [await h.engine([fake.runtime], { batchKeys: 3 }), await h.engine([fake.runtime], { batchKeys: 3 })];
    h.clock.set('2026-03-05T10:00:00Z');
    await Promise.all(engines.map((e) => e.runDue()));
    const due = await h.services.prisma.plannedNudge.findMany({ where: { workspaceId: h.workspaceId, dueAt: { lte: h.clock.now() } }, select: { key: true, status: true } });
    expect(due.length).toBeGreaterThanOrEqual(20);
    expect(due.filter((r) => r.status !== 'sent' && r.status !== 'skipped')).toEqual([]);
    const counts = countBy(keysOf(fake.sent), (k) => k);
    expect(Object.keys(counts).sort()).toEqual(due.filter((r) => r.status === 'sent').map((r) => r.key).sort());
    expect(Object.values(counts).every((n) => n === 1)).toBe(true);
  });
});
