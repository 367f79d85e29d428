import type { PlatformRuntime } from '../platform/contract.js';
import { closeRedis, createRedis, type RedisConnection } from '../app/redis.js';
import type { Services } from '../app/services.js';
import { checkHealth } from '../http/health.js';
import { mountCalendar } from '../calendar/routes.js';
import { mountDashboard } from '../dashboard/routes.js';
import { mountCertificates } from '../certificates/routes.js';
import { mountQueueBoard } from '../http/admin/queue-board.js';
import { createMetrics, type Metrics } from '../http/metrics.js';
import { closeServer, createHttpApp, listen } from '../http/server.js';
import { openQueuesForInspection } from '../jobs/inspect-queues.js';
import { registerDependencyGauge } from '../metrics/dependencies.js';
import { startReplayer } from '../app/replayer.js';

export type ShutdownStep = () => Promise<unknown>;

/** With TRELLIS_ADMIN_TOKEN: Bull Board at /admin/queues over every shard's queues; without it, nothing. */
function queueBoard(services: Services, platforms: PlatformRuntime[], redis: RedisConnection) {
  const { env } = services;
  if (!env.TRELLIS_ADMIN_TOKEN) return undefined;
  const opened = openQueuesForInspection({ redis, prefix: env.TRELLIS_QUEUE_PREFIX, shards: env.TRELLIS_QUEUE_SHARDS, platforms: platforms.map((p) => p.platform) });
  const mount = mountQueueBoard({ token: env.TRELLIS_ADMIN_TOKEN, secureCookie: env.TRELLIS_PUBLIC_URL.startsWith('https:'), queues: opened.queues, shards: opened.shards });
  return { mount, close: opened.close };
}

/**
 * Starts the HTTP side: Slack and Discord endpoints (mounted by the platforms), /healthz, /metrics,
 * and the queue dashboard when configured, and replays requests acknowledged but never finished
 * (src/app/replayer.ts). `metrics` is the registry /metrics serves (`npm start`
 * adds the worker's series to it). Returns its shutdown steps in order: stop taking requests
 * first, close Redis last.
 */
export async function startWeb(services: Services, platforms: PlatformRuntime[], metrics: Metrics = createMetrics()): Promise<{ stopServer: ShutdownStep; closeConnections: ShutdownStep }> {
  const { env, logger } = services;
  const redis = createRedis(env, logger);
  const health = () => checkHealth(() => services.pingDatabase(), redis);
  registerDependencyGauge(metrics.registry, health);
  const board = queueBoard(services, platforms, redis);
  const app = createHttpApp({
    health,
    metrics,
    acks: metrics,
    mount: [
      ...platforms.flatMap((p) => (p.mount ? [p.mount] : [])),
      mountCalendar({ store: services.store, clock: services.clock, logger }),
      mountDashboard({ store: services.store, clock: services.clock, logger, key: services.linkKey }),
      mountCertificates({ store: services.store, logger, key: services.linkKey, links: services.links }),
      ...(board ? [board.mount] : []),
    ],
  });
  const server = await listen(app, env.PORT);
  logger.info({ port: env.PORT, platforms: platforms.map((p) => p.platform), queueBoard: Boolean(board) }, 'web listening');
  // Requests another web process acknowledged and died on (or this one, before a restart).
  const replayer = startReplayer({ intake: services.intake, platforms, logger, afterMs: env.TRELLIS_REPLAY_AFTER_SECONDS * 1000 });
  return {
    stopServer: async () => {
      await replayer.close();
      await closeServer(server);
    },
    closeConnections: async () => {
      await board?.close();
      await closeRedis(redis);
    },
  };
}
