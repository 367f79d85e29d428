import type { Redis } from 'ioredis';

export const percentile = (sorted: number[], p: number): number =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;

export async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

/** Largest number of items whose times fall in any window of `windowMs` (sorted input). */
export function busiestWindow(sortedTimes: number[], windowMs: number): { count: number; start: number } {
  let best = { count: 0, start: sortedTimes[0] ?? 0 };
  let from = 0;
  for (let to = 0; to < sortedTimes.length; to++) {
    while (sortedTimes[to]! - sortedTimes[from]! >= windowMs) from++;
    if (to - from + 1 > best.count) best = { count: to - from + 1, start: sortedTimes[from]! };
  }
  return best;
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
