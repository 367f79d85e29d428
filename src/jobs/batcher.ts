// Coalesces single-key calls made at nearly the same moment into one call for all their keys.
//
// A delivery worker runs `concurrency` jobs at once, and each job claims one row, loads its facts
// and marks it sent: one round trip to Postgres each, per message. Those round trips, not the work
// in them, were most of our cost per message. Jobs that reach the same step within one turn of the
// event loop now share one statement (`WHERE key = ANY($1)`), while each job keeps its own
// outcome: one visible effect per nudge, decided per row, exactly as before.
//
// Jobs reach a step one by one (BullMQ hands each worker slot its next job as the last one ends),
// so batching only what arrives in one turn made batches of about four. With at most two calls in
// flight per step, whatever arrives while both are out waits for one to return and goes with it:
// batches grow with the load, and an idle worker still sends a lone key at once.

export interface BatcherOptions<K> {
  /** Most keys in one call; a fuller batch is sent at once. */
  max?: number;
  /** What makes two keys the same (default: the key itself); composite keys give a string. */
  id?: (key: K) => unknown;
  /**
   * Calls in flight at once (default 2). Keys asked for while that many are out wait for one to
   * return and then go together.
   */
  inFlight?: number;
}

/**
 * `run` gets distinct keys and returns one result per key, in order. Callers with the same key in
 * one batch share its result. A failing `run` rejects every caller of that batch (each job then
 * handles the error as it would its own).
 */
export function createBatcher<K, V>(run: (keys: K[]) => Promise<V[]>, options: BatcherOptions<K> = {}): (key: K) => Promise<V> {
  const max = options.max ?? 100;
  const idOf = options.id ?? ((key: K) => key);
  type Waiter = { resolve: (v: V) => void; reject: (e: unknown) => void };
  let pending = new Map<unknown, { key: K; waiters: Waiter[] }>();
  const inFlight = options.inFlight ?? 2;
  let scheduled = false;
  let running = 0;

  function flush(force = false): void {
    scheduled = false;
    if (!pending.size || (running >= inFlight && !force)) return;
    const batch = pending;
    pending = new Map();
    const entries = [...batch.values()];
    running++;
    run(entries.map((e) => e.key))
      .then(
        (values) => entries.forEach((e, i) => e.waiters.forEach((w) => w.resolve(values[i] as V))),
        (error: unknown) => entries.forEach((e) => e.waiters.forEach((w) => w.reject(error))),
      )
      .finally(() => {
        running--;
        // Whatever was asked for meanwhile goes now, together.
        flush();
      });
  }

  return (key) =>
    new Promise<V>((resolve, reject) => {
      const id = idOf(key);
      const entry = pending.get(id) ?? { key, waiters: [] };
      entry.waiters.push({ resolve, reject });
      pending.set(id, entry);
      if (pending.size >= max) flush(true);
      else if (!scheduled) {
        scheduled = true;
        // setImmediate, not a microtask: BullMQ hands jobs out across several ticks of I/O.
        setImmediate(flush);
      }
    });
}
