// npm run bench:nudges — plans a week of nudges for 10,000 and 100,000 trainees and delivers the
// week's busiest minute through the real engine (Postgres, BullMQ on Redis, @slack/web-api's
// WebClient) in separate worker processes, against a fake Slack Web API in its own process on
// loopback: once with rate limits off (our own cost) and once on (Slack's limits hold).
//
//   BENCH_SIZES=10000,100000   participants per run
//   BENCH_WORKERS=2            delivery worker processes
//   BENCH_BACKLOG=6000         messages due at once in the sustained-throughput run
//   BENCH_SPIKE_SECONDS        how long a busiest-minute run may go on after its minute
//                              (60 s up to 10k, else 45 s); a longer drain is extrapolated
//   BENCH_BURST=5000           the limits burst: this many due at once (0: skip it) …
//   BENCH_BURST_WORKSPACES=200 … across this many workspaces, with 10,000 participants
//   BENCH_ONLY=drain|busiest   only the floor and the limits-off backlog (the ratio), or only the
//                              busiest minute with limits off (its lateness); no weighing
//
// The floor: before the engine's backlog run, a bare BullMQ worker (bare-worker.ts) delivers the
// same number of jobs to the same fake; the report gives the engine's rate as a ratio of it.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createServices, type Services } from '../src/app/services.js';
import { loadEnv } from '../src/config/env.js';
import { dropDatabase } from '../src/store/db/database.js';
import { engineConfig, type EngineClock } from '../src/jobs/config.js';
import { createNudgeEngine } from '../src/jobs/engine.js';
import { deliverRun, type RunDeps } from './nudges/deliver-run.js';
import { bareFloor } from './nudges/bare-floor.js';
import { burstReport, report, type WeekResult } from './nudges/report.js';
import { seedParticipants } from './nudges/seed.js';
import { benchSlackRuntime } from './nudges/slack-runtime.js';
import { busiestWindow, timed, usedMemory } from './nudges/stats.js';

const WEEK = 168 * 3_600_000;
const T0 = new Date('2026-06-01T00:00:00Z');
const BASE_URL = (process.env.BENCH_DATABASE_BASE_URL ?? 'postgresql://postgres@127.0.0.1:5432').replace(/\/$/, '');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const sizes = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const workerCount = Number(process.env.BENCH_WORKERS ?? 2);
/** Messages in the sustained-throughput run. */
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 6_000);
/** Messages in the rate-limited backlog run (cut off after 40 s; at 45/s that is about 1,600). */
const LIMITED_BACKLOG = Number(process.env.BENCH_LIMITED_BACKLOG ?? 1_500);
/** How long a busiest-minute run may go on after its minute; a longer drain is extrapolated. */
const spikeSeconds = (n: number) => Number(process.env.BENCH_SPIKE_SECONDS ?? (n <= 10_000 ? 60 : 45));
const BURST = Number(process.env.BENCH_BURST ?? 5_000);
const BURST_WORKSPACES = Number(process.env.BENCH_BURST_WORKSPACES ?? 200);
const log = (line: string) => process.stderr.write(`${line}\n`);
/** Hours of the week dispatched into Redis for weighing: all of it up to 10k, one day beyond. */
const weighHours = (n: number) => (n <= 10_000 ? 168 : 24);
const tsx = (file: string) => [process.execPath, ['--import', 'tsx', new URL(file, import.meta.url).pathname]] as const;

/** Program time, frozen or running at real speed from a given instant. */
class BenchClock implements EngineClock {
  private at = T0.getTime();
  private realAt = 0;
  private running = false;
  now(): Date {
    return new Date(this.running ? this.at + (Date.now() - this.realAt) : this.at);
  }
  freeze(at: Date): void {
    this.running = false;
    this.at = at.getTime();
  }
  run(from: Date): number {
    this.at = from.getTime();
    this.realAt = Date.now();
    this.running = true;
    return this.realAt;
  }
}

interface Ctx {
  n: number;
  services: Services;
  databaseUrl: string;
  clock: BenchClock;
  redis: Redis;
  prefix: string;
  fakeBase: string;
}

