// The worker process: BullMQ workers that plan, deliver and reconcile nudges.
import { failStartup, loadEnvOrExit } from '../app/boot.js';
import { createLogger } from '../app/logger.js';
import { createPlatforms } from '../app/platforms.js';
import { createServices } from '../app/services.js';
import { onShutdown } from '../app/shutdown.js';
import { startJobRuntime } from '../jobs/runtime.js';

const env = loadEnvOrExit();
const logger = createLogger(env.LOG_LEVEL);
try {
  const services = await createServices(env, logger);
  const platforms = await createPlatforms(services);
  const jobs = await startJobRuntime({ services, platforms });
  logger.info({ queues: jobs.queueNames }, 'worker process started');
  // Workers stop taking jobs and finish the ones in hand before connections close.
  onShutdown(logger, [() => jobs.close(), ...platforms.map((p) => () => p.stop()), () => services.close()]);
} catch (error) {
  failStartup(error);
}
