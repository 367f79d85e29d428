// The delivery queues: one per platform per shard. A workspace always maps to the same shard
// (config.shardOf), so its jobs, and the limiter keys that pace them, share one prefix and one
// hash tag: one Redis Cluster slot per shard, and more shards spread the load over more masters.
import { Queue, type QueueOptions } from 'bullmq';
import type { Cluster, Redis } from 'ioredis';
import { deliveryQueueName, shardOf, shardPrefixes, type EngineConfig, type PlatformName } from './config.js';

export interface Shard {
  index: number;
  prefix: string;
}

export interface DeliveryQueues {
  shards: Shard[];
  /** The queue of this platform for this workspace's shard; undefined when this process runs no such platform. */
  queueFor(platform: PlatformName, workspaceId: string | null): Queue | undefined;
  /** Every delivery queue, with its platform and shard. */
  entries(): { platform: PlatformName; shard: Shard; queue: Queue }[];
  all(): Queue[];
  close(): Promise<void>;
}

export function createDeliveryQueues(options: {
  redis: Redis | Cluster;
  config: EngineConfig;
  platforms: PlatformName[];
  defaultJobOptions: QueueOptions['defaultJobOptions'];
}): DeliveryQueues {
  const { config, platforms } = options;
  const shards = shardPrefixes(config.prefix, config.shards).map((prefix, index) => ({ index, prefix }));
  const byPlatform = new Map<PlatformName, Queue[]>(
    platforms.map((p) => [p, shards.map((s) => new Queue(deliveryQueueName(p), { connection: options.redis, prefix: s.prefix, defaultJobOptions: options.defaultJobOptions }))]),
  );
  const entries = () => [...byPlatform].flatMap(([platform, queues]) => queues.map((queue, i) => ({ platform, shard: shards[i]!, queue })));
  return {
    shards,
    queueFor: (platform, workspaceId) => byPlatform.get(platform)?.[shardOf(workspaceId, shards.length)],
    entries,
    all: () => entries().map((e) => e.queue),
    close: async () => {
      await Promise.all(entries().map((e) => e.queue.close()));
    },
  };
}
