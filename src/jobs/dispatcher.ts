// Moves rows that fall due soon from Postgres into BullMQ as delayed jobs (dispatch), puts back
// any job Redis lost (reconcile), enqueues the outbox rows a command just wrote (enqueueKeys), and
// — for a clock that jumps, as in the console and tests — promotes delayed jobs whose rows are
// already due (promote). Job ids are derived from row keys, so adding a job that is already
// waiting or delayed is a no-op: all of them are safe to repeat. Every row carries its route
// (platform, workspace, target): nothing here looks an audience up.
import type { Queue } from 'bullmq';
import { jobIdFor, realDelay, type EngineClock, type EngineConfig } from './config.js';
import type { DeliveryQueues } from './queues.js';
import { NO_METRICS, type JobMetrics } from './metrics.js';
import type { NudgeRepository, QueuedNudge } from './ports.js';

const PAGE = 1_000;
const UNROUTED = 'nobody can be reached: no identity on an installed workspace';
const NOT_RUNNING = 'no running platform can reach this audience';

export interface DispatcherDeps {
  nudges: NudgeRepository;
  clock: EngineClock;
  config: EngineConfig;
  queues: DeliveryQueues;
  metrics?: JobMetrics;
}

export function createDispatcher({ nudges, clock, config, queues, metrics = NO_METRICS }: DispatcherDeps) {
  const scope = config.workspaceIds;

  /**
   * Adds one delayed job per row to its platform's queue. A row nobody can reach, or routed to a
   * platform no process here runs, fails with the reason (as it always has).
   */
  async function enqueue(rows: QueuedNudge[]): Promise<void> {
    const now = clock.now().getTime();
    const byQueue = new Map<Queue, QueuedNudge[]>();
    const unrouted: string[] = [];
    const notRunning: string[] = [];
    for (const row of rows) {
      const queue = row.platform ? queues.queueFor(row.platform, row.workspaceId) : undefined;
      if (!row.platform) unrouted.push(row.key);
      else if (!queue) notRunning.push(row.key);
      else byQueue.set(queue, [...(byQueue.get(queue) ?? []), row]);
    }
    for (const [queue, list] of byQueue) {
      // The delay comes from the injected clock, so a console `advance` or a test clock agrees
      // with the rows' due times; BullMQ then counts it down in real time.
      await queue.addBulk(
        list.map((r) => ({ name: r.kind, data: { key: r.key }, opts: { jobId: jobIdFor(r.key), delay: realDelay(clock, r.dueAt.getTime() - now) } })),
      );
    }
    await nudges.failOpen(unrouted, UNROUTED);
    await nudges.failOpen(notRunning, NOT_RUNNING);
    for (const row of rows) if (!row.platform || !queues.queueFor(row.platform, row.workspaceId)) metrics.delivery('failed', row.platform ?? 'none', row, clock.now());
  }

  const horizon = () => new Date(clock.now().getTime() + config.dispatchHorizonMs);

  /** Planned rows due within the horizon are routed and queued, then get a delayed job each. */
  async function dispatch(): Promise<number> {
    let moved = 0;
    for (;;) {
      // Queued first, then the job: a crash in between leaves a queued row the reconciler re-adds.
      const { selected, queued } = await nudges.queueDue({ dueBy: horizon(), scope, limit: PAGE });
      await enqueue(queued);
      moved += queued.length;
      if (selected < PAGE) return moved;
    }
  }

  /**
   * Every queued row (and every claim whose worker died) within the horizon gets its job again.
   * Jobs that still exist are untouched (same id); finished jobs are removed at once, so a row
   * still open after its job ended — or after Redis lost everything — is simply re-added.
   */
  async function reconcile(): Promise<number> {
    const staleBefore = new Date(Date.now() - config.leaseMs);
    let after = '';
    let readded = 0;
    for (;;) {
      const rows = await nudges.openPage({ after, dueBy: horizon(), staleBefore, scope, limit: PAGE });
      if (!rows.length) return readded;
      await enqueue(rows);
      readded += rows.length;
      after = rows[rows.length - 1]!.key;
      if (rows.length < PAGE) return readded;
    }
  }

  /** The outbox rows a command just wrote (still queued), each onto its platform's queue. */
  async function enqueueKeys(keys: string[]): Promise<void> {
    if (keys.length) await enqueue(await nudges.queuedByKeys(keys));
  }

  /** Delayed jobs of rows already due by the injected clock run now (the clock jumped ahead). */
  async function promoteDue(): Promise<number> {
    let promoted = 0;
    for (const key of await nudges.dueQueuedKeys(clock.now(), scope)) {
      for (const queue of queues.all()) {
        const job = await queue.getJob(jobIdFor(key));
        if (job && (await job.isDelayed())) {
          await job.promote().then(() => promoted++, () => undefined);
        }
      }
    }
    return promoted;
  }

  return { dispatch, reconcile, promoteDue, enqueueKeys };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
