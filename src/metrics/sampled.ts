// Reading a gauge's source on scrape without letting it hang or fail the scrape: Redis or Postgres
// being away must not take the whole /metrics answer (and with it trellis_dependency_up) down.
import type { Logger } from '../app/logger.js';

/** Within Prometheus' default 10 s scrape timeout, with room for the other gauges. */
export const SAMPLE_TIMEOUT_MS = 2_000;

/** The source's answer, or undefined (logged) when it fails or takes longer than SAMPLE_TIMEOUT_MS. */
export async function sampled<T>(what: string, read: () => Promise<T>, logger: Pick<Logger, 'warn'>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${SAMPLE_TIMEOUT_MS} ms`)), SAMPLE_TIMEOUT_MS);
    timer.unref();
  });
  try {
    return await Promise.race([read(), timeout]);
  } catch (error) {
    logger.warn({ err: (error as Error).message, gauge: what }, 'metric not sampled this scrape');
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/** Calls made while one is in flight share its answer (several gauges fed by one read per scrape). */
export function shared<T>(read: () => Promise<T>): () => Promise<T> {
  let current: Promise<T> | undefined;
  return () => (current ??= read().finally(() => (current = undefined)));
}
