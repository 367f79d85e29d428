// Coalesces single-key calls made at nearly the same moment into one call for all their keys.
//
// A delivery worker runs `concurrency` jobs at once, and each job claims one row, loads its facts
// and marks it sent: one round trip to Postgres each, per message. Those round trips, not the work
// in them, were most of our cost per message. Jobs that reach the same step within one turn of the
// event loop now share one statement (`WHERE key = ANY($1)`), while each job keeps its own
// outcome: one visible effect per nudge, decided per row, exactly as before.

export interface BatcherOptions {
  /** Most keys in one call; a fuller batch is sent at once. */
  max?: number;
}

/**
 * `run` gets distinct keys and returns one result per key, in order. Callers with the same key in
 * one batch share its result. A failing `run` rejects every caller of that batch (each job then
 * handles the error as it would its own).
 */
export function createBatcher<K, V>(run: (keys: K[]) => Promise<V[]>, options: BatcherOptions = {}): (key: K) => Promise<V> {
  const max = options.max ?? 100;
  let pending = new Map<K, { resolve: (v: V) => void; reject: (e: unknown) => void }[]>();
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    const batch = pending;
    pending = new Map();
    if (!batch.size) return;
    const keys = [...batch.keys()];
    run(keys).then(
      (values) => keys.forEach((key, i) => batch.get(key)!.forEach((w) => w.resolve(values[i] as V))),
      (error: unknown) => batch.forEach((waiters) => waiters.forEach((w) => w.reject(error))),
    );
  }

  return (key) =>
    new Promise<V>((resolve, reject) => {
      const waiters = pending.get(key) ?? [];
      waiters.push({ resolve, reject });
      pending.set(key, waiters);
      if (pending.size >= max) flush();
      else if (!scheduled) {
        scheduled = true;
        // setImmediate, not a microtask: BullMQ hands jobs out across several ticks of I/O.
        setImmediate(flush);
      }
    });
}
