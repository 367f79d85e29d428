// A real worker process (`npm run worker`: src/processes/worker.ts) started with METRICS_PORT,
// delivering through a fake Slack Web API on loopback: as this test sends, fails, retries, holds,
// skips and defers messages, each trellis_* series on GET /metrics moves the way an operator would
// read it, and every label value stays inside its closed set.
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createServices, type Services } from '../../../src/app/services.js';
import { loadEnv } from '../../../src/config/env.js';
import { message } from '../../../src/core/messages/model.js';
import { findTemplate } from '../../../src/core/programs/load-templates.js';
import { engineConfig } from '../../../src/jobs/config.js';
import { createNudgeEngine, type NudgeEngine } from '../../../src/jobs/engine.js';
import { isFinished } from '../../../src/jobs/ports.js';
import { LABEL_VALUES } from '../../../src/metrics/labels.js';
import type { PlatformRuntime } from '../../../src/platform/contract.js';
import { uniqueName } from '../../support/db.js';
import { labelsOutsideSets, parseMetrics, sumOf, valueOf, type Sample } from '../../support/prometheus-text.js';
import { deleteRedisPrefix } from '../../support/redis-prefix.js';
import { FakeSlackApi } from '../slack/support/fake-slack-api.js';
import { cleanEnv, finish, freePort, start, TEST_KEY, throwawayDatabase, type Running } from './spawn.js';

const TEAM = `T${randomUUID().slice(0, 8).toUpperCase()}`;
const prefix = `{${uniqueName('wmetrics')}}`;
const db = throwawayDatabase('wmetrics');
const api = new FakeSlackApi();
const slackRuntime: PlatformRuntime = { platform: 'slack', send: async () => undefined, stop: async () => undefined };

let worker: Running;
let metricsUrl = '';
let services: Services;
let redis: Redis;
/** This test's side of the fleet: it writes rows and puts them on the queues, as the web process and the planner would. */
let engine: NudgeEngine;
let workspaceId = '';
/** Ids of everyone made here (person ids and Slack user ids), none of which may appear in a label. */
const ids: string[] = [];

async function scrape(): Promise<Sample[]> {
  const res = await fetch(metricsUrl);
  expect(res.status).toBe(200);
  return parseMetrics(await res.text());
}

const delivered = (s: Sample[], outcome: string) => valueOf(s, 'trellis_deliveries_total', { platform: 'slack', outcome }) ?? 0;
const limited = (s: Sample[], reason: string) => valueOf(s, 'trellis_rate_limited_total', { platform: 'slack', reason }) ?? 0;
const queued = (s: Sample[], queue: string, state: string) => valueOf(s, 'trellis_queue_jobs', { queue, shard: '0', state });

