// What the nudge engine tells its JobMetrics port (src/metrics turns it into trellis_* series):
// retries then a final failure through BullMQ's real attempts, and a row nobody can be reached by,
// failed as it is enqueued (what the web process's outbox relay does).
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { message } from '../../../src/core/messages/model.js';
import { engineConfig } from '../../../src/jobs/config.js';
import { createNudgeEngine, type NudgeEngine } from '../../../src/jobs/engine.js';
import type { DeliveryOutcome, JobMetrics } from '../../../src/jobs/metrics.js';
import { DeliveryError } from '../../../src/platform/delivery-error.js';
import type { PlatformRuntime } from '../../../src/platform/contract.js';
import { createHarness, fakePlatform, seeder, type Harness } from './harness.js';

let h: Harness;
const opened: { engine: NudgeEngine; redis: Redis }[] = [];
afterEach(async () => {
  for (const { engine, redis } of opened.splice(0)) {
    await engine.close();
    await redis.quit();
  }
  await h?.close();
});

function recorder() {
  const seen: { outcome: DeliveryOutcome; platform: string; kind: string }[] = [];
  const metrics: JobMetrics = { delivery: (outcome, platform, nudge) => void seen.push({ outcome, platform, kind: nudge.kind }), rateLimited: () => undefined };
  return { seen, metrics };
}

async function engineWith(platforms: PlatformRuntime[], metrics: JobMetrics, attempts = 3): Promise<NudgeEngine> {
  const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
  const engine = createNudgeEngine({
    store: h.services.jobStore,
    clock: h.clock,
    logger: h.services.logger,
    redis,
    platforms,
    config: engineConfig({ prefix: h.prefix, workspaceIds: [h.workspaceId], schedule: false, rateLimits: false, backoffMs: 20, attempts }),
    metrics,
  });
  opened.push({ engine, redis });
  await engine.start();
  return engine;
}

const outboxRow = async (to: Parameters<Harness['services']['store']['outbox']['write']>[0][number]['to']) => {
  const [key] = await h.services.store.transaction((store) => store.outbox.write([{ to, message: message('Your match ended.') }], { at: h.clock.now() }));
  return key!;
};

describe('engine metrics', () => {
  it('reports each transient failure as retried and the last one, out of attempts, as failed', async () => {
    h = await createHarness('2026-03-05T09:00:00Z');
    const person = await seeder(h).person({ handle: 'ivy' });
    const fake = fakePlatform(h.clock, () => {
      throw new DeliveryError('Slack answered HTTP 503', true);
    });
    const { seen, metrics } = recorder();
    const engine = await engineWith([fake.runtime], metrics, 3);
    const key = await outboxRow({ kind: 'person', personId: person.id });
    await engine.enqueue([key]);
    await engine.waitFor([key], 30_000);
    expect(seen).toEqual([
      { outcome: 'retried', platform: 'slack', kind: 'outbound' },
      { outcome: 'retried', platform: 'slack', kind: 'outbound' },
      { outcome: 'failed', platform: 'slack', kind: 'outbound' },
    ]);
    expect((await h.services.prisma.plannedNudge.findUniqueOrThrow({ where: { key } })).status).toBe('failed');
  });

  it('reports a row nobody can be reached by as failed on platform "none" when it is enqueued', async () => {
    h = await createHarness('2026-03-05T09:00:00Z');
    await h.services.prisma.workspace.update({ where: { id: h.workspaceId }, data: { uninstalledAt: new Date('2026-03-01T00:00:00Z') } });
    const { seen, metrics } = recorder();
    const engine = await engineWith([fakePlatform(h.clock).runtime], metrics);
    const key = await outboxRow({ kind: 'channel', workspaceId: h.workspaceId, channelId: 'C0COHORT' });
    await engine.enqueue([key]);
    expect(seen).toEqual([{ outcome: 'failed', platform: 'none', kind: 'outbound' }]);
    expect((await h.services.prisma.plannedNudge.findUniqueOrThrow({ where: { key } })).status).toBe('failed');
  });
});
