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
  /** BullMQ key prefix; its {hash tag} keeps every key of one shard in one Redis Cluster slot. */
  prefix: string;
  /**
   * Workspaces are spread over this many shards, each a set of queues (and limiter keys) under
   * its own prefix and hash tag, so a Redis Cluster can place them on different masters. 1: one
   * prefix, exactly `prefix` (a single Redis).
   */
  shards: number;
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
  /**
   * Jobs one worker process runs at once (per queue). 64: a job mostly waits (Postgres, the
   * platform's HTTP answer), and jobs that wait at the same step share one statement (batcher.ts),
   * so more at once means fewer, fuller round trips — at 16 a statement served about 4 jobs, at 64+
   * about 20. The platforms' limits, not this, bound how fast messages leave.
   */
  concurrency: number;
  /**
   * Most keys in one batch job (the rows one queue has due in one second). 100: a batch's sends
   * go out side by side, and its claim and facts are one statement each; larger batches save
   * little more and make one slow batch hold more rows.
   */
  batchKeys: number;
  rateLimits: boolean;
  limits: Record<PlatformName, PlatformLimits>;
  /**
   * Planned nudges due at a whole minute are moved a stable 0 to this many seconds−1 into it, by
   * person (src/core/nudges/local-time.ts, spreadWithinMinute): hundreds of people who chose the
   * same minute then fall due over its seconds instead of at one instant. The worker processes set
   * 60; 0 (the default) keeps due times on the minute, as the console and tests expect.
   */
  spreadSeconds: number;
  /** Limit every query to these workspaces (tests share one database); undefined = all. */
  workspaceIds?: string[];
  /** Repeatable plan/dispatch/reconcile/cleanup jobs; off in tests that drive runDue. */
  schedule: boolean;
  /**
   * How often each process checks that the four schedules still exist in Redis and puts back any
   * that are missing: a Redis restarted empty (or flushed) loses them, and with them the reconcile
   * that would put every other lost job back. One cheap read per schedule per check.
   */
  scheduleCheckMs: number;
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
    concurrency: 64,
    batchKeys: 100,
    spreadSeconds: 0,
    rateLimits: true,
    limits: DEFAULT_LIMITS,
    schedule: true,
    scheduleCheckMs: 30_000,
    retentionDays: 90,
    shards: 1,
    lockDurationMs: 30_000,
    stalledIntervalMs: 30_000,
    maxStalledCount: 5,
    ...overrides,
  };
}

export const deliveryQueueName = (platform: PlatformName) => `deliver-${platform}`;

/** Redis Cluster's slot of a hash tag: CRC16 (XMODEM) modulo 16384. */
export function clusterSlot(tag: string): number {
  let crc = 0;
  for (const byte of Buffer.from(tag)) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc % 16384;
}

/**
 * The key prefix of each shard: `{trellis}` with 3 shards gives `{trellis-0}`, `{trellis-1.4}`,
 * … — distinct hash tags, each chosen (deterministically, the same in every process) so that
 * shard i's slot lies in the i-th of N equal slices of the 16384 slots. A cluster whose masters
 * own equal slices (what `redis-cli --cluster create` does) then puts N shards on N different
 * masters, rather than wherever the hashes happened to fall. One shard keeps the prefix as is.
 */
export function shardPrefixes(prefix: string, shards: number): string[] {
  if (shards <= 1) return [prefix];
  const tagged = /^\{([^}]+)\}(.*)$/.exec(prefix);
  const [base, rest] = tagged ? [tagged[1]!, tagged[2]!] : [prefix, ''];
  return Array.from({ length: shards }, (_, i) => {
    const [from, to] = [Math.floor((i * 16384) / shards), Math.floor(((i + 1) * 16384) / shards)];
    for (let k = 0; ; k++) {
      const tag = k ? `${base}-${i}.${k}` : `${base}-${i}`;
      const slot = clusterSlot(tag);
      if (slot >= from && slot < to) return `{${tag}}${rest}`;
    }
  });
}

/** The shard of a workspace: always the same for the same workspace and shard count (FNV-1a). */
export function shardOf(workspaceId: string | null, shards: number): number {
  if (shards <= 1 || !workspaceId) return 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < workspaceId.length; i++) hash = Math.imul(hash ^ workspaceId.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % shards;
}
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

/**
 * The engine's real-time cadences for a clock running `rate` times faster than real time (the
 * rehearsal clock). Schedules, leases and locks count real milliseconds while horizons count
 * program milliseconds, so at 14,400× the defaults would plan every 30 real minutes (300 program
 * days) against a 48-hour horizon that passes in 12 real seconds. Each cadence here keeps its
 * default where that is already fine and otherwise shrinks so it fits its horizon several times
 * over; a real clock (no rate, or 1) keeps every default.
 */
export function timingsForRate(rate: number | undefined): Partial<EngineConfig> {
  if (!rate || rate <= 1) return {};
  const fit = (defaultMs: number, programMs: number, floorMs: number) => Math.max(floorMs, Math.min(defaultMs, Math.floor(programMs / rate)));
  const dispatchEveryMs = fit(MINUTE, 15 * MINUTE, 250);
  return {
    // Four plans per horizon: a plan that fails or is late still leaves the next one in time.
    planEveryMs: fit(30 * MINUTE, (48 * HOUR) / 4, 1_000),
    dispatchEveryMs,
    // The horizon covers four dispatch rounds of program time, as 15 min covers a 1 min cadence.
    dispatchHorizonMs: Math.max(15 * MINUTE, 4 * dispatchEveryMs * rate),
    reconcileEveryMs: fit(5 * MINUTE, 5 * MINUTE, 1_000),
    // A killed worker's claims and locks come back within seconds, not minutes (which would be
    // weeks of program time). Still far longer than a call to a local fake platform takes.
    leaseMs: 20_000,
    lockDurationMs: 15_000,
    stalledIntervalMs: 5_000,
  };
}
