/**
 * At most `max` tasks at once; the rest wait their turn in arrival order. Acknowledging is never
 * limited (it happens before), only the work after it: without a bound, a burst of commands would
 * start more database transactions than the pool holds, and they would time out instead of waiting.
 */
export function createLimiter(max: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async function limit<T>(task: () => Promise<T>): Promise<T> {
    if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
