import { Redis } from 'ioredis';
import type { Logger } from './logger.js';

/**
 * BullMQ needs `maxRetriesPerRequest: null` on connections used by workers. Connection errors are
 * logged (once per state change by ioredis' reconnects) instead of crashing as unhandled events.
 */
export function createRedis(url: string, logger?: Pick<Logger, 'warn'>): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
  let reported = false;
  redis.on('error', (error: Error) => {
    if (!reported) logger?.warn({ err: error.message }, 'redis connection error; retrying');
    reported = true;
  });
  redis.on('ready', () => {
    reported = false;
  });
  return redis;
}

/** QUIT waits for a reply that never comes when Redis is down; disconnect then. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') await redis.quit();
  else redis.disconnect();
}
