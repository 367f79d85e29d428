import { Redis } from 'ioredis';

/** Deletes every key under a test's own prefix. Never FLUSHALL: other tests share the Redis. */
export async function deleteRedisPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** The same with a connection of its own, opened and closed here. */
export async function deleteRedisPrefixAt(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  try {
    await deleteRedisPrefix(redis, prefix);
  } finally {
    await redis.quit();
  }
}
