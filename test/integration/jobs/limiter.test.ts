import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, inject } from 'vitest';
import { createChannelLimiter } from '../../../src/jobs/channel-limiter.js';
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
    for (const channel of ['a', 'b', 'c', 'd']) results.push(await limiter.acquire([{ key: `c:${channel}`, rule: perChannel }, { key: 'g', rule: global }], channel));
    expect(results.slice(0, 3)).toEqual([0, 0, 0]);
    expect(results[3]).toBeGreaterThan(59_000);
  });

  it('counts nothing when one rule is full, so a blocked send does not use up another rule', async () => {
    expect(await limiter.acquire([{ key: 'c:e', rule: perChannel }, { key: 'g', rule: global }], 'e')).toBeGreaterThan(0);
    expect(await limiter.acquire([{ key: 'c:e', rule: perChannel }], 'e')).toBe(0);
  });

  it('blocks a channel for Retry-After after a 429, without touching other channels', async () => {
    await limiter.penalize({ key: 'c:f', rule: { max: 5, windowMs: 1000 } }, 30_000);
    expect(await limiter.acquire([{ key: 'c:f', rule: { max: 5, windowMs: 1000 } }], 'f')).toBeGreaterThan(29_000);
    expect(await limiter.acquire([{ key: 'c:g', rule: { max: 5, windowMs: 1000 } }], 'g')).toBe(0);
  });

  it('lets everything through when no rule applies (rate limits off)', async () => {
    expect(await limiter.acquire([{ key: 'c:a', rule: undefined }], 'x')).toBe(0);
  });
});
