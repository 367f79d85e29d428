// npm run bench:nudges — plans and delivers a week of nudges for 10,000 and 100,000 trainees
// through the real engine (Postgres, BullMQ on Redis, the @slack/web-api client) against a fake
// Slack Web API in another process on loopback. See BENCHMARKS.md for what each figure means.
//
//   BENCH_SIZES=10000,100000   participants per run
//   BENCH_REPLAY_SECONDS=60    real seconds a full week is replayed in (rate limits off)
//   BENCH_SLICE_HOURS          program hours replayed (default: 168 for ≤ 10k, 24 beyond)
//   BENCH_LIMITED_SECONDS=20   real seconds of the real-time, rate-limited slice
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createServices, type Services } from '../src/app/services.js';
import { loadEnv } from '../src/config/env.js';
import { dropDatabase } from '../src/db/database.js';
import { engineConfig, type EngineClock, type EngineConfig } from '../src/jobs/config.js';
import { createNudgeEngine, type NudgeEngine } from '../src/jobs/engine.js';
import { seedParticipants } from './nudges/seed.js';
import { benchSlackRuntime } from './nudges/slack-runtime.js';
import { busiestWindow, fmt, percentile, timed, usedMemory } from './nudges/stats.js';

const HOUR = 3_600_000;
const WEEK = 168 * HOUR;
const T0 = new Date('2026-06-01T00:00:00Z');
const BASE_URL = (process.env.BENCH_DATABASE_BASE_URL ?? 'postgresql://postgres@127.0.0.1:5432').replace(/\/$/, '');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const sizes = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const replaySeconds = Number(process.env.BENCH_REPLAY_SECONDS ?? 60);
const limitedSeconds = Number(process.env.BENCH_LIMITED_SECONDS ?? 20);
const log = (line: string) => process.stderr.write(`${line}\n`);

/** Program time that can be frozen or run `rate` times faster than real time. */
class BenchClock implements EngineClock {
  rate = 1;
  private at = T0.getTime();
  private realAt = 0;
  private running = false;
  now(): Date {
    return new Date(this.running ? this.at + (Date.now() - this.realAt) * this.rate : this.at);
  }
  freeze(at: Date): void {
    this.running = false;
    this.at = at.getTime();
  }
  run(from: Date, rate: number): number {
    this.at = from.getTime();
    this.rate = rate;
    this.realAt = Date.now();
    this.running = true;
    return this.realAt;
  }
}

interface Fake {
  url: string;
  child: ChildProcess;
  stats(): Promise<{ arrivals: { key: string; channel: string; at: number }[]; opened: number }>;
  reset(): Promise<void>;
}

async function startFakeSlack(): Promise<Fake> {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./nudges/fake-slack.ts', import.meta.url).pathname], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  const base = `http://127.0.0.1:${chunk.toString().trim()}`;
  return {
    url: `${base}/api/`,
    child,
    stats: async () => (await fetch(`${base}/stats`)).json() as ReturnType<Fake['stats']>,
    reset: async () => void (await fetch(`${base}/reset`, { method: 'POST' })),
  };
}

interface Ctx {
  n: number;
  services: Services;
  clock: BenchClock;
  redis: Redis;
  prefix: string;
  fake: Fake;
  engines: NudgeEngine[];
}

function engine(ctx: Ctx, config: Partial<EngineConfig>): NudgeEngine {
  const e = createNudgeEngine({
    prisma: ctx.services.prisma,
    cipher: ctx.services.cipher,
    clock: ctx.clock,
    logger: ctx.services.logger,
    redis: ctx.redis,
    platforms: [benchSlackRuntime(ctx.fake.url)],
    config: engineConfig({ prefix: ctx.prefix, schedule: false, planLookbackMs: 0, planHorizonMs: WEEK, concurrency: 32, ...config }),
  });
  ctx.engines.push(e);
  return e;
}

async function flushPrefix(ctx: Ctx): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await ctx.redis.scan(cursor, 'MATCH', `${ctx.prefix}*`, 'COUNT', 5000);
    if (keys.length) await ctx.redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

const openRowsDue = (ctx: Ctx, upTo: Date) =>
  ctx.services.prisma.plannedNudge.count({ where: { status: { in: ['planned', 'queued', 'claimed'] }, dueAt: { lte: upTo } } });

