import type { Registry } from 'prom-client';
import { closeRedis, createRedis } from '../app/redis.js';
import type { Services } from '../app/services.js';
import { checkHealth } from '../http/health.js';
import { closeServer, createHttpApp, listen } from '../http/server.js';
import { registerDependencyGauge } from '../metrics/dependencies.js';
import type { ShutdownStep } from './start-web.js';

export interface MetricsServer {
  stopServer: ShutdownStep;
  closeConnections: ShutdownStep;
}

/**
 * GET /metrics and GET /healthz on `port`, for a worker process (Prometheus scrapes each worker
 * on METRICS_PORT; the web process serves its own on PORT). With `dependencies`, the registry
 * also gets trellis_dependency_up, probed on each scrape over a Redis connection of its own, so
 * a stuck queue connection cannot make Redis look healthy.
 */
export async function serveMetrics(services: Services, registry: Registry, port: number, options: { dependencies: boolean }): Promise<MetricsServer> {
  const { env, logger } = services;
  const redis = createRedis(env, logger);
  const health = () => checkHealth(() => services.pingDatabase(), redis);
  if (options.dependencies) registerDependencyGauge(registry, health);
  const server = await listen(createHttpApp({ health, metrics: { registry } }), port).catch(async (error: unknown) => {
    await closeRedis(redis);
    throw error;
  });
  logger.info({ port }, 'metrics listening');
  return { stopServer: () => closeServer(server), closeConnections: () => closeRedis(redis) };
}
