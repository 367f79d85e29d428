import type { Env } from '../config/env.js';
import { createLogger } from '../app/logger.js';
import { createPlatforms } from '../app/platforms.js';
import { createServices } from '../app/services.js';
import { onShutdown } from '../app/shutdown.js';
import { createMetrics } from '../http/metrics.js';
import { startJobRuntime } from '../jobs/runtime.js';
import { createEngineMetrics } from '../metrics/engine-metrics.js';
import { serveMetrics } from './start-metrics.js';
import { startWeb } from './start-web.js';

/**
 * Web and worker in one process (`npm start` with a platform token). One set of platforms, so a
 * Discord gateway logs in once; on SIGTERM: stop HTTP, finish jobs, stop platforms, close connections.
 * One registry holds the web's and the worker's series: GET /metrics on PORT serves both, and on
 * METRICS_PORT too when that is set to another port.
 */
export async function startAll(env: Env): Promise<void> {
  const logger = createLogger(env.LOG_LEVEL);
  const services = await createServices(env, logger);
  const platforms = await createPlatforms(services);
  const metrics = createMetrics();
  const workerMetrics = createEngineMetrics(metrics.registry, platforms.map((p) => p.platform), logger);
  // The job runtime also enqueues each command's outbox rows as soon as the command commits.
  // Nudges of one minute fall due over its seconds (config.ts, spreadSeconds): no instant has hundreds due.
  const jobs = await startJobRuntime({ services, platforms, config: { spreadSeconds: 60 }, metrics: workerMetrics.jobs });
  workerMetrics.observe(jobs.engine.gauges);
  const web = await startWeb(services, platforms, metrics);
  const extra = env.METRICS_PORT && env.METRICS_PORT !== env.PORT ? await serveMetrics(services, metrics.registry, env.METRICS_PORT, { dependencies: false }) : undefined;
  for (const p of platforms) await p.start?.();
  logger.info({ queues: jobs.queueNames }, 'web and worker started');
  onShutdown(logger, [
    web.stopServer,
    ...(extra ? [extra.stopServer] : []),
    () => jobs.close(),
    ...platforms.map((p) => () => p.stop()),
    web.closeConnections,
    ...(extra ? [extra.closeConnections] : []),
    () => services.close(),
  ]);
}