async function startFakeSlack(): Promise<{ base: string; child: ChildProcess }> {
  const [node, args] = tsx('./nudges/fake-slack.ts');
  const child = spawn(node, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  return { base: `http://127.0.0.1:${chunk.toString().trim()}`, child };
}

const engineFor = (ctx: Ctx, rateLimits = false, dispatchHorizonMs = 15 * 60_000) =>
  createNudgeEngine({
    store: ctx.services.jobStore,
    clock: ctx.clock,
    logger: ctx.services.logger,
    redis: ctx.redis,
    platforms: [benchSlackRuntime(`${ctx.fakeBase}/api/`)],
    // Planned as the worker processes plan (spreadSeconds: 60, as src/processes/worker.ts sets it).
    config: engineConfig({ prefix: ctx.prefix, schedule: false, rateLimits, planLookbackMs: 0, planHorizonMs: WEEK, dispatchHorizonMs, spreadSeconds: 60 }),
  });

async function flushPrefix(ctx: Ctx): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await ctx.redis.scan(cursor, 'MATCH', `${ctx.prefix}*`, 'COUNT', 5000);
    if (keys.length) await ctx.redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/**
 * Plans a week ahead, re-plans it (all rows present), then dispatches the first `weighHours` of
 * it into Redis to weigh a delayed job (a job's size does not depend on how many there are).
 */
async function planWeek(ctx: Ctx): Promise<WeekResult> {
  ctx.clock.freeze(T0);
  const engine = engineFor(ctx, false, weighHours(ctx.n) * 3_600_000);
  const plan = await timed(() => engine.plan());
  const replan = await timed(() => engine.plan());
  const before = await usedMemory(ctx.redis);
  // BENCH_ONLY runs measure delivery alone: no weighing (at 100,000 it dispatches a whole day).
  const dispatch = process.env.BENCH_ONLY ? { value: 0, ms: 0 } : await timed(() => engine.dispatch());
  const after = await usedMemory(ctx.redis);
  await engine.close();
  await flushPrefix(ctx);
  const due = (await ctx.services.prisma.plannedNudge.findMany({ select: { dueAt: true } })).map((r) => r.dueAt.getTime()).sort((a, b) => a - b);
  return { rows: plan.value.occurrences, planMs: plan.ms, replanMs: replan.ms, dispatchMs: dispatch.ms, jobs: dispatch.value, weighHours: weighHours(ctx.n), bytesPerJob: (after - before) / Math.max(1, dispatch.value), peak15: busiestWindow(due, 15 * 60_000).count, due };
}

async function runSize(n: number, fakeBase: string, burst?: { count: number; workspaces: number }): Promise<string> {
  const databaseUrl = `${BASE_URL}/trellis_bench_nudges_${randomBytes(3).toString('hex')}`;
  const clock = new BenchClock();
  const env = loadEnv({ DATABASE_URL: databaseUrl, REDIS_URL, TRELLIS_ENCRYPTION_KEY: '07'.repeat(32), LOG_LEVEL: 'silent' });
  const services = await createServices(env, pino({ level: 'silent' }), clock);
  const ctx: Ctx = { n, services, databaseUrl, clock, redis: new Redis(REDIS_URL, { maxRetriesPerRequest: null }), prefix: `{bench-nudges-${randomBytes(3).toString('hex')}}`, fakeBase };
  const deps: RunDeps = {
    prisma: services.prisma,
    fakeBase,
    runClock: (from) => clock.run(from),
    dispatcher: (rateLimits) => engineFor(ctx, rateLimits),
    flush: () => flushPrefix(ctx),
    workerEnv: { DATABASE_URL: databaseUrl, REDIS_URL, PREFIX: ctx.prefix, FAKE_URL: `${fakeBase}/api/` },
    workers: workerCount,
  };
  try {
    log(`[${n}] seeding`);
    const seed = await timed(() => seedParticipants(services.prisma, n, T0.toISOString().slice(0, 10), burst?.workspaces ?? 1));
    log(`[${n}] planning a week`);
    const week = await planWeek(ctx);
    if (burst) {
      const lastOfBurst = new Date(week.due[Math.min(burst.count, week.due.length) - 1]! + 1);
      log(`[${n}] a burst of ${burst.count} due at once across ${burst.workspaces} workspaces, rate limits on`);
      const run = await deliverRun(deps, { rateLimits: true, liveFrom: T0, liveTo: lastOfBurst, clockFrom: lastOfBurst, measureFrom: T0, measureTo: lastOfBurst, boundSeconds: 120 });
      return burstReport({ n, workspaces: burst.workspaces, run });
    }
    if (process.env.BENCH_ONLY === 'busiest') {
      // Only the busiest minute with limits off (its lateness), for repeating that measurement.
      const at = busiestWindow(week.due, 60_000).start;
      const spec = { liveFrom: new Date(at - 60_000), liveTo: new Date(at + 60_000), clockFrom: new Date(at - 65_000), measureFrom: new Date(at), measureTo: new Date(at + 60_000), boundSeconds: spikeSeconds(n) + 125 };
      const off = await deliverRun(deps, { ...spec, rateLimits: false });
      return `busiest minute ${new Date(at).toISOString().slice(0, 16)}Z: ${off.delivered} of ${off.total - off.skipped} delivered at ${off.rate.toFixed(1)}/s, lateness p50 ${(off.p50 / 1000).toFixed(1)} s, p99 ${(off.p99 / 1000).toFixed(1)} s`;
    }
    log(`[${n}] the floor: a bare BullMQ worker, ${Math.min(BACKLOG, week.rows)} jobs`);
    const floor = await bareFloor({ redis: ctx.redis, redisUrl: REDIS_URL, prefix: ctx.prefix, fakeBase, count: Math.min(BACKLOG, week.rows) });
    // Sustained throughput: the first BACKLOG rows of the week, all due at once.
    const last = new Date(week.due[Math.min(BACKLOG, week.due.length) - 1]! + 1);
    log(`[${n}] a backlog of ${BACKLOG} due at once, rate limits off`);
    const drain = await deliverRun(deps, { rateLimits: false, liveFrom: T0, liveTo: last, clockFrom: last, measureFrom: T0, measureTo: last, boundSeconds: 120 });
    log(`[${n}] engine ${drain.rate.toFixed(1)}/s vs bare BullMQ ${floor.rate.toFixed(1)}/s: ratio ${(drain.rate / floor.rate).toFixed(2)}`);
    if (process.env.BENCH_ONLY === 'drain') return `floor ${floor.rate.toFixed(1)}/s, engine ${drain.rate.toFixed(1)}/s (${drain.delivered} delivered, ${drain.skipped} skipped), ratio ${(drain.rate / floor.rate).toFixed(2)}`;
    // The same backlog's first rows with Slack's limits on: the limits bind, and must hold.
    const lastLimited = new Date(week.due[Math.min(LIMITED_BACKLOG, week.due.length) - 1]! + 1);
    log(`[${n}] a backlog of ${LIMITED_BACKLOG} due at once, rate limits on`);
    const capped = await deliverRun(deps, { rateLimits: true, liveFrom: T0, liveTo: lastLimited, clockFrom: lastLimited, measureFrom: T0, measureTo: lastLimited, boundSeconds: 40 });
    // The busiest minute, with the minute before it as warm-up (workers run all week in production).
    const busiest = busiestWindow(week.due, 60_000).start;
    const window = { liveFrom: new Date(busiest - 60_000), liveTo: new Date(busiest + 60_000), clockFrom: new Date(busiest - 65_000), measureFrom: new Date(busiest), measureTo: new Date(busiest + 60_000), boundSeconds: spikeSeconds(n) + 125 };
    log(`[${n}] busiest minute, rate limits off`);
    const off = await deliverRun(deps, { ...window, rateLimits: false });
    log(`[${n}] busiest minute, rate limits on`);
    const on = await deliverRun(deps, { ...window, rateLimits: true });
    return report({ n, seedMs: seed.ms, week, floor, spikeAt: `${new Date(busiest).toISOString().slice(0, 16)}Z`, drain, capped, off, on, workers: workerCount });
  } finally {
    await flushPrefix(ctx);
    await ctx.redis.quit();
    await services.close();
    await dropDatabase(databaseUrl);
  }
}

log(`bench:nudges on ${cpus().length} × ${cpus()[0]?.model.trim()}, node ${process.version}`);
const fake = await startFakeSlack();
try {
  for (const n of sizes.filter((s) => s > 0)) process.stdout.write(`${await runSize(n, fake.base)}\n`);
  if (BURST > 0) process.stdout.write(`${await runSize(10_000, fake.base, { count: BURST, workspaces: BURST_WORKSPACES })}\n`);
} finally {
  fake.child.kill();
}
process.exit(0);
