// The delivery worker's processor: one job = one planned nudge (or one-off message), by key.
//
//   1. not due yet by the injected clock → back to delayed (or to the planner, when far off)
//   2. claim the row in Postgres (conditional UPDATE; a dead worker's claim expires after the lease)
//   3. does it still apply? (facts loaded now) → skip / hold / reschedule, or build the message
//   4. per-channel rate limit → give the claim back and wait in BullMQ's delayed set
//   5. send through the platform, then mark sent at once
//
// Errors: a transient DeliveryError gives the claim back and rethrows, so BullMQ retries with
// backoff (Retry-After honoured); anything final marks the row and throws UnrecoverableError.
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { z } from 'zod';
import type { Delivery } from '../app/delivery.js';
import { DeliveryError } from '../app/delivery-error.js';
import type { Logger } from '../app/logger.js';
import { decideDelivery, EARLY_TOLERANCE_MS, ZNudgeKind, ZNudgeRefs, type Decision, type PlannedNudgeView } from '../core/nudges/index.js';
import type { Audience } from '../core/messages/model.js';
import type { Cipher } from '../db/crypto.js';
import type { ChannelLimiter } from './channel-limiter.js';
import { realDelay, type EngineClock, type EngineConfig, type PlatformName } from './config.js';
import type { FactsLoader } from './facts.js';
import { FINISHED_STATUSES, type NudgeRow, type NudgeStore } from './nudge-store.js';

export const ZDeliveryJob = z.strictObject({ key: z.string().min(1) });

const ZSealedMessage = z.object({
  text: z.string(),
  blocks: z.array(z.looseObject({ type: z.enum(['heading', 'text', 'fields', 'progress', 'list', 'actions', 'divider']) })),
});

export interface DeliveryProcessorDeps {
  platform: PlatformName;
  store: NudgeStore;
  loadFacts: FactsLoader;
  delivery: Delivery;
  limiter: ChannelLimiter;
  clock: EngineClock;
  cipher: Cipher;
  config: EngineConfig;
  logger: Logger;
}

type Outcome = 'sent' | 'finished' | 'deferred';

/** Moves the job back to BullMQ's delayed set (not counted as an attempt) and ends this run. */
async function delayJob(job: Job, token: string | undefined, ms: number): Promise<never> {
  await job.moveToDelayed(Date.now() + Math.max(0, Math.ceil(ms)), token);
  throw new DelayedError();
}

const audienceOf = (row: PlannedNudgeView): Audience =>
  row.personId ? { kind: 'person', personId: row.personId } : { kind: 'channel', workspaceId: row.refs.workspaceId ?? '', channelId: row.channel ?? '' };

