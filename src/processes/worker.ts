// The worker process: BullMQ workers that plan, deliver and reconcile nudges; with METRICS_PORT,
// GET /metrics (deliveries, lateness, rate limits, queues, planner, outbox) and /healthz there.
import { collectDefaultMetrics, Registry } from 'prom-client';
import { failStartup, loadEnvOrExit } from '../app/boot.js';
import { createLogger } from '../app/logger.js';
import { createPlatforms } from '../app/platforms.js';
import { createServices } from '../app/services.js';
import { onShutdown } from '../app/shutdown.js';
import { startJobRuntime } from '../jobs/runtime.js';
import { createEngineMetrics } from '../metrics/engine-metrics.js';
import { serveMetrics } from './start-metrics.js';

const env = loadEnvOrExit();
const logger = createLogger(env.LOG_LEVEL);
try {
  const services = await createServices(env, logger);
  const platforms = await createPlatforms(services);
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const metrics = createEngineMetrics(registry, platforms.map((p) => p.platform), logger);
  // Listening first: a port already taken stops the process before it takes any job.
  const served = env.METRICS_PORT ? await serveMetrics(services, registry, env.METRICS_PORT, { dependencies: true }) : undefined;
  if (!served) logger.info({}, 'METRICS_PORT is not set: this worker serves no /metrics');
  // Nudges of one minute fall due over its seconds (config.ts, spreadSeconds): no instant has hundreds due.
  const jobs = await startJobRuntime({ services, platforms, config: { spreadSeconds: 60 }, metrics: metrics.jobs });
  metrics.observe(jobs.engine.gauges);
  logger.info({ queues: jobs.queueNames }, 'worker process started');
  // Workers stop taking jobs and finish the ones in hand before connections close.
  onShutdown(logger, [
    ...(served ? [served.stopServer] : []),
    () => jobs.close(),
    ...platforms.map((p) => () => p.stop()),
    ...(served ? [served.closeConnections] : []),
    () => services.close(),
  ]);
} catch (error) {
  failStartup(error);
}
