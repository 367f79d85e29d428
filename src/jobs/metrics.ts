// What the nudge engine tells the operators' metrics, as a port: src/metrics implements it with
// prom-client and the processes inject it. Nothing here knows Prometheus, and every value that
// crosses this port comes from a closed set (outcomes, reasons, kinds, platforms): no person,
// workspace or text ever becomes a label.
import type { PlatformName } from './config.js';

/**
 * How one delivery attempt ended: sent; skipped (will never apply again); held (paused); deferred
 * (moved on: to the end of quiet hours, an absence or a program holiday); failed for good; or
 * retried (a transient failure given back to BullMQ's backoff).
 */
export const DELIVERY_OUTCOMES = ['sent', 'skipped', 'held', 'deferred', 'failed', 'retried'] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

/** A 429 from the platform, or a send our own limiter made wait (channel, workspace or platform rule full). */
export const RATE_LIMIT_REASONS = ['platform_429', 'limiter_wait'] as const;
export type RateLimitReason = (typeof RATE_LIMIT_REASONS)[number];

export interface JobMetrics {
  /**
   * A delivery's outcome was decided; a `sent` one also records how late it went (`at` − its due
   * time). `kind` is the row's (one of NUDGE_KINDS; the implementation counts anything else as
   * "other"); platform "none" when nobody could be reached (the dispatcher fails such a row).
   */
  delivery(outcome: DeliveryOutcome, platform: PlatformName | 'none', nudge: { kind: string; dueAt: Date }, at: Date): void;
  rateLimited(platform: PlatformName, reason: RateLimitReason): void;
}

/** For engines nobody scrapes (the console, tests, the web process's outbox relay). */
export const NO_METRICS: JobMetrics = { delivery: () => undefined, rateLimited: () => undefined };

/** One delivery queue's (or the maintenance queue's) jobs, by state, at one moment. */
export interface QueueDepth {
  queue: string;
  shard: number;
  waiting: number;
  delayed: number;
  active: number;
}

/** What the engine can be asked on each scrape: plain numbers, read from Redis and Postgres. */
export interface EngineGauges {
  queueDepths(): Promise<QueueDepth[]>;
  /**
   * How far the planned horizon is behind where it should be (now + the plan horizon), in ms;
   * null when no plan was ever recorded on this Redis.
   */
  plannerLagMs(): Promise<number | null>;
  /**
   * Outbox rows due and not yet sent (one moved to the end of someone's quiet hours is not due
   * until then), and how long the oldest has waited (0: none).
   */
  outboxBacklog(): Promise<{ pending: number; oldestWaitMs: number }>;
}
