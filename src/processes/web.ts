// The web process: Slack and Discord HTTP endpoints, /healthz and /metrics. The core runs in a
// thread of its own (src/app/core-thread.ts), so this loop is free to acknowledge. The outbox rows
// a command writes go on the delivery queues right after it commits (the worker processes send them).
import { failStartup, loadEnvOrExit } from '../app/boot.js';
import { createLogger } from '../app/logger.js';
import { createPlatforms } from '../app/platforms.js';
import { startCoreThread } from '../app/core-thread.js';
import { createServices } from '../app/services.js';
import { onShutdown } from '../app/shutdown.js';
import { createMetrics } from '../http/metrics.js';
import { startOutboxRelay } from '../jobs/runtime.js';
import { createEngineMetrics } from '../metrics/engine-metrics.js';
import { startWeb } from './start-web.js';

const env = loadEnvOrExit();
const logger = createLogger(env.LOG_LEVEL);
try {
  const services = await createServices(env, logger);
  const core = await startCoreThread(services);
  const platforms = await createPlatforms({ ...services, trellis: core.trellis }, { answerInCore: core.handleAndAnswer });
  const metrics = createMetrics();
  // The relay fails the outbox rows nobody can be reached by as it enqueues them: those count in
  // trellis_deliveries_total{outcome="failed",platform="none"} here (the workers count the rest).
  const relayed = createEngineMetrics(metrics.registry, platforms.map((p) => p.platform), logger);
  const outbox = startOutboxRelay(services, platforms, relayed.jobs);
  const web = await startWeb(services, platforms, metrics);
  for (const p of platforms) await p.start?.();
  onShutdown(logger, [
    web.stopServer,
    ...platforms.map((p) => () => p.stop()),
    () => core.close(),
    () => outbox.close(),
    web.closeConnections,
    () => services.close(),
  ]);
} catch (error) {
  failStartup(error);
}
