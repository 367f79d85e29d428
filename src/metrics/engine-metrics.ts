// The nudge engine's metrics with prom-client (a worker's; the web process's outbox relay counts
// its own failures with them too): counters and the lateness histogram are fed through the
// engine's JobMetrics port as deliveries happen; the gauges are read from the engine (queues,
// planned horizon, outbox) each time Prometheus scrapes, so they are never stale and cost nothing
// between scrapes. Series names and labels are described in README "Running workers at scale".
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Logger } from '../app/logger.js';
import type { PlatformName } from '../jobs/config.js';
import { DELIVERY_OUTCOMES, RATE_LIMIT_REASONS, type EngineGauges, type JobMetrics } from '../jobs/metrics.js';
import { closed, QUEUE_STATES } from './labels.js';
import { sampled, shared } from './sampled.js';

/**
 * Lateness buckets, in seconds: on time is under a second or two (timer rounding, the batch
 * claim); a busy minute at Slack's pace is tens of seconds; the alert looks at 5 minutes; hours
 * mean a worker or Redis was away, a day means a planner outage.
 */
export const LATENESS_BUCKETS = [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 4 * 3600, 24 * 3600];

export interface EngineMetrics {
  /** Injected into the nudge engine (src/jobs never imports prom-client). */
  jobs: JobMetrics;
  /** Registers the gauges that read the engine on each scrape. */
  observe(gauges: EngineGauges): void;
}

export function createEngineMetrics(registry: Registry, platforms: PlatformName[], logger: Pick<Logger, 'warn'>): EngineMetrics {
  const lateness = new Histogram({
    name: 'trellis_nudge_lateness_seconds',
    help: 'How late each nudge or outbox message went out: the time the platform accepted it minus its due time',
    labelNames: ['kind', 'platform'],
    buckets: LATENESS_BUCKETS,
    registers: [registry],
  });
  const deliveries = new Counter({
    name: 'trellis_deliveries_total',
    help: 'Delivery outcomes: sent, skipped (no longer applies), held (paused), deferred (moved to the end of quiet hours, an absence or a holiday), failed for good, retried',
    labelNames: ['platform', 'outcome'],
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: 'trellis_rate_limited_total',
    help: 'Sends that had to wait: the platform answered 429 (platform_429), or our own limiter said wait (limiter_wait)',
    labelNames: ['platform', 'reason'],
    registers: [registry],
  });
  // Every series this process can produce starts at 0, so rate() and increase() see the first event.
  for (const platform of platforms) {
    for (const outcome of DELIVERY_OUTCOMES) deliveries.inc({ platform, outcome }, 0);
    for (const reason of RATE_LIMIT_REASONS) rateLimited.inc({ platform, reason }, 0);
  }

  const jobs: JobMetrics = {
    delivery(outcome, platform, nudge, at) {
      const p = closed('platform', platform);
      deliveries.inc({ platform: p, outcome });
      // A send may leave up to a second early (timer rounding): that counts as on time.
      if (outcome === 'sent') lateness.observe({ kind: closed('kind', nudge.kind), platform: p }, Math.max(0, (at.getTime() - nudge.dueAt.getTime()) / 1000));
    },
    rateLimited(platform, reason) {
      rateLimited.inc({ platform: closed('platform', platform), reason });
    },
  };

  // A gauge whose source could not be read this scrape says NaN ("unknown"), never a made-up 0:
  // a comparison with NaN is false, and trellis_dependency_up says what is away.
  function observe(gauges: EngineGauges): void {
    new Gauge({
      name: 'trellis_queue_jobs',
      help: 'Jobs in each BullMQ queue by state (waiting, delayed, active), per shard; a delivery job is one message, or a batch of those due in the same second (up to 100); read on each scrape. Every worker reports the same queues: aggregate with max, not sum',
      labelNames: ['queue', 'shard', 'state'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const depth of (await sampled('queue depths', gauges.queueDepths, logger)) ?? []) {
          for (const state of QUEUE_STATES) this.set({ queue: closed('queue', depth.queue), shard: String(depth.shard), state }, depth[state]);
        }
      },
    });
    new Gauge({
      name: 'trellis_planner_lag_seconds',
      help: 'How far the planned horizon is behind where it should be (now + the plan horizon); climbs to the planning cadence (30 min) between plans',
      registers: [registry],
      async collect() {
        const lag = await sampled('planner lag', gauges.plannerLagMs, logger);
        this.set(lag === undefined || lag === null ? NaN : lag / 1000);
      },
    });
    // One query feeds both outbox gauges: prom-client collects every metric at once, so the
    // second gauge joins the read the first one started.
    const backlog = shared(() => sampled('outbox backlog', gauges.outboxBacklog, logger));
    new Gauge({
      name: 'trellis_outbox_pending',
      help: 'Outbox rows (messages a command owed someone) due and not sent yet; one moved to the end of quiet hours is not due until then',
      registers: [registry],
      async collect() {
        const found = await backlog();
        this.set(found ? found.pending : NaN);
      },
    });
    new Gauge({
      name: 'trellis_outbox_oldest_seconds',
      help: 'How long the oldest outbox row that is due and not sent has waited (0 when none)',
      registers: [registry],
      async collect() {
        const found = await backlog();
        this.set(found ? found.oldestWaitMs / 1000 : NaN);
      },
    });
  }

  return { jobs, observe };
}
