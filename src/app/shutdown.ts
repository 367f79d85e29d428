import type { Logger } from './logger.js';

/**
 * On SIGTERM/SIGINT: run the steps in order (workers first, then servers, then connections)
 * and exit 0. A second signal, or a step hanging past the deadline, exits 1.
 */
export function onShutdown(logger: Logger, steps: Array<() => Promise<unknown>>, deadlineMs = 25_000): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error({}, 'shutdown took too long');
      process.exit(1);
    }, deadlineMs);
    timer.unref();
    for (const step of steps) {
      try {
        await step();
      } catch (error) {
        logger.error({ err: error }, 'shutdown step failed');
      }
    }
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