export function createDeliveryProcessor(deps: DeliveryProcessorDeps) {
  const { store, config, clock } = deps;
  const limits = config.rateLimits ? config.limits[deps.platform] : {};

  const viewOf = (row: NudgeRow): PlannedNudgeView => ({
    key: row.key,
    kind: ZNudgeKind.parse(row.kind),
    personId: row.personId,
    channel: row.channel,
    dueAt: row.dueAt,
    refs: ZNudgeRefs.parse(row.refs),
  });

  async function decide(view: PlannedNudgeView): Promise<Decision> {
    if (view.kind === 'outbound') {
      const message = ZSealedMessage.parse(JSON.parse(deps.cipher.decrypt(view.refs.sealed ?? '')));
      return { kind: 'send', to: audienceOf(view), message: message as Extract<Decision, { kind: 'send' }>['message'] };
    }
    return decideDelivery(view, await deps.loadFacts(view, clock.now()));
  }

  /** Mark-sent right after the platform call; retried briefly because losing it means a resend. */
  async function markSent(key: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await store.markSent(key, clock.now());
        return;
      } catch (error) {
        if (attempt >= 3) throw new UnrecoverableError(`sent, but could not record it: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  }

  async function send(job: Job, token: string | undefined, view: PlannedNudgeView, decision: Extract<Decision, { kind: 'send' }>): Promise<Outcome> {
    const channel = { key: decision.to.kind === 'person' ? `p:${decision.to.personId}` : `c:${decision.to.workspaceId}:${decision.to.channelId}`, rule: limits.perChannel };
    // Resolve first (a database lookup), then count against the limits, then call the platform
    // at once: the limiter's clock and the platform's see the send at nearly the same moment.
    const platformCall = await deps.delivery.prepare({ to: decision.to, message: decision.message });
    const wait = await deps.limiter.acquire([channel, { key: `g:${deps.platform}`, rule: limits.global }], view.key);
    if (wait > 0) {
      await store.release(view.key);
      return delayJob(job, token, wait);
    }
    try {
      await platformCall({ idempotencyKey: view.key });
    } catch (error) {
      if (error instanceof DeliveryError && error.retryAfterMs) await deps.limiter.penalize(channel, error.retryAfterMs);
      throw error;
    }
    await markSent(view.key);
    return 'sent';
  }

  async function apply(job: Job, token: string | undefined, view: PlannedNudgeView, decision: Decision): Promise<Outcome> {
    switch (decision.kind) {
      case 'send':
        return send(job, token, view, decision);
      case 'skip':
        await store.markSkipped(view.key, decision.reason);
        throw new UnrecoverableError(`skipped: ${decision.reason}`);
      case 'hold':
        await store.markCancelled(view.key, decision.reason);
        throw new UnrecoverableError(`held: ${decision.reason}`);
      case 'reschedule': {
        const ms = decision.dueAt.getTime() - clock.now().getTime();
        const near = ms <= config.dispatchHorizonMs;
        await store.reschedule(view.key, decision.dueAt, near, decision.reason);
        if (!near) return 'deferred';
        return delayJob(job, token, realDelay(clock, ms));
      }
    }
  }

  /** Transient: give the claim back and let BullMQ retry. Final, or out of attempts: record it. */
  async function onError(job: Job, key: string, error: unknown): Promise<never> {
    if (error instanceof DelayedError || error instanceof UnrecoverableError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const retryable = !(error instanceof DeliveryError) || error.retryable;
    const attemptsLeft = job.attemptsMade + 1 < (job.opts.attempts ?? 1);
    if (retryable && attemptsLeft) {
      await store.release(key, message);
      throw error;
    }
    await store.markFailed(key, message);
    deps.logger.warn({ key, err: error }, 'nudge delivery failed for good');
    throw new UnrecoverableError(message);
  }

  /** Why a due job could not be claimed: not due yet (wait), finished (done), or held by a live claim. */
  async function notClaimed(job: Job, token: string | undefined, key: string): Promise<Outcome> {
    const row = await store.get(key);
    if (!row || FINISHED_STATUSES.has(row.status)) return 'finished';
    const early = row.dueAt.getTime() - clock.now().getTime();
    if (early > EARLY_TOLERANCE_MS) {
      if (early <= config.dispatchHorizonMs) return delayJob(job, token, realDelay(clock, early));
      await store.deferToPlanner(key);
      return 'deferred';
    }
    // A worker mid-send, or one that died: look again once its lease has run out.
    return delayJob(job, token, config.leaseMs);
  }

  return async function process(job: Job, token?: string): Promise<Outcome> {
    const { key } = ZDeliveryJob.parse(job.data);
    const row = await store.claimDue(key, new Date(clock.now().getTime() + EARLY_TOLERANCE_MS), config.leaseMs);
    if (!row) return notClaimed(job, token, key);
    try {
      const view = viewOf(row);
      return await apply(job, token, view, await decide(view));
    } catch (error) {
      return onError(job, key, error);
    }
  };
}

/** Retry-After when the platform gave one, else exponential from `base` with a little jitter. */
export function backoffStrategy(base: number) {
  return (attemptsMade: number, _type?: string, err?: Error): number => {
    if (err instanceof DeliveryError && err.retryAfterMs) return err.retryAfterMs;
    const exp = base * 2 ** Math.max(0, attemptsMade - 1);
    return Math.round(exp * (0.8 + Math.random() * 0.4));
  };
}
