import type { Logger } from './logger.js';

/**
 * On SIGTERM/SIGINT: run the steps in order (workers first, then servers, then connections)
 * and exit 0. A step that fails or hangs past `stepTimeoutMs` (e.g. quitting a Redis client that
 * cannot reach its server) is logged and skipped, so the connections after it still close.
 * A second signal, or the whole shutdown running past the deadline, exits 1.
 */
export function onShutdown(logger: Logger, steps: Array<() => Promise<unknown>>, deadlineMs = 25_000, stepTimeoutMs = 10_000): void {
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
    for (const [index, step] of steps.entries()) {
      try {
        await withTimeout(step(), stepTimeoutMs);
      } catch (error) {
        logger.error({ err: error, step: index }, 'shutdown step failed');
      }
    }
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
