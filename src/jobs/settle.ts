// How a delivery ends, and the one place where that takes effect.
//
// The processor (deliver-job.ts) only decides: every row it claims (or fails to) ends in exactly
// one DeliveryOutcome. `record` carries it out in Postgres — the row's new status, durable before
// BullMQ hears of it: a sent row is marked before its job completes — and says what the queue must
// do next for that row (`Next`). A one-row job then tells BullMQ (`settle`: completed, delayed,
// retried, ended for good); a batch job (many rows, one BullMQ job) turns each row's `Next` into a
// follow-up one-row job, or nothing when the row is done. Rows that end in the same turn of the
// event loop (sent, skipped, held, failed) share one UPDATE.
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from '../app/logger.js';
import { createBatcher } from './batcher.js';
import { realDelay, type EngineClock, type EngineConfig, type PlatformName } from './config.js';
import type { FinishedNudge, NudgeRepository } from './ports.js';

export type DeliveryOutcome =
  | { kind: 'sent' }
  /** Will never apply again (answered, expired, withdrawn…). */
  | { kind: 'skipped'; reason: string }
  /** Does not apply now (paused): the row is cancelled, a later plan may bring it back. */
  | { kind: 'held'; reason: string }
  /** Not now: the job waits (or the row goes back to the planner) and comes back later. */
  | { kind: 'deferred'; reason: string; defer: Deferral }
  /**
   * A transient failure: the claim is given back and BullMQ tries again after a backoff.
   * `mayHaveSent`: the platform call had begun and did not clearly fail (a timeout, a 5xx), so the
   * row remembers the attempt and the retry first asks the platform what arrived.
   */
  | { kind: 'retried'; error: unknown; mayHaveSent?: boolean }
  /** A final failure, or out of attempts. */
  | { kind: 'failed'; reason: string; error: unknown }
  /** Nothing to do: the row had already ended (another job, an earlier attempt, a cancellation). */
  | { kind: 'finished' };

export type DeliveryOutcomeKind = DeliveryOutcome['kind'];

/** What a deferral does to the row and to the job. */
export type Deferral =
  /** Claimed, then held back by a rate limit: the claim is given back, the job waits `waitMs`. */
  | { row: 'released'; waitMs: number }
  /** The delivery check moved it (not due yet, quiet hours, away, a holiday): a new due time. */
  | { row: 'rescheduled'; dueAt: Date }
  /** Not claimed (not due yet, or another worker's live claim): the job looks again after `waitMs`. */
  | { row: 'untouched'; waitMs: number }
  /** Not claimed and due beyond the dispatch horizon: back to the planner's care. */
  | { row: 'to-planner' };

/** What BullMQ records as a job's return value (skips, holds and failures end as errors). */
export type JobResult = 'sent' | 'finished' | 'deferred';

/** What the queue does next for one row, once its outcome has taken effect in Postgres. */
export type Next =
  /** Nothing more: the row is done, or back in the planner's care. */
  | { then: 'done'; result: JobResult }
  /** Ended for good (skipped, held, failed): a one-row job ends with this error, not retried. */
  | { then: 'end'; error: UnrecoverableError }
  /** Look at the row again after `waitMs` real ms (not counted as an attempt). */
  | { then: 'later'; waitMs: number }
  /** A transient failure: try again after a backoff, counted as an attempt. */
  | { then: 'retry'; error: unknown };

export interface SettleDeps {
  platform: PlatformName;
  nudges: NudgeRepository;
  clock: EngineClock;
  config: EngineConfig;
  logger: Logger;
  /** Told every outcome as it takes effect (metrics); must not throw. */
  observe?: (outcome: DeliveryOutcome, platform: PlatformName) => void;
}

export const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Moves the job back to BullMQ's delayed set (not counted as an attempt) and ends this run. */
async function delayJob(job: Job, token: string | undefined, ms: number): Promise<never> {
  await job.moveToDelayed(Date.now() + Math.max(0, Math.ceil(ms)), token);
  throw new DelayedError();
}

export function createSettler(deps: SettleDeps) {
  const { nudges, clock, config } = deps;
  const finish = createBatcher(
    async (rows: FinishedNudge[]) => {
      await nudges.finishMany(rows, clock.now());
      return rows.map(() => undefined);
    },
    { id: (r) => r.key },
  );

  /** Mark-sent right after the platform call; retried briefly because losing it means a resend. */
  async function markSent(key: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await finish({ key, status: 'sent', reason: null });
        return;
      } catch (error) {
        if (attempt >= 3) throw new UnrecoverableError(`sent, but could not record it: ${messageOf(error)}`);
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  }

  async function defer(key: string, { reason, defer: d }: Extract<DeliveryOutcome, { kind: 'deferred' }>): Promise<Next> {
    switch (d.row) {
      case 'released':
        await nudges.release(key);
        return { then: 'later', waitMs: d.waitMs };
      case 'untouched':
        return { then: 'later', waitMs: d.waitMs };
      case 'to-planner':
        await nudges.deferToPlanner(key);
        return { then: 'done', result: 'deferred' };
      case 'rescheduled': {
        const ms = d.dueAt.getTime() - clock.now().getTime();
        const near = ms <= config.dispatchHorizonMs;
        await nudges.reschedule(key, d.dueAt, near, reason);
        return near ? { then: 'later', waitMs: realDelay(clock, ms) } : { then: 'done', result: 'deferred' };
      }
    }
  }

  /** The outcome takes effect in Postgres (and is observed); returns what the queue does next for the row. */
  async function record(key: string, outcome: DeliveryOutcome): Promise<Next> {
    deps.observe?.(outcome, deps.platform);
    switch (outcome.kind) {
      case 'sent':
        await markSent(key);
        return { then: 'done', result: 'sent' };
      case 'finished':
        return { then: 'done', result: 'finished' };
      case 'skipped':
        await finish({ key, status: 'skipped', reason: outcome.reason });
        return { then: 'end', error: new UnrecoverableError(`skipped: ${outcome.reason}`) };
      case 'held':
        await finish({ key, status: 'cancelled', reason: outcome.reason });
        return { then: 'end', error: new UnrecoverableError(`held: ${outcome.reason}`) };
      case 'retried':
        await nudges.release(key, messageOf(outcome.error), outcome.mayHaveSent);
        return { then: 'retry', error: outcome.error };
      case 'failed':
        await finish({ key, status: 'failed', reason: outcome.reason });
        deps.logger.warn({ key, err: outcome.error }, 'nudge delivery failed for good');
        return { then: 'end', error: new UnrecoverableError(outcome.reason) };
      case 'deferred':
        return defer(key, outcome);
    }
  }

  /** A one-row job: the outcome takes effect, then BullMQ is told (completed, delayed, retried, ended). */
  async function settle(job: Job, token: string | undefined, key: string, outcome: DeliveryOutcome): Promise<JobResult> {
    const next = await record(key, outcome);
    switch (next.then) {
      case 'done':
        return next.result;
      case 'later':
        return delayJob(job, token, next.waitMs);
      case 'end':
      case 'retry':
        throw next.error;
    }
  }

  return { record, settle };
}