async function waitDone(ctx: Ctx, until: Date, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = ctx.clock.now();
    if (now >= until && (await openRowsDue(ctx, until)) === 0) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Plan a week, then dispatch it all to Redis to weigh a job. */
async function planAndWeigh(ctx: Ctx) {
  ctx.clock.freeze(T0);
  const e = engine(ctx, { dispatchHorizonMs: WEEK });
  const plan = await timed(() => e.plan());
  const replan = await timed(() => e.plan());
  const before = await usedMemory(ctx.redis);
  const dispatch = await timed(() => e.dispatch());
  const after = await usedMemory(ctx.redis);
  await e.close();
  const due = (await ctx.services.prisma.plannedNudge.findMany({ select: { dueAt: true } })).map((r) => r.dueAt.getTime()).sort((a, b) => a - b);
  const peak15 = busiestWindow(due, 15 * 60_000);
  const bytesPerJob = (after - before) / Math.max(1, dispatch.value);
  await flushPrefix(ctx);
  await ctx.services.prisma.plannedNudge.updateMany({ data: { status: 'planned' } });
  return { rows: plan.value.occurrences, planMs: plan.ms, replanMs: replan.ms, dispatchMs: dispatch.ms, jobs: dispatch.value, bytesPerJob, weekBytes: after - before, peak15, due };
}

/** Replays `hours` of the week at `rate`× real time with rate limits off; lateness in real ms. */
async function replay(ctx: Ctx, hours: number, rate: number) {
  await ctx.fake.reset();
  const realStart = ctx.clock.run(T0, rate);
  const e = engine(ctx, { rateLimits: false, dispatchHorizonMs: hours * HOUR });
  await e.start();
  const end = new Date(T0.getTime() + hours * HOUR);
  const done = await waitDone(ctx, end, (hours * HOUR) / rate + 600_000);
  const realEnd = Date.now();
  await e.close();
  ctx.clock.freeze(end);
  const { arrivals } = await ctx.fake.stats();
  const rows = await ctx.services.prisma.plannedNudge.findMany({ where: { status: 'sent', dueAt: { lt: end } }, select: { key: true, dueAt: true } });
  const dueOf = new Map(rows.map((r) => [r.key, r.dueAt.getTime()]));
  const lateness = arrivals.filter((a) => dueOf.has(a.key)).map((a) => a.at - (realStart + (dueOf.get(a.key)! - T0.getTime()) / rate)).sort((a, b) => a - b);
  const perSecond = busiestWindow(arrivals.map((a) => a.at).sort((a, b) => a - b), 1000).count;
  return { done, sent: arrivals.length, realSeconds: (realEnd - realStart) / 1000, p50: percentile(lateness, 50), p99: percentile(lateness, 99), max: lateness.at(-1) ?? NaN, perSecond };
}

/** The busiest minute of the week (Monday 09:00 somewhere), replayed in real time with Slack's limits on. */
async function limitedSlice(ctx: Ctx, due: number[]) {
  const spike = busiestWindow(due, 60_000);
  const from = new Date(spike.start - 5_000);
  const to = new Date(spike.start + 60_000);
  await ctx.services.prisma.plannedNudge.updateMany({ where: { dueAt: { gte: from, lt: to } }, data: { status: 'planned', sentAt: null, claimedAt: null, attempts: 0, lastError: null } });
  const total = await openRowsDue(ctx, to) - (await ctx.services.prisma.plannedNudge.count({ where: { status: 'planned', dueAt: { lt: from } } }));
  await flushPrefix(ctx);
  await ctx.fake.reset();
  const realStart = ctx.clock.run(from, 1);
  const e = engine(ctx, { rateLimits: true });
  await e.start();
  const done = await waitDone(ctx, to, limitedSeconds * 1000);
  const realEnd = Date.now();
  await e.close();
  const { arrivals } = await ctx.fake.stats();
  const rows = await ctx.services.prisma.plannedNudge.findMany({ where: { status: 'sent', dueAt: { gte: from, lt: to } }, select: { key: true, dueAt: true } });
  const dueOf = new Map(rows.map((r) => [r.key, r.dueAt.getTime()]));
  const mine = arrivals.filter((a) => dueOf.has(a.key));
  const lateness = mine.map((a) => a.at - (realStart + dueOf.get(a.key)! - from.getTime())).sort((a, b) => a - b);
  const byChannel = new Map<string, number[]>();
  for (const a of mine) byChannel.set(a.channel, [...(byChannel.get(a.channel) ?? []), a.at]);
  const gaps = [...byChannel.values()].flatMap((ts) => ts.sort((a, b) => a - b).slice(1).map((t, i) => t - ts[i]!));
  const times = mine.map((a) => a.at).sort((a, b) => a - b);
  const rate = times.length > 1 ? (times.length - 1) / ((times.at(-1)! - times[0]!) / 1000) : NaN;
  return {
    spikeAt: new Date(spike.start).toISOString(), total: Math.max(total, spike.count), delivered: mine.length, done, seconds: (realEnd - realStart) / 1000,
    maxPerSecond: busiestWindow(times, 1000).count, minChannelGap: gaps.length ? Math.min(...gaps) : NaN, repeatChannels: gaps.length,
    p50: percentile(lateness, 50), p99: percentile(lateness, 99), rate, drainSeconds: Math.max(total, spike.count) / rate,
  };
}

async function runSize(n: number, fake: Fake): Promise<string> {
  const databaseUrl = `${BASE_URL}/trellis_bench_nudges_${randomBytes(3).toString('hex')}`;
  const clock = new BenchClock();
  const env = loadEnv({ DATABASE_URL: databaseUrl, REDIS_URL, TRELLIS_ENCRYPTION_KEY: '07'.repeat(32), LOG_LEVEL: 'silent' });
  const services = await createServices(env, pino({ level: 'silent' }), clock);
  const ctx: Ctx = { n, services, clock, redis: new Redis(REDIS_URL, { maxRetriesPerRequest: null }), prefix: `{bench-nudges-${randomBytes(3).toString('hex')}}`, fake, engines: [] };
  try {
    log(`[${n}] seeding`);
    const seed = await timed(() => seedParticipants(services.prisma, n, T0.toISOString().slice(0, 10)));
    log(`[${n}] planning a week`);
    const w = await planAndWeigh(ctx);
    const hours = Number(process.env.BENCH_SLICE_HOURS ?? (n <= 10_000 ? 168 : 24));
    const rate = (hours * HOUR) / (replaySeconds * 1000) * (n <= 10_000 ? 1 : 10_000 / n) * (168 / hours) ** 0;
    log(`[${n}] replaying ${hours} h at ${fmt(rate)}× (limits off)`);
    const r = await replay(ctx, hours, rate);
    log(`[${n}] real-time slice with rate limits on`);
    const l = await limitedSlice(ctx, w.due);
    return report(n, seed.ms, w, hours, rate, r, l);
  } finally {
    await Promise.allSettled(ctx.engines.map((e) => e.close()));
    await flushPrefix(ctx);
    await ctx.redis.quit();
    await services.close();
    await dropDatabase(databaseUrl);
  }
}

function report(n: number, seedMs: number, w: Awaited<ReturnType<typeof planAndWeigh>>, hours: number, rate: number, r: Awaited<ReturnType<typeof replay>>, l: Awaited<ReturnType<typeof limitedSlice>>): string {
  const perParticipantPeak = (w.peak15.count * w.bytesPerJob) / n;
  return [
    `#### ${fmt(n)} participants`,
    '',
    '| measure | value |',
    '|---|---|',
    `| seed (SQL) | ${fmt(seedMs / 1000, 1)} s |`,
    `| plan a week: occurrences | ${fmt(w.rows)} (${fmt(w.rows / n, 2)} per participant) |`,
    `| plan a week: time | ${fmt(w.planMs / 1000, 1)} s (${fmt(w.rows / (w.planMs / 1000))} rows/s); re-plan, all present: ${fmt(w.replanMs / 1000, 1)} s |`,
    `| dispatch the week to Redis | ${fmt(w.dispatchMs / 1000, 1)} s (${fmt(w.jobs / (w.dispatchMs / 1000))} jobs/s) |`,
    `| Redis per delayed job | ${fmt(w.bytesPerJob)} B (whole week in Redis: ${fmt(w.weekBytes / n)} B per participant — not how production runs) |`,
    `| Redis per participant, production (15 min horizon) | busiest 15 min holds ${fmt(w.peak15.count)} jobs → ${fmt(perParticipantPeak, 1)} B per participant |`,
    `| limits off: replayed | ${hours} program h at ${fmt(rate)}× in ${fmt(r.realSeconds, 1)} s real${r.done ? '' : ' (timed out)'} |`,
    `| limits off: delivered | ${fmt(r.sent)} messages, peak ${fmt(r.perSecond)}/s |`,
    `| limits off: lateness after due (real ms) | p50 ${fmt(r.p50)} · p99 ${fmt(r.p99)} · max ${fmt(r.max)} |`,
    `| limits on: busiest minute (${l.spikeAt}) | ${fmt(l.total)} due; ${fmt(l.delivered)} delivered in ${fmt(l.seconds, 1)} s${l.done ? '' : ' (slice ended first)'} |`,
    `| limits on: rate held | max ${fmt(l.maxPerSecond)} msgs in any 1 s (limit 50); min gap between 2 messages to one channel ${fmt(l.minChannelGap)} ms over ${fmt(l.repeatChannels)} repeats (limit 1/s) |`,
    `| limits on: lateness after due | p50 ${fmt(l.p50 / 1000, 1)} s · p99 ${fmt(l.p99 / 1000, 1)} s; at ${fmt(l.rate, 1)}/s the spike drains in ≈ ${fmt(l.drainSeconds)} s |`,
    '',
  ].join('\n');
}

const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, node ${process.version}`;
log(`bench:nudges on ${machine}`);
const fake = await startFakeSlack();
try {
  const sections: string[] = [];
  for (const n of sizes) sections.push(await runSize(n, fake));
  process.stdout.write(`${sections.join('\n')}\n`);
} finally {
  fake.child.kill();
}
process.exit(0);
