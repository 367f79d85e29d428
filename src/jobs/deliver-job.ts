// The delivery worker's processor: one job = one planned nudge (or outbox message), by key.
//
//   1. not due yet by the injected clock → back to delayed (or to the planner, when far off)
//   2. claim the row in Postgres (conditional UPDATE; a dead worker's claim expires after the lease),
//      in one statement with the other jobs of this process that reach this step together
//   3. does it still apply? (facts loaded now) → skip / hold / reschedule, or build the message
//   4. per-channel rate limit → give the claim back and wait in BullMQ's delayed set
//   5. send through the platform to the route stored on the row, then mark sent at once (batched
//      with the sends that finished in the same turn of the event loop: one UPDATE for all)
//
// Errors: a transient DeliveryError gives the claim back and rethrows, so BullMQ retries with
// backoff (Retry-After honoured); anything final marks the row and throws UnrecoverableError.
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { z } from 'zod';
import type { Logger } from '../app/logger.js';
import { decideDelivery, EARLY_TOLERANCE_MS, ZNudgeKind, ZNudgeRefs, type Decision, type PlannedNudgeView } from '../core/nudges/index.js';
import type { Message } from '../core/messages/model.js';
import type { Delivery } from '../platform/deliver.js';
import { DeliveryError } from '../platform/delivery-error.js';
import { ZRoute, type Route } from '../platform/route.js';
import { createBatcher } from './batcher.js';
import type { ChannelLimiter } from './channel-limiter.js';
import { realDelay, type EngineClock, type EngineConfig, type PlatformName } from './config.js';
import type { FactsLoader } from './facts.js';
import type { DeliveryOutcome, JobMetrics } from './metrics.js';
import { isFinished, type ClaimedNudge, type NudgeRepository } from './ports.js';

export const ZDeliveryJob = z.strictObject({ key: z.string().min(1) });

const ZSealedMessage = z.object({
  text: z.string(),
  blocks: z.array(z.looseObject({ type: z.enum(['heading', 'text', 'fields', 'progress', 'list', 'actions', 'divider', 'time']) })),
  preview: z.string().optional(),
});

export interface DeliveryProcessorDeps {
  platform: PlatformName;
  nudges: NudgeRepository;
  loadFacts: FactsLoader;
  delivery: Delivery;
  limiter: ChannelLimiter;
  clock: EngineClock;
  config: EngineConfig;
  logger: Logger;
  /** Told each delivery's outcome (and a sent one's lateness) and each rate-limit wait. */
  metrics?: JobMetrics;
}

type Outcome = 'sent' | 'finished' | 'deferred';

/** Grants that went stale before their request left (a stalled loop) before the job waits a moment. */
const STALE_GRANTS = 5;
type Send = { message: Message };

/** Moves the job back to BullMQ's delayed set (not counted as an attempt) and ends this run. */
async function delayJob(job: Job, token: string | undefined, ms: number): Promise<never> {
  await job.moveToDelayed(Date.now() + Math.max(0, Math.ceil(ms)), token);
  throw new DelayedError();
}

/** The route stored on the row (resolved once, when it was written or dispatched); final when there is none. */
function routeOf(row: ClaimedNudge): Route {
  const parsed = ZRoute.safeParse(row.route);
  if (!parsed.success) throw new DeliveryError('nobody can be reached: the row has no route', false);
  return parsed.data;
}

/** The per-channel rate-limit key: one DM or one channel, as the platform counts it. */
const channelKey = ({ target: t }: Route) => (t.kind === 'dm' ? `d:${t.workspaceExternalId}:${t.userExternalId}` : `c:${t.workspaceExternalId}:${t.channelId}`);