async function until<T>(what: string, check: () => Promise<T | undefined | false>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await check();
    if (found) return found;
    if (worker.child.exitCode !== null) throw new Error(`the worker exited: ${worker.stderr()}`);
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms; worker said: ${worker.stderr().slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until the row is finished (sent, skipped, failed, cancelled) and returns its status. */
const finished = (key: string) =>
  until(`${key} finished`, async () => {
    const row = await services.prisma.plannedNudge.findUnique({ where: { key }, select: { status: true } });
    return row && isFinished(row.status) ? row.status : undefined;
  });

async function person(name: string, extra: { quietStartMinute?: number; quietEndMinute?: number } = {}) {
  const row = await services.prisma.person.create({ data: { displayName: name, timeZone: 'UTC', nudgeMinute: 9 * 60, ...extra } });
  const userId = `U${name.toUpperCase()}${TEAM.slice(1, 5)}`;
  api.users.set(userId, { id: userId, name, tz: 'UTC' });
  await services.prisma.identity.create({ data: { personId: row.id, workspaceId, externalUserId: userId, handle: name } });
  ids.push(row.id, userId);
  return row;
}

/** What a command owes someone: an outbox row (routed as it is written). Not on a queue yet. */
async function owe(personId: string, text: string): Promise<string> {
  const [key] = await services.store.transaction((store) => store.outbox.write([{ to: { kind: 'person', personId }, message: message(text) }], { at: new Date() }));
  return key!;
}

async function enrollment(personId: string, status: 'active' | 'paused' | 'completed', startDate: string) {
  const template = findTemplate('certification-40-week')!;
  const program = await services.prisma.program.create({
    data: { workspaceId, slug: `p-${randomUUID().slice(0, 6)}`, name: template.name, templateId: template.id, templateVersion: template.version, template: JSON.parse(JSON.stringify(template)) },
  });
  return services.prisma.enrollment.create({ data: { programId: program.id, personId, role: 'mentee', status, startDate, commitmentConfirmedAt: new Date('2026-01-01T00:00:00Z') } });
}

/** A week-1 reflection prompt row, as the planner writes one, due at `dueAt`. */
async function reflectionRow(personId: string, enrollmentId: string, dueAt: Date): Promise<string> {
  const key = `reflection:${enrollmentId}:w1`;
  await services.prisma.plannedNudge.create({ data: { key, kind: 'reflection', personId, dueAt, status: 'planned', refs: { workspaceId, enrollmentId, week: 1 } } });
  return key;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  await api.start();
  const port = await freePort();
  metricsUrl = `http://127.0.0.1:${port}/metrics`;
  worker = start(
    ['src/processes/worker.ts'],
    cleanEnv({
      DATABASE_URL: db.url,
      REDIS_URL: inject('redisUrl'),
      TRELLIS_QUEUE_PREFIX: prefix,
      METRICS_PORT: String(port),
      SLACK_BOT_TOKEN: 'xoxb-metrics-test',
      SLACK_SIGNING_SECRET: 'metrics-test-secret',
      SLACK_API_URL: api.apiUrl,
    }),
  );
  // The gauges that read the engine are there once its workers run.
  await until(
    'the worker serving its engine gauges',
    async () => {
      const res = await fetch(metricsUrl).catch(() => undefined);
      return res?.ok && (await res.text()).includes('trellis_queue_jobs{');
    },
    60_000,
  );
  services = await createServices(loadEnv({ DATABASE_URL: db.url, REDIS_URL: inject('redisUrl'), TRELLIS_ENCRYPTION_KEY: TEST_KEY, LOG_LEVEL: 'silent' }), pino({ level: 'silent' }));
  redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
  engine = createNudgeEngine({ store: services.jobStore, clock: { now: () => new Date() }, logger: services.logger, redis, platforms: [slackRuntime], config: engineConfig({ prefix, schedule: false }) });
  workspaceId = (await services.prisma.workspace.create({ data: { platform: 'slack', externalId: TEAM, name: 'Metrics test' } })).id;
}, 90_000);

afterAll(async () => {
  if (worker && worker.child.exitCode === null) {
    worker.child.kill('SIGTERM');
    await finish(worker, 20_000);
  }
  await engine?.close();
  if (redis) {
    await deleteRedisPrefix(redis, prefix);
    await redis.quit();
  }
  await services?.close();
  await api.stop();
  await db.drop();
}, 60_000);

describe('a worker started with METRICS_PORT', () => {
  it('serves its series from the start: every outcome at 0, its queues, Postgres and Redis up, the planner just run', async () => {
    const s = await scrape();
    for (const outcome of ['sent', 'skipped', 'held', 'deferred', 'failed', 'retried']) expect(delivered(s, outcome)).toBe(0);
    expect(limited(s, 'platform_429')).toBe(0);
    expect(limited(s, 'limiter_wait')).toBe(0);
    expect(queued(s, 'deliver-slack', 'waiting')).toBe(0);
    expect(queued(s, 'nudge-maintenance', 'delayed')).toEqual(expect.any(Number));
    expect(valueOf(s, 'trellis_dependency_up', { dependency: 'postgres' })).toBe(1);
    expect(valueOf(s, 'trellis_dependency_up', { dependency: 'redis' })).toBe(1);
    expect(valueOf(s, 'trellis_outbox_pending')).toBe(0);
    // Planned at start-up, moments ago.
    expect(valueOf(s, 'trellis_planner_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(valueOf(s, 'trellis_planner_lag_seconds')).toBeLessThan(120);
    // Its own /healthz answers on the same port.
    expect((await fetch(metricsUrl.replace('/metrics', '/healthz'))).status).toBe(200);
  });

  it('counts a message owed as pending until it is sent, then records it as sent and how late it went', async () => {
    const ada = await person('ada');
    const key = await owe(ada.id, 'Ezra accepted your request: you are matched.');
    let s = await scrape();
    expect(valueOf(s, 'trellis_outbox_pending')).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    s = await scrape();
    expect(valueOf(s, 'trellis_outbox_oldest_seconds')).toBeGreaterThanOrEqual(1);

    await engine.enqueue([key]);
    expect(await finished(key)).toBe('sent');
    s = await scrape();
    expect(delivered(s, 'sent')).toBe(1);
    expect(valueOf(s, 'trellis_nudge_lateness_seconds_count', { kind: 'outbound', platform: 'slack' })).toBe(1);
    // Written 1.2 s before it was put on its queue: it went at least that late.
    expect(valueOf(s, 'trellis_nudge_lateness_seconds_sum', { kind: 'outbound', platform: 'slack' })).toBeGreaterThanOrEqual(1.2);
    expect(valueOf(s, 'trellis_nudge_lateness_seconds_bucket', { kind: 'outbound', platform: 'slack', le: '0.5' })).toBe(0);
    expect(valueOf(s, 'trellis_outbox_pending')).toBe(0);
    expect(valueOf(s, 'trellis_outbox_oldest_seconds')).toBe(0);
    expect(api.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('counts a delivery the platform refuses for good as failed', async () => {
    const bo = await person('bo');
    const before = await scrape();
    api.failNext('chat.postMessage', { error: 'account_inactive' });
    const key = await owe(bo.id, 'Your mentor logged a call.');
    await engine.enqueue([key]);
    expect(await finished(key)).toBe('failed');
    const s = await scrape();
    expect(delivered(s, 'failed') - delivered(before, 'failed')).toBe(1);
    expect(delivered(s, 'sent')).toBe(delivered(before, 'sent'));
    expect(valueOf(s, 'trellis_outbox_pending')).toBe(0);
  });

  it('counts a 429 as rate limited and the retry after it, then the send', async () => {
    const cy = await person('cy');
    const before = await scrape();
    api.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const key = await owe(cy.id, 'A new referral is waiting for you.');
    await engine.enqueue([key]);
    expect(await finished(key)).toBe('sent');
    const s = await scrape();
    expect(limited(s, 'platform_429') - limited(before, 'platform_429')).toBe(1);
    expect(delivered(s, 'retried') - delivered(before, 'retried')).toBe(1);
    expect(delivered(s, 'sent') - delivered(before, 'sent')).toBe(1);
    // It waited out Slack's Retry-After (1 s): at least that late.
    const slowest = sumOf(s, 'trellis_nudge_lateness_seconds_count', { kind: 'outbound', platform: 'slack' }) - sumOf(s, 'trellis_nudge_lateness_seconds_bucket', { kind: 'outbound', platform: 'slack', le: '1' });
    expect(slowest).toBeGreaterThanOrEqual(2);
  });

  it("counts our own limiter's wait when two messages go to one person at once (Slack: one a second per DM)", async () => {
    const di = await person('di');
    const before = await scrape();
    const keys = [await owe(di.id, 'First of two.'), await owe(di.id, 'Second of two.')];
    await engine.enqueue(keys);
    expect(await Promise.all(keys.map(finished))).toEqual(['sent', 'sent']);
    const s = await scrape();
    expect(limited(s, 'limiter_wait') - limited(before, 'limiter_wait')).toBeGreaterThanOrEqual(1);
    expect(delivered(s, 'sent') - delivered(before, 'sent')).toBe(2);
  });

  it('counts a nudge to someone paused as held, and one whose enrollment ended as skipped', async () => {
    const before = await scrape();
    const ed = await person('ed');
    const paused = await enrollment(ed.id, 'paused', day(-4));
    const fi = await person('fi');
    const completed = await enrollment(fi.id, 'completed', day(-4));
    const keys = [await reflectionRow(ed.id, paused.id, new Date(Date.now() - 60_000)), await reflectionRow(fi.id, completed.id, new Date(Date.now() - 60_000))];
    await engine.dispatch();
    expect(await Promise.all(keys.map(finished))).toEqual(['cancelled', 'skipped']);
    const s = await scrape();
    expect(delivered(s, 'held') - delivered(before, 'held')).toBe(1);
    expect(delivered(s, 'skipped') - delivered(before, 'skipped')).toBe(1);
    expect(delivered(s, 'sent')).toBe(delivered(before, 'sent'));
  });

  it('counts nudges moved to the end of quiet hours as deferred; the planner lag drops when a plan runs and climbs after', async () => {
    const minute = new Date().getUTCHours() * 60 + new Date().getUTCMinutes();
    // Quiet from an hour ago until two hours from now (wrapping past midnight when it must).
    const gus = await person('gus', { quietStartMinute: (minute + 1380) % 1440, quietEndMinute: (minute + 120) % 1440 });
    await enrollment(gus.id, 'active', day(-4));
    const before = await scrape();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    // The planner (this test's side of the fleet) plans the last two days: Gus's week-1 prompt
    // was due yesterday at 09:00 and is still worth sending — once his quiet hours end.
    await engine.plan();
    const afterPlan = await scrape();
    expect(valueOf(afterPlan, 'trellis_planner_lag_seconds')).toBeLessThan(valueOf(before, 'trellis_planner_lag_seconds')!);
    const due = await services.prisma.plannedNudge.findMany({ where: { personId: gus.id, dueAt: { lte: new Date() } }, select: { key: true } });
    expect(due.length).toBeGreaterThan(0);
    await engine.dispatch();
    await until('a nudge deferred', async () => delivered(await scrape(), 'deferred') > delivered(before, 'deferred'));
    const rows = await services.prisma.plannedNudge.findMany({ where: { key: { in: due.map((d) => d.key) } }, select: { status: true, dueAt: true, lastError: true } });
    expect(rows.some((r) => r.dueAt.getTime() > Date.now() && r.status !== 'sent')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const later = await scrape();
    expect(valueOf(later, 'trellis_planner_lag_seconds')).toBeGreaterThan(valueOf(afterPlan, 'trellis_planner_lag_seconds')!);
  });

  it('shows a nudge due in ten minutes as a delayed job on its queue', async () => {
    const before = await scrape();
    const hal = await person('hal');
    const paused = await enrollment(hal.id, 'paused', day(-4));
    await reflectionRow(hal.id, paused.id, new Date(Date.now() + 10 * 60_000));
    await engine.dispatch();
    const s = await scrape();
    expect(queued(s, 'deliver-slack', 'delayed')! - queued(before, 'deliver-slack', 'delayed')!).toBe(1);
  });

  it('never carries a person, a workspace or text in a label: every label value is from its closed set', async () => {
    const s = await scrape();
    expect(s.filter((x) => x.name.startsWith('trellis_')).length).toBeGreaterThan(20);
    expect(labelsOutsideSets(s, LABEL_VALUES)).toEqual([]);
    const text = await (await fetch(metricsUrl)).text();
    expect(ids.length).toBeGreaterThan(10);
    for (const secret of [TEAM, workspaceId, ...ids, 'Ezra', 'matched', 'referral']) expect(text).not.toContain(secret);
  });
});
