// The web process: Slack and Discord HTTP endpoints, /healthz and /metrics. Messages a command
// owes other people go on the delivery queues (the worker processes send them).
import { failStartup, loadEnvOrExit } from '../app/boot.js';
import { createLogger } from '../app/logger.js';
import { createPlatforms, type PlatformRuntime } from '../app/platforms.js';
import { createServices } from '../app/services.js';
import { onShutdown } from '../app/shutdown.js';
import { createQueuedOutbound } from '../jobs/runtime.js';
import { startWeb } from './start-web.js';

const env = loadEnvOrExit();
const logger = createLogger(env.LOG_LEVEL);
try {
  const services = await createServices(env, logger);
  let platforms: PlatformRuntime[] = [];
  const outbound = createQueuedOutbound(services, () => platforms);
  platforms = await createPlatforms(services, { outbound: outbound.sink });
  const web = await startWeb(services, platforms);
  for (const p of platforms) await p.start?.();
  onShutdown(logger, [
    web.stopServer,
    ...platforms.map((p) => () => p.stop()),
    () => outbound.close(),
    web.closeConnections,
    () => services.close(),
  ]);
} catch (error) {
  failStartup(error);
}
