import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, inject } from 'vitest';
import { createChannelLimiter, GRANT_TTL_MS } from '../../../src/jobs/channel-limiter.js';
import { uniqueName } from '../../support/db.js';

describe('the Redis rate limiter used right before each send', () => {
  const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
  const prefix = `{${uniqueName('limits')}}`;
  const limiter = createChannelLimiter(redis, prefix);
  const perChannel = { max: 1, windowMs: 60_000 };
  const global = { max: 3, windowMs: 60_000 };
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('lets at most `max` sends through in a window and says how long the next one must wait', async () => {
    const results = [];
    for (const channel of ['a', 'b', 'c', 'd']) results.push((await limiter.acquire([{ key: `c:${channel}`, rule: perChannel }, { key: 'g', rule: global }], [], channel)).wait);
    expect(results.slice(0, 3)).toEqual([0, 0, 0]);
    expect(results[3]).toBeGreaterThan(59_000);
  });

  it('counts nothing when one rule is full, so a blocked send does not use up another rule', async () => {
    expect((await limiter.acquire([{ key: 'c:e', rule: perChannel }, { key: 'g', rule: global }], [], 'e')).wait).toBeGreaterThan(0);
    expect((await limiter.acquire([{ key: 'c:e', rule: perChannel }], [], 'e')).wait).toBe(0);
  });

  it('after a 429, blocks the whole workspace for Retry-After: every channel of it waits, other workspaces do not', async () => {
    const rule = { max: 5, windowMs: 1000 };
    await limiter.block(['c:T1:f', 'w:T1'], 30_000);
    expect((await limiter.acquire([{ key: 'c:T1:g', rule }], ['c:T1:g', 'w:T1'], 'g')).wait).toBeGreaterThan(29_000);
    expect((await limiter.acquire([{ key: 'c:T2:g', rule }], ['c:T2:g', 'w:T2'], 'g')).wait).toBe(0);
  });

  it('a grant not used in time is stale, and giving it back frees its place', async () => {
    const one = { max: 1, windowMs: 60_000 };
    const grant = await limiter.acquire([{ key: 'c:h', rule: one }], [], 'h1');
    expect(grant.wait).toBe(0);
    expect(grant.fresh()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, GRANT_TTL_MS + 20));
    expect(grant.fresh()).toBe(false);
    expect((await limiter.acquire([{ key: 'c:h', rule: one }], [], 'h2')).wait).toBeGreaterThan(0);
    await grant.giveBack();
    expect((await limiter.acquire([{ key: 'c:h', rule: one }], [], 'h3')).wait).toBe(0);
  });

  it('counts each window with room for a late send: max sends in any windowMs, even when granted at its edges', async () => {
    const rule = { max: 2, windowMs: 300 };
    expect((await limiter.acquire([{ key: 'c:i', rule }], [], 'i1')).wait).toBe(0);
    expect((await limiter.acquire([{ key: 'c:i', rule }], [], 'i2')).wait).toBe(0);
    const wait = (await limiter.acquire([{ key: 'c:i', rule }], [], 'i3')).wait;
    expect(wait).toBeGreaterThan(300);
    expect(wait).toBeLessThanOrEqual(300 + 2 * GRANT_TTL_MS);
  });

  it('lets everything through without asking Redis when no rule applies (rate limits off)', async () => {
    const grant = await limiter.acquire([{ key: 'c:a', rule: undefined }], [], 'x');
    expect(grant.wait).toBe(0);
    expect(grant.fresh()).toBe(true);
  });
});
