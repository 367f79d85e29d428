// What the processes start: the nudge engine over the app's services and platforms, with its own
// Redis connection. `close()` stops the workers first (finishing the jobs in hand), then the
// queues, then the connection — the caller closes Postgres after that.
import type { OutboundSink } from '../app/outbound.js';
import type { PlatformRuntime } from '../app/platforms.js';
import { createRedis } from '../app/redis.js';
import type { Services } from '../app/services.js';
import { engineConfig, type EngineConfig } from './config.js';
import { createNudgeEngine, type NudgeEngine } from './engine.js';

export interface JobRuntime {
  queueNames: string[];
  engine: NudgeEngine;
  /** Plans, dispatches and waits until everything due by the services' clock is done. */
  runDue(): Promise<void>;
  close(): Promise<void>;
}

export interface JobRuntimeOptions {
  services: Services;
  platforms: PlatformRuntime[];
  config?: Partial<EngineConfig>;
  /** false: plan and dispatch only (a web process that enqueues but does not deliver). */
  workers?: boolean;
}

export async function startJobRuntime(options: JobRuntimeOptions): Promise<JobRuntime> {
  const { services, platforms } = options;
  const redis = createRedis(services.env.REDIS_URL);
  const config = engineConfig({ prefix: services.env.TRELLIS_QUEUE_PREFIX, ...options.config });
  const engine = createNudgeEngine({ prisma: services.prisma, cipher: services.cipher, clock: services.clock, logger: services.logger, redis, platforms, config });
  try {
    await engine.start({ workers: options.workers });
  } catch (error) {
    await engine.close().catch(() => undefined);
    redis.disconnect();
    throw error;
  }
  return {
    queueNames: engine.queueNames,
    engine,
    runDue: () => engine.runDue(),
    async close() {
      await engine.close();
      await redis.quit();
    },
  };
}

/**
 * The production OutboundSink for the web process: enqueues one-off messages on the delivery
 * queues (the worker processes send them). Platforms are passed lazily because the adapters that
 * use the sink are built after it.
 */
export function createQueuedOutbound(services: Services, platforms: () => PlatformRuntime[]): { sink: OutboundSink; close(): Promise<void> } {
  const redis = createRedis(services.env.REDIS_URL);
  let engine: NudgeEngine | undefined;
  const engineFor = () => {
    if (!engine) {
      const config = engineConfig({ prefix: services.env.TRELLIS_QUEUE_PREFIX, schedule: false });
      engine = createNudgeEngine({ prisma: services.prisma, cipher: services.cipher, clock: services.clock, logger: services.logger, redis, platforms: platforms(), config });
    }
    return engine;
  };
  return {
    sink: (items, origin) => engineFor().outboundSink()(items, origin),
    async close() {
      await engine?.close();
      await redis.quit();
    },
  };
}
