import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { DELIVERY_OUTCOMES, RATE_LIMIT_REASONS, type EngineGauges } from '../../../src/jobs/metrics.js';
import { registerDependencyGauge } from '../../../src/metrics/dependencies.js';
import { LABEL_VALUES } from '../../../src/metrics/labels.js';
import { createEngineMetrics } from '../../../src/metrics/engine-metrics.js';
import { labelsOutsideSets, parseMetrics, sumOf, valueOf } from '../../support/prometheus-text.js';

const quiet = { warn: () => undefined };
const DUE = new Date('2026-03-05T09:00:00Z');
const at = (seconds: number) => new Date(DUE.getTime() + seconds * 1000);

const gauges = (over: Partial<EngineGauges> = {}): EngineGauges => ({
  queueDepths: async () => [
    { queue: 'deliver-slack', shard: 0, waiting: 3, delayed: 40, active: 2 },
    { queue: 'deliver-slack', shard: 1, waiting: 0, delayed: 7, active: 0 },
    { queue: 'nudge-maintenance', shard: 0, waiting: 0, delayed: 4, active: 1 },
  ],
  plannerLagMs: async () => 90_000,
  outboxBacklog: async () => ({ pending: 5, oldestWaitMs: 12_000 }),
  ...over,
});

async function scrape(registry: Registry) {
  return parseMetrics(await registry.metrics());
}

