// The delivery worker's processor. A job is either one planned nudge (or outbox message), by key,
// or a batch: the keys of the rows one queue has due in one second, as the dispatcher found them
// (ZDeliveryBatch). A batch takes every row through the same steps at once — one claim statement,
// one facts statement per question, the sends side by side, one UPDATE for the rows that end —
// so a message no longer costs a BullMQ job of its own (that, and a Postgres round trip per
// step, was most of our cost per message). Each row still gets its own outcome:
//
//   1. claim the row in Postgres (conditional UPDATE; a dead worker's claim expires after the
//      lease), in one statement with the other jobs of this process that reach this step together;
//      not claimable because not due yet by the injected clock → wait (or back to the planner)
//   2. does it still apply? (facts loaded now, batched the same way) → skip / hold / reschedule,
//      or build the message
//   3. rate limits (channel, workspace, platform) → give the claim back and wait
//   4. send through the platform to the route stored on the row
//
// Exactly once across dead workers: a row whose earlier attempt may have reached the platform
// (its claim was taken over after the lease ran out, or its send failed unclearly) carries
// `sendingAt`, stamped by the claim itself. Only such a row first asks the platform what arrived
// since then (`recall`: Slack reads the conversation's recent history for the key in each message's
// metadata): all of it → marked sent without sending; some parts → only the rest is sent. Discord
// needs no read: its nonce (derived from the key) makes the resend return the earlier message.
//
// These steps only decide: `attempt` returns one DeliveryOutcome per row, and settle.ts is the one
// place where it takes effect (Postgres, then BullMQ). A transient error gives the claim back and
// BullMQ retries with backoff (Retry-After honoured); anything final marks the row and ends the job.
// In a batch, a row that is not done (not claimed, rate limited, moved, retried) goes on as a
// one-row job of its own (`followUp`), with the same wait; the batch job itself then completes.
import type { Job } from 'bullmq';
import { z } from 'zod';
import type { Logger } from '../app/logger.js';
import { decideDelivery, EARLY_TOLERANCE_MS, ZNudgeKind, ZNudgeRefs, type Decision, type PlannedNudgeView } from '../core/nudges/index.js';
import type { Message } from '../core/messages/model.js';
import type { Recall } from '../platform/contract.js';
import type { Delivery } from '../platform/deliver.js';
import { DeliveryError } from '../platform/delivery-error.js';
import { ZRoute, type Route } from '../platform/route.js';
import { createBatcher } from './batcher.js';
import type { ChannelLimiter, Grant } from './channel-limiter.js';
import { realDelay, type EngineClock, type EngineConfig, type PlatformName } from './config.js';
import type { FactsLoader } from './facts.js';
import type { DeliveryOutcome as MetricOutcome, JobMetrics } from './metrics.js';
import { isFinished, type ClaimedNudge, type NudgeRepository } from './ports.js';
import { createSettler, messageOf, type DeliveryOutcome, type JobResult, type Next, type SettleDeps } from './settle.js';

export type { DeliveryOutcome } from './settle.js';

export const ZDeliveryJob = z.strictObject({ key: z.string().min(1) });
/** The rows one queue has due in one second (`at`, program ms), at most config.batchKeys of them. */
export const ZDeliveryBatch = z.strictObject({ keys: z.array(z.string().min(1)).min(1), at: z.number() });
export type DeliveryBatch = z.infer<typeof ZDeliveryBatch>;

/** A one-row job to add after a batch: the row is not done yet. */
export interface FollowUp {
  key: string;
  /** Real ms from now. */
  delayMs: number;
  /** Attempts left for transient failures (a retried row has used one). */
  attempts: number;
  /**
   * The claim this follows (the row's claim count), for a row this batch claimed: its job gets an
   * id of its own, so that an older one-row job for the row (the reconciler's, waiting out what
   * was then another worker's claim) cannot stand in for it with a longer wait.
   */
  claim?: number;
}

