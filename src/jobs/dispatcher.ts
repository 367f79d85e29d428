// Moves rows that fall due soon from Postgres into BullMQ as delayed jobs (dispatch), puts back
// any job Redis lost (reconcile), enqueues the outbox rows a command just wrote (enqueueKeys), and
// — for a clock that jumps, as in the console and tests — promotes delayed jobs whose rows are
// already due (promote). Every row carries its route (platform, workspace, target): nothing here
// looks an audience up.
//
// Rows due later go in batches: one delayed job per queue per due second, carrying up to
// `batchKeys` keys (deliver-job.ts takes them through the steps together). Its id is the second
// and a digest of its keys, so adding the same batch again is a no-op, and the reconciler, which
// groups the open rows of each second the same way, finds the dispatcher's jobs in place. Rows
// already due (a command's outbox rows, rows the reconciler finds overdue or with a dead
// worker's claim) get a one-row job whose id is the row key, so those are safe to repeat too.
import { createHash } from 'node:crypto';
import type { Queue } from 'bullmq';
import { ZDeliveryBatch, ZDeliveryJob, type DeliveryBatch } from './deliver-job.js';
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

/** A batch's job id: its second and a digest of its keys (sorted), so the same batch is one job. */
export const batchJobId = (at: number, keys: string[]) => `b/${at}/${createHash('sha1').update(keys.join('\n')).digest('hex').slice(0, 20)}`;

/**
 * Rows grouped by due second (program ms, whole seconds), each group's keys sorted, cut into
 * `max`-key batches. Rows already due by `now` (a backlog after an outage, a dispatcher that was
 * down) all belong to the current second: grouped by their own past seconds they made batches of
 * a handful of rows each, and a backlog was delivered almost one job per row.
 */
export function batchesOf(rows: QueuedNudge[], max: number, now = -Infinity): { at: number; keys: string[]; dueAt: number }[] {
  const bySecond = new Map<number, QueuedNudge[]>();
  const current = Math.floor(now / 1000) * 1000;
  for (const r of rows) {
    const at = Math.max(current, Math.floor(r.dueAt.getTime() / 1000) * 1000);
    const list = bySecond.get(at);
    if (list) list.push(r);
    else bySecond.set(at, [r]);
  }
  const batches: { at: number; keys: string[]; dueAt: number }[] = [];
  for (const [at, list] of bySecond) {
    list.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (let i = 0; i < list.length; i += max) {
      const chunk = list.slice(i, i + max);
      // Its earliest due time: the claim takes rows up to EARLY_TOLERANCE_MS (1 s) early, so
      // the whole second goes.
      batches.push({ at, keys: chunk.map((r) => r.key), dueAt: Math.min(...chunk.map((r) => r.dueAt.getTime())) });
    }
  }
  return batches;
}

export function createDispatcher({ nudges, clock, config, queues, metrics = NO_METRICS }: DispatcherDeps) {
  const scope = config.workspaceIds;

  /**
   * Adds delayed jobs to each row's platform queue: batches of rows due later (`batch`), else one
   * job per row. A row nobody can reach, or routed to a platform no process here runs, fails with
   * the reason (as it always has).
   */
  async function enqueue(rows: QueuedNudge[], batch = false): Promise<void> {
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
      const jobs = batch
        ? batchesOf(list, config.batchKeys, now).map((b) => {
            const data: DeliveryBatch = { keys: b.keys, at: b.at };
            return { name: 'batch', data, opts: { jobId: batchJobId(b.at, b.keys), delay: realDelay(clock, b.dueAt - now) } };
          })
        : list.map((r) => ({ name: r.kind, data: { key: r.key }, opts: { jobId: jobIdFor(r.key), delay: realDelay(clock, r.dueAt.getTime() - now) } }));
      for (let i = 0; i < jobs.length; i += 1_000) await queue.addBulk(jobs.slice(i, i + 1_000));
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
      await enqueue(queued, true);
      moved += queued.length;
      if (selected < PAGE) return moved;
    }
  }

  /**
   * Every queued row (and every claim whose worker died) within the horizon gets its job again.
   * Jobs that still exist are untouched (same id); finished jobs are removed at once, so a row
   * still open after its job ended — or after Redis lost everything — is simply re-added. Rows
   * due later are grouped by second as the dispatcher grouped them (same batch, same job id); a
   * page that ends inside a second is cut before that second, which the next page starts with.
   * Rows already due get one-row jobs: their batch has run (or is running), and what is left of
   * it went on as one-row jobs under the row's key.
   */
  async function reconcile(): Promise<number> {
    const staleBefore = new Date(Date.now() - config.leaseMs);
    let after: { dueAt: Date; key: string } | null = null;
    let readded = 0;
    for (;;) {
      let rows = await nudges.openPage({ after, dueBy: horizon(), staleBefore, scope, limit: PAGE });
      if (!rows.length) return readded;
      const full = rows.length === PAGE;
      const lastSecond = Math.floor(rows[rows.length - 1]!.dueAt.getTime() / 1000);
      if (full && Math.floor(rows[0]!.dueAt.getTime() / 1000) !== lastSecond) rows = rows.filter((r) => Math.floor(r.dueAt.getTime() / 1000) !== lastSecond);
      const now = clock.now().getTime();
      await enqueue(rows.filter((r) => r.dueAt.getTime() > now), true);
      await enqueue(rows.filter((r) => r.dueAt.getTime() <= now));
      readded += rows.length;
      const last = rows[rows.length - 1]!;
      after = { dueAt: last.dueAt, key: last.key };
      if (!full) return readded;
    }
  }

  /** The outbox rows a command just wrote (still queued), each onto its platform's queue. */
  async function enqueueKeys(keys: string[]): Promise<void> {
    if (keys.length) await enqueue(await nudges.queuedByKeys(keys));
  }

  /**
   * Delayed jobs of rows already due by the injected clock run now (the clock jumped ahead):
   * batches of a second already past, and one-row jobs (whatever their id) of rows now due.
   */
  async function promoteDue(): Promise<number> {
    let promoted = 0;
    const now = clock.now().getTime();
    const due = new Set(await nudges.dueQueuedKeys(clock.now(), scope));
    for (const queue of queues.all()) {
      for (const job of await queue.getDelayed()) {
        const batch = ZDeliveryBatch.safeParse(job.data);
        const single = ZDeliveryJob.safeParse(job.data);
        const ready = batch.success ? batch.data.at <= now : single.success && due.has(single.data.key);
        if (ready) await job.promote().then(() => promoted++, () => undefined);
      }
    }
    return promoted;
  }

  return { dispatch, reconcile, promoteDue, enqueueKeys };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
