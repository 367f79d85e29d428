// Every queue the engine uses — each shard's delivery queues and the maintenance queue — opened
// only to be looked at (the web process's queue dashboard). Same names, prefixes and shards as
// the engine's (createDeliveryQueues, config.shardPrefixes), so with TRELLIS_QUEUE_SHARDS=N all N
// shards are listed.
import { Queue } from 'bullmq';
import type { Cluster, Redis } from 'ioredis';
import { engineConfig, MAINTENANCE_QUEUE, type PlatformName } from './config.js';
import { createDeliveryQueues, type Shard } from './queues.js';

export interface InspectedQueue {
  queue: Queue;
  shard: Shard;
  /** What the queue carries, for people: "Slack deliveries", "Planning, dispatch, reconcile and cleanup". */
  description: string;
}

const WHAT: Record<PlatformName, string> = { slack: 'Slack deliveries', discord: 'Discord deliveries', console: 'Console deliveries' };

export function openQueuesForInspection(options: { redis: Redis | Cluster; prefix: string; shards: number; platforms: PlatformName[] }): {
  queues: InspectedQueue[];
  shards: number;
  close(): Promise<void>;
} {
  const delivery = createDeliveryQueues({ redis: options.redis, config: engineConfig({ prefix: options.prefix, shards: options.shards }), platforms: options.platforms, defaultJobOptions: undefined });
  const first = delivery.shards[0]!;
  const maintenance = new Queue(MAINTENANCE_QUEUE, { connection: options.redis, prefix: first.prefix });
  const queues: InspectedQueue[] = [
    ...delivery.entries().map(({ platform, shard, queue }) => ({ queue, shard, description: `${WHAT[platform]}, shard ${shard.index} (${shard.prefix})` })),
    { queue: maintenance, shard: first, description: `Planning, dispatch, reconcile and cleanup (${first.prefix})` },
  ];
  return {
    queues,
    shards: delivery.shards.length,
    async close() {
      await Promise.all([delivery.close(), maintenance.close()]);
    },
  };
}
