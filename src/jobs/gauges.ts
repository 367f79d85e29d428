// The numbers behind the operators' gauges (src/jobs/metrics.ts EngineGauges), read on demand:
// queue depths from BullMQ, the planned horizon from Redis, the outbox backlog from Postgres.
//
// The planned horizon lives in Redis rather than in the process: BullMQ runs each scheduled plan
// once across all workers, so only a shared record tells every worker how far the plan reaches.
import type { Queue } from 'bullmq';
import type { Cluster, Redis } from 'ioredis';
import type { EngineClock, EngineConfig } from './config.js';
import type { EngineGauges, QueueDepth } from './metrics.js';
import type { BacklogReader } from './ports.js';
import type { Shard } from './queues.js';

/** Under the first shard's prefix, beside the maintenance queue (one key: one Cluster slot). */
const plannedThroughKey = (prefix: string) => `${prefix}:planner:planned-through`;

export interface PlanRecord {
  /** A plan reaching `to` finished (its rows are in Postgres). */
  record(to: Date): Promise<void>;
  /** How far the plan reaches: the furthest any process recorded in Redis, or this one ran itself. */
  through(): Promise<number | null>;
}

/**
 * The furthest planned moment, shared through Redis. This process's own runs count too, so a
 * Redis that lost the key (flushed, failed over) does not make the planner look as if it never ran.
 */
export function createPlanRecord(redis: Redis | Cluster, prefix: string): PlanRecord {
  let own = 0;
  return {
    async record(to) {
      own = Math.max(own, to.getTime());
      await redis.set(plannedThroughKey(prefix), String(to.getTime()));
    },
    async through() {
      const shared = Number(await redis.get(plannedThroughKey(prefix)));
      const furthest = Math.max(own, Number.isFinite(shared) ? shared : 0);
      return furthest > 0 ? furthest : null;
    },
  };
}

export function createEngineGauges(deps: {
  plans: PlanRecord;
  queues: { shard: Shard; queue: Queue }[];
  clock: EngineClock;
  config: EngineConfig;
  backlog: BacklogReader;
}): EngineGauges {
  const { clock, config } = deps;
  return {
    queueDepths: () =>
      Promise.all(
        deps.queues.map(async ({ shard, queue }): Promise<QueueDepth> => {
          const counts = await queue.getJobCounts('waiting', 'delayed', 'active');
          return { queue: queue.name, shard: shard.index, waiting: counts.waiting ?? 0, delayed: counts.delayed ?? 0, active: counts.active ?? 0 };
        }),
      ),

    async plannerLagMs() {
      const through = await deps.plans.through();
      if (through === null) return null;
      // Where the plan should reach now, minus where it does: 0 right after a plan, then it
      // climbs to the planning cadence (30 min) until the next one.
      return Math.max(0, clock.now().getTime() + config.planHorizonMs - through);
    },

    async outboxBacklog() {
      const now = clock.now();
      const { pending, oldestDueAt } = await deps.backlog.outbox(now, config.workspaceIds);
      return { pending, oldestWaitMs: oldestDueAt ? Math.max(0, now.getTime() - oldestDueAt.getTime()) : 0 };
    },
  };
}
