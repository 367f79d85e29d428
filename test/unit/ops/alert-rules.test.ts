// The alert rules (ops/prometheus/alerts.yml) are code: promtool checks them and runs their own
// unit tests (alerts.test.yml, each alert firing on made-up series), and this file checks that
// every metric and label value they name is one the web or worker process really exports — a
// renamed series would otherwise leave an alert silently never firing.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { createMetrics } from '../../../src/http/metrics.js';
import type { EngineGauges } from '../../../src/jobs/metrics.js';
import { registerDependencyGauge } from '../../../src/metrics/dependencies.js';
import { LABEL_VALUES } from '../../../src/metrics/labels.js';
import { createEngineMetrics } from '../../../src/metrics/engine-metrics.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const RULES = 'ops/prometheus/alerts.yml';
const RULE_TESTS = 'ops/prometheus/alerts.test.yml';

const ZRule = z.strictObject({
  alert: z.string().regex(/^Trellis[A-Za-z]+$/),
  expr: z.string().min(1),
  for: z.string().regex(/^\d+[smh]$/),
  labels: z.strictObject({ severity: z.enum(['page', 'ticket']) }),
  annotations: z.strictObject({ summary: z.string().min(10), description: z.string().min(10) }),
});
const ZRules = z.strictObject({ groups: z.array(z.strictObject({ name: z.string(), rules: z.array(ZRule).min(1) })).min(1) });
const rules = ZRules.parse(parse(readFileSync(`${ROOT}${RULES}`, 'utf8'))).groups.flatMap((g) => g.rules);

/** Name → label names of every series the web and worker processes export, plus Prometheus' own `up`. */
function exported(): Map<string, string[]> {
  const stub: EngineGauges = { queueDepths: async () => [], plannerLagMs: async () => 0, outboxBacklog: async () => ({ pending: 0, oldestWaitMs: 0 }) };
  const health = async () => ({ ok: true, postgres: { ok: true }, redis: { ok: true } });
  const worker = new Registry();
  collectDefaultMetrics({ register: worker });
  createEngineMetrics(worker, ['slack', 'discord'], { warn: () => undefined }).observe(stub);
  registerDependencyGauge(worker, health);
  const web = createMetrics();
  registerDependencyGauge(web.registry, health);
  const scrape = ['job', 'instance'];
  const series = new Map<string, string[]>([['up', scrape]]);
  for (const metric of [...worker.getMetricsAsArray(), ...web.registry.getMetricsAsArray()]) {
    const { name, labelNames = [], type } = metric as unknown as { name: string; labelNames?: string[]; type: string };
    const labels = [...labelNames, ...scrape];
    if (type === 'histogram') {
      series.set(`${name}_bucket`, [...labels, 'le']);
      series.set(`${name}_sum`, labels);
      series.set(`${name}_count`, labels);
    } else series.set(name, labels);
  }
  return series;
}

/** What in a rule's expression names a series, label or label value the processes never export. */
function problemsOf(rule: z.infer<typeof ZRule>, series: Map<string, string[]>): string[] {
  const found: string[] = [];
  const named = [...rule.expr.matchAll(/\b(trellis_\w+|up)\b(?=\s*[{[)\s]|$)/g)].map((m) => m[1]!);
  for (const name of named) if (!series.has(name)) found.push(`${rule.alert}: no series ${name}`);
  for (const [, name, matchers] of rule.expr.matchAll(/\b(trellis_\w+|up)\{([^}]*)\}/g)) {
    for (const [, label, op, value] of matchers!.matchAll(/(\w+)\s*(=~|!~|!=|=)\s*"([^"]*)"/g)) {
      if (!series.get(name!)?.includes(label!)) found.push(`${rule.alert}: ${name} has no label ${label}`);
      const allowed = LABEL_VALUES[label!];
      const values = op === '=~' || op === '!~' ? value!.split('|') : [value!];
      if (allowed) for (const v of values) if (!allowed.includes(v)) found.push(`${rule.alert}: ${label}="${v}" is never exported`);
    }
  }
  for (const [, labels] of rule.expr.matchAll(/\bby \(([^)]*)\)/g)) {
    for (const label of labels!.split(',').map((l) => l.trim())) {
      if (!named.some((n) => series.get(n)?.includes(label))) found.push(`${rule.alert}: no series it names has label ${label}`);
    }
  }
  return found;
}

/** promtool must run: a check that cannot validate fails rather than passing quietly. */
function promtool(args: string[]) {
  const run = spawnSync('promtool', args, { cwd: ROOT, encoding: 'utf8' });
  if (run.error) throw new Error(`promtool could not run (${run.error.message}): install Debian's prometheus package (apt-get install --no-install-recommends prometheus); .ci/run does when it is missing`);
  return run;
}

describe('alert rules (ops/prometheus/alerts.yml)', () => {
  it('pass `promtool check rules`', () => {
    const run = promtool(['check', 'rules', RULES]);
    expect(run.stdout + run.stderr).toContain('SUCCESS');
    expect(run.status).toBe(0);
  });

  it('fire as their own tests say (`promtool test rules`): each alert on a fleet in trouble, none on a healthy one', () => {
    const run = promtool(['test', 'rules', RULE_TESTS]);
    expect(run.stdout + run.stderr).toContain('SUCCESS');
    expect(run.status).toBe(0);
  });

  it('cover what the operators need: late nudges, failing deliveries, queues, planner, outbox, Redis and Postgres', () => {
    const names = rules.map((r) => r.alert);
    expect(names).toEqual(expect.arrayContaining(['TrellisNudgesLate', 'TrellisDeliveriesFailing', 'TrellisQueueBackingUp', 'TrellisPlannerBehind', 'TrellisOutboxNotDraining', 'TrellisRedisUnreachable', 'TrellisPostgresUnreachable']));
    expect(new Set(names).size).toBe(names.length);
    const late = rules.find((r) => r.alert === 'TrellisNudgesLate')!;
    expect(late.expr).toMatch(/histogram_quantile\(0\.99,.*trellis_nudge_lateness_seconds_bucket.*\)\s*>\s*300\b/s);
    expect(late.for).toBe('10m');
  });

  it('are each shown firing in alerts.test.yml', () => {
    const tested = new Set([...readFileSync(`${ROOT}${RULE_TESTS}`, 'utf8').matchAll(/alertname: (\w+)\n\s+exp_alerts:\n\s+- exp_labels/g)].map((m) => m[1]));
    expect(rules.map((r) => r.alert).filter((a) => !tested.has(a))).toEqual([]);
  });

  it('name only series the processes export, with their labels and known label values', () => {
    const series = exported();
    expect(rules.flatMap((rule) => problemsOf(rule, series))).toEqual([]);
    // The check itself catches a wrong name, a wrong label and a value never exported.
    const wrong = { ...rules[0]!, alert: 'TrellisWrong', expr: 'sum by (team) (rate(trellis_deliveries_total{outcome="lost"}[5m])) > 0 and trellis_delivery_lag > 0' };
    expect(problemsOf(wrong, series)).toEqual(['TrellisWrong: no series trellis_delivery_lag', 'TrellisWrong: outcome="lost" is never exported', 'TrellisWrong: no series it names has label team']);
  });
});
