// The web process: Slack and Discord HTTP endpoints, /healthz and /metrics. Messages a command
// owes other people go on the delivery queues (the worker processes send them).
import { failStartup, loadEnvOrExit } from '../app/boot.js';
import { createLogger } from '../app/logger.js';
import { createPlatforms, type PlatformRuntime } from '../app/platforms.js';
import { createRedis } from '../app/redis.js';
import { createServices } from '../app/services.js';
import { onShutdown } from '../app/shutdown.js';
import { checkHealth } from '../http/health.js';
import { createMetrics } from '../http/metrics.js';
import { closeServer, createHttpApp, listen } from '../http/server.js';
import { createQueuedOutbound } from '../jobs/runtime.js';

const env = loadEnvOrExit();
const logger = createLogger(env.LOG_LEVEL);
try {
  const services = await createServices(env, logger);
  const redis = createRedis(env.REDIS_URL);
  let platforms: PlatformRuntime[] = [];
  const outbound = createQueuedOutbound(services, () => platforms);
  platforms = await createPlatforms(services, { outbound: outbound.sink });
  const app = createHttpApp({
    health: () => checkHealth(services.prisma, redis),
    metrics: createMetrics(),
    mount: platforms.flatMap((p) => (p.mount ? [p.mount] : [])),
  });
  const server = await listen(app, env.PORT);
  for (const p of platforms) await p.start?.();
  logger.info({ port: env.PORT, platforms: platforms.map((p) => p.platform) }, 'web process listening');
  onShutdown(logger, [
    () => closeServer(server),
    ...platforms.map((p) => () => p.stop()),
    () => outbound.close(),
    () => redis.quit(),
    () => services.close(),
  ]);
} catch (error) {
  failStartup(error);
}
