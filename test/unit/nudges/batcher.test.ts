import { describe, expect, it } from 'vitest';
import { createBatcher } from '../../../src/jobs/batcher.js';

describe('createBatcher: calls made together share one round trip', () => {
  it('sends keys asked for in the same turn in one call, and answers each caller with its own result', async () => {
    const calls: string[][] = [];
    const load = createBatcher(async (keys: string[]) => (calls.push(keys), keys.map((k) => k.toUpperCase())));
    const results = await Promise.all(['a', 'b', 'c'].map(load));
    expect(results).toEqual(['A', 'B', 'C']);
    expect(calls).toEqual([['a', 'b', 'c']]);
  });

  it('asks once for a key wanted twice in a batch, and sends a full batch without waiting', async () => {
    const calls: number[][] = [];
    const load = createBatcher(async (keys: number[]) => (calls.push(keys), keys.map((k) => k * 2)), { max: 2 });
    const results = await Promise.all([load(1), load(1), load(2), load(3)]);
    expect(results).toEqual([2, 2, 4, 6]);
    expect(calls).toEqual([[1, 2], [3]]);
  });

  it('rejects every caller of a failed batch, and the next batch starts fresh', async () => {
    let fail = true;
    const load = createBatcher(async (keys: string[]) => {
      if (fail) throw new Error('postgres away');
      return keys;
    });
    const failed = await Promise.allSettled([load('x'), load('y')]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await load('z')).toBe('z');
  });

  it('with a bound on calls in flight, keys asked for meanwhile wait and then go together in one call', async () => {
    const calls: string[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const load = createBatcher(
      async (keys: string[]) => {
        calls.push(keys);
        if (calls.length === 1) await gate;
        return keys;
      },
      { inFlight: 1 },
    );
    const first = load('a');
    await new Promise((resolve) => setImmediate(resolve));
    // The first call is in flight: these three are asked for over several turns of the event loop.
    const later = [load('b')];
    await new Promise((resolve) => setImmediate(resolve));
    later.push(load('c'), load('d'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual([['a']]);
    release();
    expect(await Promise.all([first, ...later])).toEqual(['a', 'b', 'c', 'd']);
    expect(calls).toEqual([['a'], ['b', 'c', 'd']]);
  });
});