describe("the nudge engine's metrics", () => {
  it('counts each outcome by platform, and records the lateness of what was sent by kind and platform', async () => {
    const registry = new Registry();
    const { jobs } = createEngineMetrics(registry, ['slack', 'discord'], quiet);
    jobs.delivery('sent', 'slack', { kind: 'reflection', dueAt: DUE }, at(400));
    jobs.delivery('sent', 'slack', { kind: 'reflection', dueAt: DUE }, at(3));
    jobs.delivery('sent', 'discord', { kind: 'outbound', dueAt: DUE }, at(-0.5));
    jobs.delivery('held', 'slack', { kind: 'supervision', dueAt: DUE }, at(1));
    jobs.delivery('failed', 'none', { kind: 'cohort', dueAt: DUE }, at(1));
    jobs.rateLimited('discord', 'platform_429');
    const samples = await scrape(registry);

    expect(valueOf(samples, 'trellis_deliveries_total', { platform: 'slack', outcome: 'sent' })).toBe(2);
    expect(valueOf(samples, 'trellis_deliveries_total', { platform: 'slack', outcome: 'held' })).toBe(1);
    expect(valueOf(samples, 'trellis_deliveries_total', { platform: 'none', outcome: 'failed' })).toBe(1);
    expect(valueOf(samples, 'trellis_deliveries_total', { platform: 'discord', outcome: 'failed' })).toBe(0);
    expect(valueOf(samples, 'trellis_rate_limited_total', { platform: 'discord', reason: 'platform_429' })).toBe(1);
    // Only sends are timed: 400 s and 3 s late on Slack; half a second early counts as on time.
    expect(valueOf(samples, 'trellis_nudge_lateness_seconds_count', { kind: 'reflection', platform: 'slack' })).toBe(2);
    expect(valueOf(samples, 'trellis_nudge_lateness_seconds_sum', { kind: 'reflection', platform: 'slack' })).toBe(403);
    expect(valueOf(samples, 'trellis_nudge_lateness_seconds_bucket', { kind: 'reflection', platform: 'slack', le: '300' })).toBe(1);
    expect(valueOf(samples, 'trellis_nudge_lateness_seconds_bucket', { kind: 'reflection', platform: 'slack', le: '600' })).toBe(2);
    expect(valueOf(samples, 'trellis_nudge_lateness_seconds_sum', { kind: 'outbound', platform: 'discord' })).toBe(0);
    expect(sumOf(samples, 'trellis_nudge_lateness_seconds_count', { kind: 'supervision' })).toBe(0);
  });

  it('starts every outcome and rate-limit reason of its platforms at 0, so the first event shows in rate()', async () => {
    const registry = new Registry();
    createEngineMetrics(registry, ['slack'], quiet);
    const samples = await scrape(registry);
    for (const outcome of DELIVERY_OUTCOMES) expect(valueOf(samples, 'trellis_deliveries_total', { platform: 'slack', outcome })).toBe(0);
    for (const reason of RATE_LIMIT_REASONS) expect(valueOf(samples, 'trellis_rate_limited_total', { platform: 'slack', reason })).toBe(0);
  });

  it('reads the queues, the planned horizon and the outbox on each scrape', async () => {
    const registry = new Registry();
    const metrics = createEngineMetrics(registry, ['slack'], quiet);
    let pending = 5;
    metrics.observe(gauges({ outboxBacklog: async () => ({ pending, oldestWaitMs: 12_000 }) }));
    let samples = await scrape(registry);
    expect(valueOf(samples, 'trellis_queue_jobs', { queue: 'deliver-slack', shard: '0', state: 'waiting' })).toBe(3);
    expect(valueOf(samples, 'trellis_queue_jobs', { queue: 'deliver-slack', shard: '0', state: 'delayed' })).toBe(40);
    expect(valueOf(samples, 'trellis_queue_jobs', { queue: 'deliver-slack', shard: '1', state: 'delayed' })).toBe(7);
    expect(valueOf(samples, 'trellis_queue_jobs', { queue: 'nudge-maintenance', shard: '0', state: 'active' })).toBe(1);
    expect(valueOf(samples, 'trellis_planner_lag_seconds')).toBe(90);
    expect(valueOf(samples, 'trellis_outbox_pending')).toBe(5);
    expect(valueOf(samples, 'trellis_outbox_oldest_seconds')).toBe(12);
    pending = 0;
    samples = await scrape(registry);
    expect(valueOf(samples, 'trellis_outbox_pending')).toBe(0);
  });

  it('still answers when a source fails or knows nothing: that gauge says unknown (NaN), never a made-up 0', async () => {
    const registry = new Registry();
    const warnings: unknown[] = [];
    const metrics = createEngineMetrics(registry, ['slack'], { warn: (o: unknown) => void warnings.push(o) });
    metrics.observe(gauges({ queueDepths: () => Promise.reject(new Error('Connection is closed.')), plannerLagMs: async () => null, outboxBacklog: () => Promise.reject(new Error('database away')) }));
    const samples = await scrape(registry);
    expect(samples.filter((s) => s.name === 'trellis_queue_jobs')).toEqual([]);
    // Unknown (no plan ever recorded, the database away) is NaN, never a made-up 0.
    expect(valueOf(samples, 'trellis_planner_lag_seconds')).toBeNaN();
    expect(valueOf(samples, 'trellis_outbox_pending')).toBeNaN();
    expect(valueOf(samples, 'trellis_outbox_oldest_seconds')).toBeNaN();
    expect(warnings.map((w) => (w as { gauge: string }).gauge).sort()).toEqual(['outbox backlog', 'queue depths']);
  });

  it('reports each dependency as up or down from the health probe', async () => {
    const registry = new Registry();
    registerDependencyGauge(registry, async () => ({ ok: false, postgres: { ok: true }, redis: { ok: false, error: 'timed out after 2s' } }));
    const samples = await scrape(registry);
    expect(valueOf(samples, 'trellis_dependency_up', { dependency: 'postgres' })).toBe(1);
    expect(valueOf(samples, 'trellis_dependency_up', { dependency: 'redis' })).toBe(0);
  });

  it('never lets a person, a workspace or text into a label: every label value comes from a closed set', async () => {
    const registry = new Registry();
    const metrics = createEngineMetrics(registry, ['slack', 'discord', 'console'], quiet);
    metrics.observe(gauges({ queueDepths: async () => [{ queue: 'deliver-slack', shard: 3, waiting: 1, delayed: 0, active: 0 }, { queue: 'Alice Smith', shard: 0, waiting: 1, delayed: 0, active: 0 }] }));
    registerDependencyGauge(registry, async () => ({ ok: true, postgres: { ok: true }, redis: { ok: true } }));
    for (const outcome of DELIVERY_OUTCOMES) metrics.jobs.delivery(outcome, 'slack', { kind: 'reflection', dueAt: DUE }, at(2));
    // Whatever a row's kind says, and whatever platform name arrives, only known values become labels.
    metrics.jobs.delivery('sent', 'slack', { kind: 'note from Alice Smith', dueAt: DUE }, at(2));
    metrics.jobs.delivery('sent', 'T0WORKSPACE' as 'slack', { kind: 'outbound', dueAt: DUE }, at(2));
    for (const reason of RATE_LIMIT_REASONS) metrics.jobs.rateLimited('discord', reason);
    const samples = await scrape(registry);

    expect(labelsOutsideSets(samples, LABEL_VALUES)).toEqual([]);
    expect(valueOf(samples, 'trellis_nudge_lateness_seconds_count', { kind: 'other', platform: 'slack' })).toBe(1);
    expect(valueOf(samples, 'trellis_nudge_lateness_seconds_count', { kind: 'outbound', platform: 'other' })).toBe(1);
    expect(valueOf(samples, 'trellis_queue_jobs', { queue: 'other', shard: '0', state: 'waiting' })).toBe(1);
    // The check itself catches a label value outside its set.
    expect(labelsOutsideSets(parseMetrics('trellis_deliveries_total{platform="slack",outcome="Alice"} 1\n'), LABEL_VALUES)).toEqual(['trellis_deliveries_total{outcome="Alice"}']);
  });
});
