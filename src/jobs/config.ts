// Tunables of the nudge engine, with the reasoning behind each default.
import type { Clock } from '../core/ports/clock.js';
import type { PlatformName } from '../platform/contract.js';

export type { PlatformName };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface RateRule {
  max: number;
  windowMs: number;
}

export interface PlatformLimits {
  /** BullMQ's limiter on the platform's delivery queue (shared by every worker): the coarse gate. */
  queue?: { max: number; duration: number };
  /** At most `max` sends in any `windowMs` through this platform, checked right before each send. */
  global?: RateRule;
  /** At most `max` sends in any `windowMs` to one workspace (Slack team, Discord guild). */
  workspace?: RateRule;
  /** At most `max` messages in any `windowMs` to one channel or one person's DM. */
  perChannel?: RateRule;
}

export interface EngineConfig {
  /** BullMQ key prefix; its {hash tag} keeps every key of the engine in one Redis Cluster slot. */
  prefix: string;
  /**
   * Rows are planned this far ahead. 48 h: a planner outage of up to two days loses nothing,
   * a nudge exists in Postgres well before it matters (visible, cancellable), and the table
   * holds only about two days of future rows per person.
   */
  planHorizonMs: number;
  /** …and this far back, so occurrences missed while no planner ran are still sent if they apply. */
  planLookbackMs: number;
  planEveryMs: number;
  /**
   * Rows due within this much go into Redis as delayed jobs. 15 min with a 1 min dispatch
   * cadence: Redis holds only the next quarter hour, and a dispatcher may stall 14 min
   * before anything is late.
   */
  dispatchHorizonMs: number;
  dispatchEveryMs: number;
  reconcileEveryMs: number;
  /**
   * A claim older than this may be taken over. Longer than any platform call (SDK timeouts
   * are ~30 s) so a slow send is not doubled, short enough that a crash costs about a minute.
   */
  leaseMs: number;
  /** Delivery attempts for transient failures, with exponential backoff from `backoffMs`. */
  attempts: number;
  backoffMs: number;
  concurrency: number;
  rateLimits: boolean;
  limits: Record<PlatformName, PlatformLimits>;
  /** Limit every query to these workspaces (tests share one database); undefined = all. */
  workspaceIds?: string[];
  /** Repeatable plan/dispatch/reconcile/cleanup jobs; off in tests that drive runDue. */
  schedule: boolean;
  /** Finished rows are deleted after this many days. */
  retentionDays: number;
  /** BullMQ lock and stalled-job check: how fast a dead worker's job returns to the queue. */
  lockDurationMs: number;
  stalledIntervalMs: number;
  maxStalledCount: number;
}

// The strict rules keep about 10% headroom under the platform's figures: the limiter counts a
// send a moment before the request leaves, and a busy event loop can bunch a few of them.
export const DEFAULT_LIMITS: Record<PlatformName, PlatformLimits> = {
  // Slack: chat.postMessage allows about 1 message per second per channel (a DM is a channel).
  // Slack counts per workspace (each installation has its own token); the workspace-wide cap is
  // unpublished, and 45/s keeps us well inside what Slack tolerates in bursts and is easy to
  // lower. No platform-wide rule: 200 workspaces may each get their 45/s. The queue's own limiter
  // is the coarse gate on how fast one shard's workers pull jobs at all.
  slack: { queue: { max: 2000, duration: 1000 }, workspace: { max: 45, windowMs: 1000 }, perChannel: { max: 1, windowMs: 1100 } },
  // Discord: 50 requests per second per bot, globally; 5 messages per 5 s per channel.
  discord: { queue: { max: 50, duration: 1000 }, global: { max: 45, windowMs: 1000 }, perChannel: { max: 5, windowMs: 5000 } },
  console: {},
};

export function engineConfig(overrides: Partial<EngineConfig> & { prefix: string }): EngineConfig {
  return {
    planHorizonMs: 48 * HOUR,
    planLookbackMs: 48 * HOUR,
    planEveryMs: 30 * MINUTE,
    dispatchHorizonMs: 15 * MINUTE,
    dispatchEveryMs: MINUTE,
    reconcileEveryMs: 5 * MINUTE,
    leaseMs: MINUTE,
    attempts: 6,
    backoffMs: 5_000,
    concurrency: 16,
    rateLimits: true,
    limits: DEFAULT_LIMITS,
    schedule: true,
    retentionDays: 90,
    lockDurationMs: 30_000,
    stalledIntervalMs: 30_000,
    maxStalledCount: 5,
    ...overrides,
  };
}

export const deliveryQueueName = (platform: PlatformName) => `deliver-${platform}`;
export const MAINTENANCE_QUEUE = 'nudge-maintenance';

/** BullMQ refuses ':' in custom job ids, so the row key is spelled with '/'. */
export const jobIdFor = (key: string) => key.replaceAll(':', '/');

/**
 * The engine's clock: the injected program clock, optionally running faster than real time
 * (`rate` program ms per real ms; benchmarks replay a week in minutes). BullMQ delays are real
 * milliseconds, so every delay derived from program time is divided by the rate.
 */
export type EngineClock = Clock & { readonly rate?: number };

export const realDelay = (clock: EngineClock, programMs: number): number => Math.max(0, Math.ceil(programMs / (clock.rate ?? 1)));
