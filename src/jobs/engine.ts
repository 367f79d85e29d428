// The nudge engine: planner + dispatcher + reconciler over Postgres, delivery workers over BullMQ.
// Any number of processes may run it against one Postgres and one Redis: planning is idempotent
// by key, job ids are deterministic, and a Postgres claim guards every send.
import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { createDelivery } from '../app/delivery.js';
import type { Logger } from '../app/logger.js';
import type { OutboundSink } from '../app/outbound.js';
import type { PlatformRuntime } from '../app/platforms.js';
import type { Cipher } from '../db/crypto.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { createChannelLimiter } from './channel-limiter.js';
import { deliveryQueueName, MAINTENANCE_QUEUE, type EngineClock, type EngineConfig, type PlatformName } from './config.js';
import { backoffStrategy, createDeliveryProcessor } from './deliver-job.js';
import { createDispatcher } from './dispatcher.js';
import { createFactsLoader } from './facts.js';
import { createNudgeStore, OPEN_STATUSES, scopeWhere } from './nudge-store.js';
import { createOutboundSink } from './outbound-sink.js';
import { createPlanner } from './planner.js';
import { createTemplateCache } from './subjects.js';

export interface NudgeEngineDeps {
  prisma: PrismaClient;
  cipher: Cipher;
  clock: EngineClock;
  logger: Logger;
  redis: Redis;
  /** The platforms this process can send through; one delivery queue each. */
  platforms: PlatformRuntime[];
  config: EngineConfig;
}

const MAINTENANCE_JOBS = ['plan', 'dispatch', 'reconcile', 'cleanup'] as const;
type MaintenanceJob = (typeof MAINTENANCE_JOBS)[number];

