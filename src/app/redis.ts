import { Cluster, Redis } from 'ioredis';
import type { Logger } from './logger.js';

/** One Redis, or a Redis Cluster: BullMQ, the limiter and the health check take either. */
export type RedisConnection = Redis | Cluster;

/** Where the queues live: REDIS_CLUSTER_NODES when set (a Cluster), else REDIS_URL. */
export interface RedisTarget {
  REDIS_URL: string;
  REDIS_CLUSTER_NODES?: string | undefined;
}

/** `host:port,host:port` as ioredis' Cluster wants its seed nodes. */
export function clusterNodes(list: string): { host: string; port: number }[] {
  return list.split(',').map((entry) => {
    const at = entry.trim().lastIndexOf(':');
    return { host: entry.trim().slice(0, at).replace(/^\[|\]$/g, ''), port: Number(entry.trim().slice(at + 1)) };
  });
}

/**
 * BullMQ needs `maxRetriesPerRequest: null` on connections used by workers. Connection errors are
 * logged (once per state change by ioredis' reconnects) instead of crashing as unhandled events.
 * A Cluster follows BullMQ's documented set-up: the ioredis Cluster client, the same per-node
 * options, and every key of a queue under one {hash tag} (our shard prefixes).
 */
export function createRedis(target: string | RedisTarget, logger?: Pick<Logger, 'warn'>): RedisConnection {
  const { REDIS_URL, REDIS_CLUSTER_NODES } = typeof target === 'string' ? { REDIS_URL: target, REDIS_CLUSTER_NODES: undefined } : target;
  const redis: RedisConnection = REDIS_CLUSTER_NODES
    ? new Cluster(clusterNodes(REDIS_CLUSTER_NODES), { enableReadyCheck: true, redisOptions: { maxRetriesPerRequest: null } })
    : new Redis(REDIS_URL, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
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
export async function closeRedis(redis: RedisConnection): Promise<void> {
  if (redis.status === 'ready') await redis.quit();
  else redis.disconnect();
}
