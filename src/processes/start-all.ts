import type { Env } from '../config/env.js';
import { createLogger } from '../app/logger.js';
import { createPlatforms } from '../app/platforms.js';
import { createServices } from '../app/services.js';
import { onShutdown } from '../app/shutdown.js';
import { startJobRuntime } from '../jobs/runtime.js';
import { startWeb } from './start-web.js';

/**
 * Web and worker in one process (`npm start` with a platform token). One set of platforms, so a
 * Discord gateway logs in once; on SIGTERM: stop HTTP, finish jobs, stop platforms, close connections.
 */
export async function startAll(env: Env): Promise<void> {
  const logger = createLogger(env.LOG_LEVEL);
  const services = await createServices(env, logger);
  const platforms = await createPlatforms(services);
  // The job runtime also enqueues each command's outbox rows as soon as the command commits.
  const jobs = await startJobRuntime({ services, platforms });
  const web = await startWeb(services, platforms);
  for (const p of platforms) await p.start?.();
  logger.info({ queues: jobs.queueNames }, 'web and worker started');
  onShutdown(logger, [
    web.stopServer,
    () => jobs.close(),
    ...platforms.map((p) => () => p.stop()),
    web.closeConnections,
    () => services.close(),
  ]);
}