export function createNudgeEngine(deps: NudgeEngineDeps) {
  const { prisma, clock, config, redis, logger } = deps;
  const connection = { connection: redis, prefix: config.prefix };
  const platformNames = [...new Set(deps.platforms.map((p) => p.platform))];
  const defaultJobOptions = { attempts: config.attempts, backoff: { type: 'platform' }, removeOnComplete: true, removeOnFail: true };
  const queues = new Map<PlatformName, Queue>(platformNames.map((p) => [p, new Queue(deliveryQueueName(p), { ...connection, defaultJobOptions })]));
  const maintenance = new Queue(MAINTENANCE_QUEUE, { ...connection, defaultJobOptions: { removeOnComplete: true, removeOnFail: 100 } });
  const store = createNudgeStore(prisma);
  const planner = createPlanner(prisma, store, config.workspaceIds);
  const dispatcher = createDispatcher({ prisma, clock, config, queues });
  const workers: Worker[] = [];
  let lastPlannedAt: Date | undefined;

  /** Plans [previous run − lookback, now + horizon]: a jumped clock still sees what it skipped. */
  async function plan() {
    const now = clock.now();
    const from = new Date(Math.min(now.getTime(), (lastPlannedAt ?? now).getTime()) - config.planLookbackMs);
    const report = await planner.plan({ from, to: new Date(now.getTime() + config.planHorizonMs), now });
    lastPlannedAt = now;
    return report;
  }

  async function cleanup(): Promise<number> {
    const before = new Date(clock.now().getTime() - config.retentionDays * 86_400_000);
    const { count } = await prisma.plannedNudge.deleteMany({
      where: { AND: [scopeWhere(config.workspaceIds)], status: { in: ['sent', 'skipped', 'failed', 'cancelled'] }, dueAt: { lt: before } },
    });
    return count;
  }

  const maintain: Record<MaintenanceJob, () => Promise<unknown>> = { plan, dispatch: dispatcher.dispatch, reconcile: dispatcher.reconcile, cleanup };

  function startDeliveryWorkers(): void {
    const delivery = createDelivery(prisma, deps.platforms);
    const limiter = createChannelLimiter(redis, config.prefix);
    const loadFacts = createFactsLoader(prisma, createTemplateCache());
    for (const [platform] of queues) {
      const processor = createDeliveryProcessor({ platform, store, loadFacts, delivery, limiter, clock, cipher: deps.cipher, config, logger });
      const queueLimit = config.rateLimits ? config.limits[platform].queue : undefined;
      const worker = new Worker(deliveryQueueName(platform), processor, {
        ...connection,
        concurrency: config.concurrency,
        ...(queueLimit ? { limiter: queueLimit } : {}),
        lockDuration: config.lockDurationMs,
        stalledInterval: config.stalledIntervalMs,
        maxStalledCount: config.maxStalledCount,
        settings: { backoffStrategy: backoffStrategy(config.backoffMs) },
      });
      watch(worker);
      workers.push(worker);
    }
  }

  function watch(worker: Worker): void {
    worker.on('error', (err) => logger.error({ err, queue: worker.name }, 'job worker error'));
    worker.on('failed', (job: Job | undefined, err: Error) => {
      // Skips and holds end as UnrecoverableError by design; only real failures are warnings.
      const benign = /^(skipped|held): /.test(err.message);
      logger[benign ? 'debug' : 'warn']({ queue: worker.name, job: job?.id, reason: err.message }, 'nudge job ended without sending');
    });
  }

  async function startMaintenance(): Promise<void> {
    const worker = new Worker(
      MAINTENANCE_QUEUE,
      async (job: Job) => {
        const task = MAINTENANCE_JOBS.find((name) => name === job.name);
        return task ? maintain[task]() : undefined;
      },
      { ...connection, concurrency: 1 },
    );
    watch(worker);
    workers.push(worker);
    const every: Record<MaintenanceJob, number> = {
      plan: config.planEveryMs,
      dispatch: config.dispatchEveryMs,
      reconcile: config.reconcileEveryMs,
      cleanup: 24 * 3_600_000,
    };
    // Job schedulers are idempotent by id: every process upserts the same four, BullMQ runs
    // each occurrence once across all of them.
    for (const name of MAINTENANCE_JOBS) await maintenance.upsertJobScheduler(name, { every: every[name] }, { name });
  }

  async function startWorkers(): Promise<void> {
    startDeliveryWorkers();
    if (config.schedule) await startMaintenance();
  }

  /** Resolves once no row due by the injected clock is still open (or throws after `timeoutMs`). */
  async function waitUntilDueDone(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const open = await prisma.plannedNudge.count({
        where: { AND: [scopeWhere(config.workspaceIds)], status: { in: [...OPEN_STATUSES] }, dueAt: { lte: clock.now() } },
      });
      if (open === 0) return;
      if (Date.now() > deadline) throw new Error(`${open} due nudge(s) still open after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  return {
    queueNames: [...[...queues.values()].map((q) => q.name), maintenance.name],
    queues,
    store,
    plan,
    dispatch: dispatcher.dispatch,
    reconcile: dispatcher.reconcile,
    cleanup,
    outboundSink: (): OutboundSink => createOutboundSink({ prisma, cipher: deps.cipher, clock, store, dispatcher }),

    /** Start-up: plan, put back whatever Redis lost, dispatch, then start taking jobs. */
    async start(options: { workers?: boolean } = {}): Promise<void> {
      await plan();
      await dispatcher.reconcile();
      await dispatcher.dispatch();
      if (options.workers !== false) await startWorkers();
    },

    /** Only the workers (and the schedules, when configured): for processes that just deliver. */
    startWorkers,

    /**
     * Everything due by the injected clock, now: plan, dispatch, re-add lost jobs, promote delayed
     * jobs the clock has overtaken, and wait until every due row is finished. The console's
     * `advance` and the tests use this; production relies on the schedules instead.
     */
    async runDue(timeoutMs = 120_000): Promise<void> {
      await plan();
      await dispatcher.dispatch();
      await dispatcher.reconcile();
      await dispatcher.promoteDue();
      await waitUntilDueDone(timeoutMs);
    },

    /** Workers first (they finish the job in hand), then the queues; the caller owns Redis. */
    async close(): Promise<void> {
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([...queues.values(), maintenance].map((q) => q.close()));
    },
  };
}

export type NudgeEngine = ReturnType<typeof createNudgeEngine>;