export function createDeliveryProcessor(deps: DeliveryProcessorDeps) {
  const { nudges, config, clock } = deps;
  const limits = config.rateLimits ? config.limits[deps.platform] : {};
  const claim = createBatcher(async (keys: string[]) => {
    const rows = await nudges.claimDueMany(keys, new Date(clock.now().getTime() + EARLY_TOLERANCE_MS), config.leaseMs);
    const byKey = new Map(rows.map((r) => [r.key, r]));
    return keys.map((k) => byKey.get(k) ?? null);
  });
  const recordSent = createBatcher(async (keys: string[]) => {
    await nudges.markSentMany(keys, clock.now());
    return keys.map(() => undefined);
  });
  const note = (outcome: DeliveryOutcome, row: ClaimedNudge) => deps.metrics?.delivery(outcome, deps.platform, row, clock.now());

  const viewOf = (row: ClaimedNudge): PlannedNudgeView => ({
    key: row.key,
    kind: ZNudgeKind.parse(row.kind),
    personId: row.personId,
    channel: row.channel,
    dueAt: row.dueAt,
    refs: ZNudgeRefs.parse(row.refs),
  });

  /** An outbox row says what it says (its message, opened by the store); a nudge asks the catalogue. */
  async function decide(view: PlannedNudgeView, row: ClaimedNudge): Promise<Decision | Send> {
    if (view.kind === 'outbound') {
      const parsed = ZSealedMessage.safeParse(row.message);
      if (!parsed.success) throw new DeliveryError('the outbox message could not be read', false);
      return { message: parsed.data as Message };
    }
    return decideDelivery(view, await deps.loadFacts(view, clock.now()));
  }

  /** Mark-sent right after the platform call; retried briefly because losing it means a resend. */
  async function markSent(key: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await recordSent(key);
        return;
      } catch (error) {
        if (attempt >= 3) throw new UnrecoverableError(`sent, but could not record it: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  }

  /** Counts the send against its channel, workspace and platform; a grant that went stale is asked again. */
  async function admit(job: Job, token: string | undefined, row: ClaimedNudge, route: Route): Promise<string[]> {
    const channel = channelKey(route);
    const workspace = `w:${route.target.workspaceExternalId}`;
    const rules = [
      { key: channel, rule: limits.perChannel },
      { key: workspace, rule: limits.workspace },
      { key: `g:${deps.platform}`, rule: limits.global },
    ];
    const blocks = config.rateLimits ? [channel, workspace] : [];
    for (let asked = 1; ; asked++) {
      const grant = await deps.limiter.acquire(rules, blocks, row.key);
      if (grant.wait > 0) deps.metrics?.rateLimited(deps.platform, 'limiter_wait');
      if (grant.wait > 0 || asked > STALE_GRANTS) {
        await nudges.release(row.key);
        return delayJob(job, token, Math.max(grant.wait, 1));
      }
      if (grant.fresh()) return blocks;
      await grant.giveBack();
    }
  }

  async function send(job: Job, token: string | undefined, row: ClaimedNudge, message: Message): Promise<Outcome> {
    const route = routeOf(row);
    // Build the platform call first, then count against the limits, then call the platform in the
    // same turn of the event loop: the limiter's clock and the platform's see nearly the same moment.
    const platformCall = deps.delivery.prepare({ route, dmChannelId: row.dmChannelId, message });
    const blocks = await admit(job, token, row, route);
    try {
      await platformCall({ idempotencyKey: row.key });
    } catch (error) {
      if (error instanceof DeliveryError && error.retryAfterMs) {
        deps.metrics?.rateLimited(deps.platform, 'platform_429');
        await deps.limiter.block(blocks, error.retryAfterMs);
      }
      throw error;
    }
    note('sent', row);
    await markSent(row.key);
    return 'sent';
  }

  async function apply(job: Job, token: string | undefined, row: ClaimedNudge, decision: Decision | Send): Promise<Outcome> {
    if (!('kind' in decision)) return send(job, token, row, decision.message);
    switch (decision.kind) {
      case 'send':
        return send(job, token, row, decision.message);
      case 'skip':
        await nudges.markSkipped(row.key, decision.reason);
        note('skipped', row);
        throw new UnrecoverableError(`skipped: ${decision.reason}`);
      case 'hold':
        await nudges.markCancelled(row.key, decision.reason);
        note('held', row);
        throw new UnrecoverableError(`held: ${decision.reason}`);
      case 'reschedule': {
        const ms = decision.dueAt.getTime() - clock.now().getTime();
        const near = ms <= config.dispatchHorizonMs;
        await nudges.reschedule(row.key, decision.dueAt, near, decision.reason);
        note('deferred', row);
        if (!near) return 'deferred';
        return delayJob(job, token, realDelay(clock, ms));
      }
    }
  }

  /** Transient: give the claim back and let BullMQ retry. Final, or out of attempts: record it. */
  async function onError(job: Job, row: ClaimedNudge, error: unknown): Promise<never> {
    const { key } = row;
    if (error instanceof DelayedError || error instanceof UnrecoverableError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const retryable = !(error instanceof DeliveryError) || error.retryable;
    const attemptsLeft = job.attemptsMade + 1 < (job.opts.attempts ?? 1);
    if (retryable && attemptsLeft) {
      await nudges.release(key, message);
      note('retried', row);
      throw error;
    }
    await nudges.markFailed(key, message);
    note('failed', row);
    deps.logger.warn({ key, err: error }, 'nudge delivery failed for good');
    throw new UnrecoverableError(message);
  }

  /** Why a due job could not be claimed: not due yet (wait), finished (done), or held by a live claim. */
  async function notClaimed(job: Job, token: string | undefined, key: string): Promise<Outcome> {
    const row = await nudges.get(key);
    if (!row || isFinished(row.status)) return 'finished';
    const early = row.dueAt.getTime() - clock.now().getTime();
    if (early > EARLY_TOLERANCE_MS) {
      if (early <= config.dispatchHorizonMs) return delayJob(job, token, realDelay(clock, early));
      await nudges.deferToPlanner(key);
      return 'deferred';
    }
    // A worker mid-send, or one that died: look again once its lease has run out.
    return delayJob(job, token, config.leaseMs);
  }

  return async function process(job: Job, token?: string): Promise<Outcome> {
    const { key } = ZDeliveryJob.parse(job.data);
    const row = await claim(key);
    if (!row) return notClaimed(job, token, key);
    try {
      return await apply(job, token, row, await decide(viewOf(row), row));
    } catch (error) {
      return onError(job, row, error);
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
