// The nudge engine: planner + dispatcher + reconciler over Postgres, delivery workers over BullMQ.
// Any number of processes may run it against one Postgres and one Redis: planning is idempotent
// by key, job ids are deterministic, and a Postgres claim guards every send.
import { Queue, Worker, type Job } from 'bullmq';
import type { Cluster, Redis } from 'ioredis';
import type { Logger } from '../app/logger.js';
import type { PlatformRuntime } from '../platform/contract.js';
import { createDelivery } from '../platform/deliver.js';
import { createChannelLimiter } from './channel-limiter.js';
import { deliveryQueueName, jobIdFor, MAINTENANCE_QUEUE, type EngineClock, type EngineConfig, type PlatformLimits, type PlatformName } from './config.js';
import { backoffStrategy, createDeliveryProcessor, type DeliveryProcessorDeps, type FollowUp } from './deliver-job.js';
import { createDispatcher } from './dispatcher.js';
import { createFactsLoader } from './facts.js';
import { createEngineGauges, createPlanRecord } from './gauges.js';
import { NO_METRICS, type JobMetrics } from './metrics.js';
import type { PublicLinks } from '../core/ports/links.js';
import { createPlanner } from './planner.js';
import type { JobStore } from './ports.js';
import { createDeliveryQueues } from './queues.js';

/** Request ids (Slack, Discord) are remembered this long: platforms retry within minutes. */
const REQUEST_MEMORY_MS = 7 * 86_400_000;
const INBOUND_MEMORY_MS = 86_400_000;
/** The longest step `advanceTo` takes: well inside the planner's 48 h horizon. */
const ADVANCE_STEP_MS = 86_400_000;

export interface NudgeEngineDeps {
  /** The engine's data access (src/store), injected: nothing here talks to Postgres itself. */
  store: JobStore;
  clock: EngineClock;
  logger: Logger;
  /** One Redis, or a Redis Cluster (src/app/redis.ts); BullMQ takes either. */
  redis: Redis | Cluster;
  /** The platforms this process can send through; one delivery queue each. */
  platforms: PlatformRuntime[];
  config: EngineConfig;
  /** "Add to calendar" links in meeting reminders (TRELLIS_PUBLIC_URL); left out when absent. */
  links?: Pick<PublicLinks, 'meetingInvite'>;
  /**
   * The core's rule for matches whose program has ended (src/core/matching/program-end.ts), given
   * by the app: completes those of these candidates that are over, exactly once, and returns the
   * outbox keys of what both sides are told. Without it, matches are never completed here.
   */
  completeProgramEnds?: (now: Date, matchIds: string[]) => Promise<string[]>;
  /** Delivery outcomes, lateness and rate limits, for the operators (src/metrics); none when left out. */
  metrics?: JobMetrics;
  /** Told each delivery's outcome as it takes effect (src/jobs/settle.ts); the operators' counters come from `metrics`. */
  observe?: DeliveryProcessorDeps['observe'];
}

/**
 * How long Discord is assumed to remember a message nonce for `enforce_nonce`: its docs say "the
 * past few minutes" without a figure, so three minutes is taken as the safe reading.
 */
const DISCORD_NONCE_MEMORY_MS = 3 * 60_000;

const MAINTENANCE_JOBS = ['plan', 'dispatch', 'reconcile', 'cleanup'] as const;
type MaintenanceJob = (typeof MAINTENANCE_JOBS)[number];

