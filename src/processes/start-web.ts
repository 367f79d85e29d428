import type { PlatformRuntime } from '../platform/contract.js';
import { closeRedis, createRedis } from '../app/redis.js';
import type { Services } from '../app/services.js';
import { checkHealth } from '../http/health.js';
import { mountCalendar } from '../calendar/routes.js';
import { mountDashboard } from '../dashboard/routes.js';
import { mountCertificates } from '../certificates/routes.js';
import { createMetrics } from '../http/metrics.js';
import { closeServer, createHttpApp, listen } from '../http/server.js';

export type ShutdownStep = () => Promise<unknown>;

/**
 * Starts the HTTP side: Slack and Discord endpoints (mounted by the platforms), /healthz, /metrics.
 * Returns its shutdown steps in order: stop taking requests first, close Redis last.
 */
export async function startWeb(services: Services, platforms: PlatformRuntime[]): Promise<{ stopServer: ShutdownStep; closeConnections: ShutdownStep }> {
  const { env, logger } = services;
  const redis = createRedis(env, logger);
  const app = createHttpApp({
    health: () => checkHealth(() => services.pingDatabase(), redis),
    metrics: createMetrics(),
    mount: [
      ...platforms.flatMap((p) => (p.mount ? [p.mount] : [])),
      mountCalendar({ store: services.store, clock: services.clock, logger }),
      mountDashboard({ store: services.store, clock: services.clock, logger, key: services.linkKey }),
      mountCertificates({ store: services.store, logger, key: services.linkKey, links: services.links }),
    ],
  });
  const server = await listen(app, env.PORT);
  logger.info({ port: env.PORT, platforms: platforms.map((p) => p.platform) }, 'web listening');
  return { stopServer: () => closeServer(server), closeConnections: () => closeRedis(redis) };
}
