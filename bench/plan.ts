// npm run bench:plan — how planning a week grows with the number of participants, without Redis
// or workers: seed N trainees (bench/nudges/seed.ts), plan the week 1–8 June 2026 from nothing,
// plan it again with every row present (a planner pass that finds nothing to do), then change a
// few people and plan again (what a planner pass costs in steady state).
//
//   BENCH_PLAN_SIZES=10000,100000   participants per run (add 1000000 for the opt-in size)
//   BENCH_PLAN_CHANGED=100          people whose nudge time changes before the incremental pass
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { pino } from 'pino';
import { createServices } from '../src/app/services.js';
import { loadEnv } from '../src/config/env.js';
import { dropDatabase } from '../src/store/db/database.js';
import { createPlanner } from '../src/jobs/planner.js';
import { seedParticipants } from './nudges/seed.js';
import { fmt, timed } from './nudges/stats.js';

const BASE_URL = (process.env.BENCH_DATABASE_BASE_URL ?? 'postgresql://postgres@127.0.0.1:5432').replace(/\/$/, '');
const sizes = (process.env.BENCH_PLAN_SIZES ?? '10000,100000').split(',').map(Number).filter((n) => n > 0);
const CHANGED = Number(process.env.BENCH_PLAN_CHANGED ?? 100);
const T0 = new Date('2026-06-01T00:00:00Z');
const window = { from: T0, to: new Date(T0.getTime() + 7 * 86_400_000), now: T0 };
const log = (line: string) => process.stderr.write(`${line}\n`);
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

interface Row { n: number; seedS: number; rows: number; planS: number; replanS: number; incrementalS: number; incrementalChanged: number; load: string }

async function runSize(n: number): Promise<Row> {
  const databaseUrl = `${BASE_URL}/trellis_bench_plan_${randomBytes(3).toString('hex')}`;
  const env = loadEnv({ DATABASE_URL: databaseUrl, REDIS_URL: 'redis://127.0.0.1:6379', TRELLIS_ENCRYPTION_KEY: '07'.repeat(32), LOG_LEVEL: 'silent' });
  const services = await createServices(env, pino({ level: 'silent' }), { now: () => T0 });
  try {
    const planner = createPlanner(services.jobStore.subjects, services.jobStore.nudges, undefined);
    log(`[${n}] seeding (load ${load()})`);
    const seed = await timed(() => seedParticipants(services.prisma, n, T0.toISOString().slice(0, 10)));
    await services.prisma.$executeRawUnsafe('ANALYZE');
    log(`[${n}] planning (load ${load()})`);
    const plan = await timed(() => planner.plan(window));
    log(`[${n}] ${plan.value.occurrences} rows in ${(plan.ms / 1000).toFixed(1)} s; re-planning`);
    const replan = await timed(() => planner.plan(window));
    // A few people change their nudge time (as /mentor settings would), then a pass re-plans.
    await services.prisma.$executeRawUnsafe(`UPDATE "Person" SET "nudgeWeekday" = 3, "nudgeMinute" = 600 WHERE "id" IN (SELECT 'p' || g FROM generate_series(1, ${CHANGED}) AS g)`);
    const incremental = await timed(() => planner.plan(window));
    return { n, seedS: seed.ms / 1000, rows: plan.value.occurrences, planS: plan.ms / 1000, replanS: replan.ms / 1000, incrementalS: incremental.ms / 1000, incrementalChanged: incremental.value.changed, load: load() };
  } finally {
    await services.close();
    await dropDatabase(databaseUrl);
  }
}

log(`bench:plan on ${cpus().length} × ${cpus()[0]?.model.trim()}, node ${process.version}`);
const rows: Row[] = [];
for (const n of sizes) rows.push(await runSize(n));
process.stdout.write('| participants | seed | rows planned | plan a week | rows/s | re-plan, nothing changed | re-plan after changes | load avg (1/5/15 min) after |\n|---|---|---|---|---|---|---|---|\n');
for (const r of rows) {
  process.stdout.write(`| ${fmt(r.n)} | ${r.seedS.toFixed(1)} s | ${fmt(r.rows)} | **${r.planS.toFixed(1)} s** | ${fmt(r.rows / r.planS)} | ${r.replanS.toFixed(1)} s | ${r.incrementalS.toFixed(1)} s (${CHANGED} people changed, ${fmt(r.incrementalChanged)} rows moved) | ${r.load} |\n`);
}
process.exit(0);