export function createNudgeEngine(deps: NudgeEngineDeps) {
  const { store, clock, config, redis, logger } = deps;
  const platformNames = [...new Set(deps.platforms.map((p) => p.platform))];
  const defaultJobOptions = { attempts: config.attempts, backoff: { type: 'platform' }, removeOnComplete: true, removeOnFail: true };
  const queues = createDeliveryQueues({ redis, config, platforms: platformNames, defaultJobOptions });
  // Maintenance runs once for the whole engine, on the first shard's prefix.
  const connection = { connection: redis, prefix: queues.shards[0]!.prefix };
  const maintenance = new Queue(MAINTENANCE_QUEUE, { ...connection, defaultJobOptions: { removeOnComplete: true, removeOnFail: 100 } });
  const planner = createPlanner(store.subjects, store.nudges, config.workspaceIds, { spreadSeconds: config.spreadSeconds });
  const metrics = deps.metrics ?? NO_METRICS;
  const dispatcher = createDispatcher({ nudges: store.nudges, clock, config, queues, metrics });
  const workers: Worker[] = [];
  const plans = createPlanRecord(redis, connection.prefix);
  let lastPlannedAt: Date | undefined;
  /** The periodic check that puts lost schedules back (startMaintenance), and the check in progress. */
  let scheduleCheck: NodeJS.Timeout | undefined;
  let checking: Promise<unknown> | undefined;

  /**
   * Matches whose trainee's program has ended complete (once: a conditional update in the core's
   * transaction), and what both sides are told goes on the delivery queues. Runs with every plan.
   */
  async function completeProgramEnds(now: Date): Promise<number> {
    if (!deps.completeProgramEnds) return 0;
    const keys: string[] = [];
    let after: string | undefined;
    for (;;) {
      const ids = await store.subjects.programEndCandidates({ after, limit: 1_000, scope: config.workspaceIds }, now);
      if (ids.length) keys.push(...(await deps.completeProgramEnds(now, ids)));
      if (ids.length < 1_000) break;
      after = ids.at(-1);
    }
    if (keys.length) await dispatcher.enqueueKeys(keys);
    return keys.length;
  }

  /** Plans [previous run − lookback, now + horizon]: a jumped clock still sees what it skipped. */
  async function plan() {
    const now = clock.now();
    await completeProgramEnds(now).catch((err: unknown) => logger.error({ err }, 'completing matches at their program end failed; the next plan tries again'));
    const from = new Date(Math.min(now.getTime(), (lastPlannedAt ?? now).getTime()) - config.planLookbackMs);
    const to = new Date(now.getTime() + config.planHorizonMs);
    const report = await planner.plan({ from, to, now });
    lastPlannedAt = now;
    // Only bookkeeping for the planner-lag gauge: the plan itself is safe in Postgres already.
    await plans.record(to).catch((err: unknown) => logger.warn({ err }, 'planned horizon not recorded'));
    return report;
  }

  async function cleanup(): Promise<number> {
    const now = clock.now().getTime();
    const count = await store.nudges.cleanup(new Date(now - config.retentionDays * 86_400_000), config.workspaceIds);
    // Private notes past their program's retention go the same day (the template says how long).
    await store.erasePrivateNotes(new Date(now), config.workspaceIds);
    // The request log has no workspace: an engine scoped to some (tests sharing a database) leaves it alone.
    if (!config.workspaceIds) {
      await store.forgetRequestsBefore(new Date(now - REQUEST_MEMORY_MS));
      // Written-down platform requests: a day is far past any replay (response_url lasts 30 minutes).
      await store.forgetInboundRequestsBefore(new Date(now - INBOUND_MEMORY_MS));
    }
    return count;
  }

  const maintain: Record<MaintenanceJob, () => Promise<unknown>> = { plan, dispatch: dispatcher.dispatch, reconcile: dispatcher.reconcile, cleanup };

  /**
   * A platform-wide rule is shared by the shards: each enforces its part (keys of one shard live
   * in one Cluster slot, so one script cannot count across shards). Per-workspace and
   * per-channel rules need no split: a workspace lives on one shard.
   */
  const shardLimits = (limits: PlatformLimits): PlatformLimits =>
    limits.global && config.shards > 1 ? { ...limits, global: { ...limits.global, max: Math.max(1, Math.floor(limits.global.max / config.shards)) } } : limits;

  function startDeliveryWorkers(): void {
    // Discord drops a resend only within the few minutes it remembers a nonce; a dead worker's
    // row comes back after BullMQ's lock and stalled check and then the claim's lease.
    const retakeMs = config.lockDurationMs + config.stalledIntervalMs + config.leaseMs;
    if (platformNames.includes('discord') && retakeMs > DISCORD_NONCE_MEMORY_MS) {
      logger.warn({ retakeMs, nonceMemoryMs: DISCORD_NONCE_MEMORY_MS }, "a dead worker's Discord message is re-sent later than Discord remembers its nonce: shorten leaseMs, lockDurationMs or stalledIntervalMs, or a crash may repeat a message");
    }
    const delivery = createDelivery(deps.platforms, store.dmChannels);
    const loadFacts = createFactsLoader(store.facts, deps.links);
    for (const { platform, shard, queue } of queues.entries()) {
      // The limiter keys follow their queue: same prefix, same hash tag, same Cluster slot.
      const limiter = createChannelLimiter(redis, shard.prefix);
      const shardConfig = { ...config, limits: { ...config.limits, [platform]: shardLimits(config.limits[platform]) } };
      // A batch's rows that are not done go on as one-row jobs on the same queue: a key the batch
      // did not claim under the id the reconciler would give it (never two of those); a row it
      // claimed under an id of that claim (see FollowUp.claim).
      const followUp = async (jobs: FollowUp[]) => {
        await queue.addBulk(
          jobs.map((j) => ({
            name: 'follow-up',
            data: { key: j.key },
            opts: { jobId: j.claim ? `${jobIdFor(j.key)}/c${j.claim}` : jobIdFor(j.key), delay: Math.max(0, Math.ceil(j.delayMs)), attempts: Math.max(1, j.attempts) },
          })),
        );
      };
      const processor = createDeliveryProcessor({ platform, nudges: store.nudges, loadFacts, delivery, limiter, clock, config: shardConfig, logger, metrics, observe: deps.observe, followUp });
      const queueLimit = config.rateLimits ? config.limits[platform].queue : undefined;
      const worker = new Worker(deliveryQueueName(platform), processor, {
        connection: redis,
        prefix: shard.prefix,
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
    // The schedules live only in Redis: a Redis that restarts empty (or is flushed) loses them,
    // and nothing else would ever run reconcile again to put the lost delivery jobs back. Each
    // process checks they still exist and restores any that went missing; restoring runs the
    // job at once (an `every` scheduler starts with a run), so reconcile refills the queues.
    const restore = async () => {
      for (const name of MAINTENANCE_JOBS) {
        if (await maintenance.getJobScheduler(name)) continue;
        await maintenance.upsertJobScheduler(name, { every: every[name] }, { name });
        logger.warn({ schedule: name }, 'a maintenance schedule was missing in Redis (restarted empty or flushed?); restored it');
      }
    };
    scheduleCheck = setInterval(() => {
      if (checking) return;
      checking = restore()
        .catch((err: unknown) => logger.warn({ err }, 'could not check the maintenance schedules; trying again later'))
        .finally(() => (checking = undefined));
    }, config.scheduleCheckMs);
    scheduleCheck.unref();
  }

  async function startWorkers(): Promise<void> {
    startDeliveryWorkers();
    if (config.schedule) await startMaintenance();
  }

  /** Resolves once `count()` finds no open row (or throws after `timeoutMs`). */
  async function waitUntilNoneOpen(count: () => Promise<number>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const open = await count();
      if (open === 0) return;
      if (Date.now() > deadline) throw new Error(`${open} nudge(s) still open after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  return {
    queueNames: [...queues.entries().map((e) => `${e.shard.prefix}:${e.queue.name}`), `${connection.prefix}:${maintenance.name}`],
    /** Queue depths, planner lag and outbox backlog, read when the operators' metrics are scraped. */
    gauges: createEngineGauges({
      plans,
      queues: [...queues.entries(), { shard: queues.shards[0]!, queue: maintenance }],
      clock,
      config,
      backlog: store.backlog,
    }),
    /** The delivery queue of a platform for a workspace (its shard's). */
    queueFor: queues.queueFor,
    plan,
    dispatch: dispatcher.dispatch,
    reconcile: dispatcher.reconcile,
    cleanup,
    /** The outbox rows a command just wrote, onto their platforms' queues (a hint: the reconciler finds any it misses). */
    enqueue: (keys: string[]) => dispatcher.enqueueKeys(keys),
    /** Resolves once none of these rows is open any more (sent, skipped or failed). */
    waitFor: (keys: string[], timeoutMs = 120_000) => waitUntilNoneOpen(() => store.nudges.countOpen(keys), timeoutMs),

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
      await waitUntilNoneOpen(() => store.nudges.countOpenDue(clock.now(), config.workspaceIds), timeoutMs);
    },

    /**
     * Moves the clock to `target` the way real time would pass: from one due nudge to the next (at
     * most a day at a time, so the planner's horizon always sees what comes next), running the
     * due work at each stop. A single jump would find nudges whose moment, and expiry, lie inside
     * it already expired; stepping delivers each at its own moment.
     */
    async advanceTo(target: Date, moveClock: (to: Date) => void, timeoutMs = 120_000): Promise<void> {
      for (;;) {
        const now = clock.now().getTime();
        if (now >= target.getTime()) return;
        const due = (await store.nudges.nextOpenDueAt(config.workspaceIds))?.getTime() ?? Infinity;
        const next = Math.min(target.getTime(), Math.max(now + 1_000, Math.min(due, now + ADVANCE_STEP_MS)));
        moveClock(new Date(next));
        await this.runDue(timeoutMs);
      }
    },

    /** Workers first (they finish the job in hand), then the queues; the caller owns Redis. */
    async close(): Promise<void> {
      clearInterval(scheduleCheck);
      await checking;
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([queues.close(), maintenance.close()]);
    },
  };
}

export type NudgeEngine = ReturnType<typeof createNudgeEngine>;
