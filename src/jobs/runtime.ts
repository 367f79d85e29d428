// What the processes start: the nudge engine over the app's services and platforms, with its own
// Redis connection, and the relay that puts a command's outbox rows on the delivery queues as
// soon as the command commits. `close()` stops the workers first (finishing the jobs in hand),
// then the queues, then the connection — the caller closes Postgres after that.
import { programEndCompletion } from '../app/program-ends.js';
import { closeRedis, createRedis } from '../app/redis.js';
import type { Services } from '../app/services.js';
import type { PlatformRuntime } from '../platform/contract.js';
import { engineConfig, timingsForRate, type EngineConfig } from './config.js';
import { createNudgeEngine, type NudgeEngine } from './engine.js';
import type { JobMetrics } from './metrics.js';

export interface JobRuntime {
  queueNames: string[];
  engine: NudgeEngine;
  /** Plans, dispatches and waits until everything due by the services' clock is done. */
  runDue(): Promise<void>;
  /** Moves the clock to `target` in due order (the engine's advanceTo). */
  advanceTo(target: Date, moveClock: (to: Date) => void): Promise<void>;
  /** With `trackOutbox`: waits until the outbox rows written since the last call are delivered. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export interface JobRuntimeOptions {
  services: Services;
  platforms: PlatformRuntime[];
  config?: Partial<EngineConfig>;
  /** false: plan and dispatch only (a web process that enqueues but does not deliver). */
  workers?: boolean;
  /** Remember the keys of outbox rows as they are written, for `settle()` (the console). */
  trackOutbox?: boolean;
  /** The operators' metrics (src/metrics), when this process serves them. */
  metrics?: JobMetrics;
}

/**
 * Outbox rows go on their queues right after their command commits. Only a hint for speed: the
 * rows are safe in Postgres, and the reconciler re-adds any whose enqueue failed or never ran.
 */
function relayOutbox(services: Services, engine: NudgeEngine, track: boolean) {
  const pending: string[] = [];
  const enqueues = new Set<Promise<void>>();
  const unsubscribe = services.outboxEvents.subscribe((keys) => {
    if (track) pending.push(...keys);
    const work = engine.enqueue(keys).catch((err: unknown) => services.logger.warn({ err, count: keys.length }, 'outbox rows not enqueued at once; the reconciler will'));
    enqueues.add(work);
    void work.finally(() => enqueues.delete(work));
  });
  return {
    /** Never throws: a message that is late (Redis away, a platform retrying) stays in the outbox and goes later. */
    async settle(): Promise<void> {
      await Promise.all([...enqueues]);
      const keys = pending.splice(0);
      if (!keys.length) return;
      await engine.waitFor(keys).catch((err: unknown) => services.logger.warn({ err, count: keys.length }, 'messages to others not delivered yet'));
    },
    stop: unsubscribe,
  };
}

export async function startJobRuntime(options: JobRuntimeOptions): Promise<JobRuntime> {
  const { services, platforms } = options;
  const redis = createRedis(services.env, services.logger);
  const config = engineConfig({ prefix: services.env.TRELLIS_QUEUE_PREFIX, shards: services.env.TRELLIS_QUEUE_SHARDS, ...timingsForRate(services.clock.rate), ...options.config });
  const engine = createNudgeEngine({
    store: services.jobStore, clock: services.clock, logger: services.logger, redis, platforms, config, links: services.links, metrics: options.metrics,
    completeProgramEnds: programEndCompletion(services.store, services.logger),
  });
  try {
    await engine.start({ workers: options.workers });
  } catch (error) {
    await engine.close().catch(() => undefined);
    redis.disconnect();
    throw error;
  }
  const relay = relayOutbox(services, engine, options.trackOutbox ?? false);
  return {
    queueNames: engine.queueNames,
    engine,
    runDue: () => engine.runDue(),
    advanceTo: (target, moveClock) => engine.advanceTo(target, moveClock),
    settle: () => relay.settle(),
    async close() {
      relay.stop();
      await engine.close();
      await closeRedis(redis);
    },
  };
}

/**
 * The web process's relay: enqueues each command's outbox rows on the delivery queues (the
 * worker processes send them). Nothing is planned, dispatched or delivered here.
 */
export function startOutboxRelay(services: Services, platforms: PlatformRuntime[], metrics?: JobMetrics): { close(): Promise<void> } {
  const redis = createRedis(services.env, services.logger);
  const config = engineConfig({ prefix: services.env.TRELLIS_QUEUE_PREFIX, shards: services.env.TRELLIS_QUEUE_SHARDS, ...timingsForRate(services.clock.rate), schedule: false });
  // Rows nobody can be reached by fail here, as they are enqueued: counted as failed deliveries.
  const engine = createNudgeEngine({ store: services.jobStore, clock: services.clock, logger: services.logger, redis, platforms, config, metrics });
  const relay = relayOutbox(services, engine, false);
  return {
    async close() {
      relay.stop();
      await engine.close();
      await closeRedis(redis);
    },
  };
}