/** What a batch job returns (BullMQ keeps it while the job exists): how its rows went. */
export type BatchResult = { claimed: number; followUps: number };

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
  observe?: SettleDeps['observe'];
  /** Adds one-row jobs for a batch's rows that are not done; a batch's rows are dropped when missing. */
  followUp?: (jobs: FollowUp[]) => Promise<void>;
}

type Send = { message: Message };

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
  const { settle, record } = createSettler(deps);
  const backoff = backoffStrategy(config.backoffMs);
  // Two jobs for one key can wait at the claim step together (a batch's follow-up and the
  // reconciler's job, say); the batcher answers both from one statement. Only the first may have the
  // row — both sending it is a duplicate the person sees. The other finds it taken, as if another
  // worker held the claim, and looks again after the lease. Hence a ticket per row per statement.
  const claimShared = createBatcher(async (keys: string[]) => {
    const rows = await nudges.claimDueMany(keys, new Date(clock.now().getTime() + EARLY_TOLERANCE_MS), config.leaseMs);
    const byKey = new Map(rows.map((r) => [r.key, { row: r, taken: false }]));
    return keys.map((k) => byKey.get(k) ?? null);
  });
  const claim = async (key: string): Promise<ClaimedNudge | null> => {
    const ticket = await claimShared(key);
    if (!ticket || ticket.taken) return null;
    ticket.taken = true;
    return ticket.row;
  };
  /** The operators' metrics, told the one outcome decided for each claimed row (a sent one's lateness from its due time). */
  const note = (outcome: DeliveryOutcome, row: ClaimedNudge) => {
    const metric = metricOf(outcome);
    if (metric) deps.metrics?.delivery(metric, deps.platform, row, clock.now());
  };

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

  /** Counts the send against its channel, workspace and platform: its grant and the keys a 429 blocks, or how long to wait. */
  async function admit(row: ClaimedNudge, route: Route): Promise<{ grant: Grant; blocks: string[] } | { waitMs: number }> {
    const channel = channelKey(route);
    const workspace = `w:${route.target.workspaceExternalId}`;
    const rules = [
      { key: channel, rule: limits.perChannel },
      { key: workspace, rule: limits.workspace },
      { key: `g:${deps.platform}`, rule: limits.global },
    ];
    const blocks = config.rateLimits ? [channel, workspace] : [];
    const grant = await deps.limiter.acquire(rules, blocks, row.key);
    if (grant.wait > 0) deps.metrics?.rateLimited(deps.platform, 'limiter_wait');
    return grant.wait > 0 ? { waitMs: grant.wait } : { grant, blocks };
  }

  async function send(tries: Tries, row: ClaimedNudge, message: Message, skipParts: number[] | undefined): Promise<DeliveryOutcome> {
    const route = routeOf(row);
    const platformCall = deps.delivery.prepare({ route, dmChannelId: row.dmChannelId, message });
    const admitted = await admit(row, route);
    if ('waitMs' in admitted) return { kind: 'deferred', reason: 'rate limited', defer: { row: 'released', waitMs: admitted.waitMs } };
    try {
      await platformCall({ idempotencyKey: row.key, ...(skipParts?.length ? { skipParts } : {}) });
    } catch (error) {
      const rateLimited = error instanceof DeliveryError && Boolean(error.retryAfterMs);
      if (rateLimited) {
        deps.metrics?.rateLimited(deps.platform, 'platform_429');
        await deps.limiter.block(admitted.blocks, (error as DeliveryError).retryAfterMs!);
      }
      const outcome = failure(tries, error);
      // Only a rate limit says for sure that nothing arrived; any other transient failure may
      // have reached the platform (the answer was lost), so the retry asks first.
      return outcome.kind === 'retried' ? { ...outcome, mayHaveSent: !rateLimited } : outcome;
    } finally {
      // The answer came (or the request failed): the send counts for one window from now. Not
      // awaited, so nothing stands between the platform call and marking the row sent; losing this
      // stamp only keeps the send counted as in flight a while longer (stricter), never a resend.
      void admitted.grant.done().catch((err: unknown) => deps.logger.warn({ err, key: row.key }, 'could not stamp a send in the rate limiter'));
    }
    return { kind: 'sent' };
  }

  /** A thrown error: transient with attempts left → retried, else failed. */
  function failure(tries: Tries, error: unknown): DeliveryOutcome {
    const retryable = !(error instanceof DeliveryError) || error.retryable;
    const attemptsLeft = tries.made + 1 < tries.allowed;
    return retryable && attemptsLeft ? { kind: 'retried', error } : { kind: 'failed', reason: messageOf(error), error };
  }

  /** Why a due job could not be claimed: not due yet (wait), finished (done), or held by a live claim. */
  async function notClaimed(key: string): Promise<DeliveryOutcome> {
    const row = await nudges.get(key);
    if (!row || isFinished(row.status)) return { kind: 'finished' };
    const early = row.dueAt.getTime() - clock.now().getTime();
    if (early > EARLY_TOLERANCE_MS) {
      const defer = early <= config.dispatchHorizonMs ? { row: 'untouched' as const, waitMs: realDelay(clock, early) } : { row: 'to-planner' as const };
      return { kind: 'deferred', reason: 'not due yet', defer };
    }
    // A worker mid-send, or one that died: look again once its lease has run out.
    return { kind: 'deferred', reason: 'claimed by another worker', defer: { row: 'untouched', waitMs: config.leaseMs } };
  }

  /** Claims the row, checks it, and sends it when it still applies: decides the outcome, records nothing. */
  async function attempt(job: Job, key: string): Promise<DeliveryOutcome> {
    const row = await claim(key);
    if (!row) return notClaimed(key);
    const outcome = await attemptClaimed({ made: job.attemptsMade, allowed: job.opts.attempts ?? 1 }, row);
    note(outcome, row);
    return outcome;
  }

  /**
   * For a row whose earlier attempt may have reached the platform: what arrived since it began.
   * Asked before the delivery check, so a message already delivered is recorded as sent even if
   * it would no longer apply. Null: send as usual (no earlier attempt, or the platform dedupes).
   */
  async function recall(row: ClaimedNudge): Promise<Recall | null> {
    if (!row.sendingAt) return null;
    const found = await deps.delivery.recall({ route: routeOf(row), dmChannelId: row.dmChannelId }, row.key, row.sendingAt);
    if (found?.kind === 'unknown') deps.logger.warn({ key: row.key, reason: found.reason }, 'could not read back an earlier attempt; sending again');
    else if (found) deps.logger.info({ key: row.key, found: found.kind }, 'read back an earlier attempt that may have been sent');
    return found;
  }

  /** Decides, admits and sends one claimed row: the step between "claimed" and "settled". */
  async function attemptClaimed(tries: Tries, row: ClaimedNudge): Promise<DeliveryOutcome> {
    try {
      const earlier = await recall(row);
      if (earlier?.kind === 'delivered') return { kind: 'sent' };
      const skip = earlier?.kind === 'partial' ? earlier.parts : undefined;
      const decision = await decide(viewOf(row), row);
      if (!('kind' in decision)) return await send(tries, row, decision.message, skip);
      switch (decision.kind) {
        case 'send':
          return await send(tries, row, decision.message, skip);
        case 'skip':
          return { kind: 'skipped', reason: decision.reason };
        case 'hold':
          return { kind: 'held', reason: decision.reason };
        case 'reschedule':
          return { kind: 'deferred', reason: decision.reason, defer: { row: 'rescheduled', dueAt: decision.dueAt } };
      }
    } catch (error) {
      return failure(tries, error);
    }
  }

  /**
   * One row of a batch, claimed: decided, sent, and its outcome recorded; what is left to do for
   * it comes back as a follow-up. A row whose outcome could not be recorded stays claimed: a
   * follow-up after the lease takes the claim over (the same as a one-row job that crashed).
   */
  async function batchRow(row: ClaimedNudge): Promise<FollowUp | 'done'> {
    const outcome = await attemptClaimed({ made: 0, allowed: config.attempts }, row);
    note(outcome, row);
    let next: Next;
    try {
      next = await record(row.key, outcome);
    } catch (err) {
      deps.logger.warn({ err, key: row.key }, 'a delivery outcome could not be recorded; the row is looked at again after its lease');
      return { key: row.key, delayMs: config.leaseMs, attempts: config.attempts, claim: row.attempts };
    }
    switch (next.then) {
      case 'done':
      case 'end':
        return 'done';
      case 'later':
        return { key: row.key, delayMs: next.waitMs, attempts: config.attempts, claim: row.attempts };
      case 'retry':
        return { key: row.key, delayMs: backoff(1, undefined, next.error as Error), attempts: config.attempts - 1, claim: row.attempts };
    }
  }

  /**
   * A batch: one claim statement for all its keys, then every claimed row side by side (the facts
   * and the settling UPDATE batch themselves). A key not claimed here — not due yet by the
   * injected clock, another worker's claim, already done — becomes a one-row job at once, which
   * finds out which (finished rows end there, for the price of one read).
   */
  async function processBatch({ keys }: DeliveryBatch): Promise<BatchResult> {
    const unique = [...new Set(keys)];
    const rows = await nudges.claimDueMany(unique, new Date(clock.now().getTime() + EARLY_TOLERANCE_MS), config.leaseMs);
    const claimed = new Set(rows.map((r) => r.key));
    const followUps: FollowUp[] = unique.filter((k) => !claimed.has(k)).map((key) => ({ key, delayMs: 0, attempts: config.attempts }));
    const results = await Promise.all(rows.map(batchRow));
    for (const r of results) if (r !== 'done') followUps.push(r);
    if (followUps.length && deps.followUp) {
      // Lost follow-ups are not lost rows: they are queued or claimed in Postgres, and the
      // reconciler re-adds a job for each.
      await deps.followUp(followUps).catch((err: unknown) => deps.logger.warn({ err, count: followUps.length }, 'follow-up jobs not added; the reconciler will'));
    }
    return { claimed: rows.length, followUps: followUps.length };
  }

  return async function process(job: Job, token?: string): Promise<JobResult | BatchResult> {
    const batch = ZDeliveryBatch.safeParse(job.data);
    if (batch.success) return processBatch(batch.data);
    const { key } = ZDeliveryJob.parse(job.data);
    return settle(job, token, key, await attempt(job, key));
  };
}

/** How many tries a row has had and may have (BullMQ's count for a one-row job). */
type Tries = { made: number; allowed: number };

/**
 * The operators' name for an outcome of a claimed row (src/jobs/metrics.ts): a deferral counts only
 * when the delivery check moved the row on (quiet hours, an absence, a holiday); a rate-limit wait
 * is counted by `rateLimited` instead, and an already finished row by nothing.
 */
function metricOf(outcome: DeliveryOutcome): MetricOutcome | null {
  switch (outcome.kind) {
    case 'deferred':
      return outcome.defer.row === 'rescheduled' ? 'deferred' : null;
    case 'finished':
      return null;
    default:
      return outcome.kind;
  }
}

/** Retry-After when the platform gave one, else exponential from `base` with a little jitter. */
export function backoffStrategy(base: number) {
  return (attemptsMade: number, _type?: string, err?: Error): number => {
    if (err instanceof DeliveryError && err.retryAfterMs) return err.retryAfterMs;
    const exp = base * 2 ** Math.max(0, attemptsMade - 1);
    return Math.round(exp * (0.8 + Math.random() * 0.4));
  };
}
