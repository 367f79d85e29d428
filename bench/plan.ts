// npm run bench:plan — how planning a week grows with the number of participants, without Redis
// or workers: seed N trainees (bench/nudges/seed.ts), plan the week 1–8 June 2026 from nothing,
// plan it again with every row present — once by a new planner (a restarted process: every
// enrollment computed, unchanged rows left out of the write) and once by the same planner
// (incremental: it remembers what it planned) —, then the next pass 30 minutes later (the window
// moved, as every 30 minutes in production), then change a few people and plan again. The first
// pass also reports its CPU time, this process's and its Postgres backends' (bench/nudges/pg-cpu.ts):
// on a shared host that is the figure that compares across runs.
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
import { measured } from './nudges/pg-cpu.js';

const BASE_URL = (process.env.BENCH_DATABASE_BASE_URL ?? 'postgresql://postgres@127.0.0.1:5432').replace(/\/$/, '');
const sizes = (process.env.BENCH_PLAN_SIZES ?? '10000,100000').split(',').map(Number).filter((n) => n > 0);
const CHANGED = Number(process.env.BENCH_PLAN_CHANGED ?? 100);
const T0 = new Date('2026-06-01T00:00:00Z');
const window = { from: T0, to: new Date(T0.getTime() + 7 * 86_400_000), now: T0 };
const log = (line: string) => process.stderr.write(`${line}\n`);
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
const later = (w: typeof window, ms: number) => ({ from: new Date(w.from.getTime() + ms), to: new Date(w.to.getTime() + ms), now: new Date(w.now.getTime() + ms) });

interface Row { n: number; seedS: number; rows: number; planS: number; planCpu: string; freshReplanS: number; replanS: number; nextS: number; nextPlanned: number; incrementalS: number; incrementalChanged: number; incrementalPlanned: number; load: string; loadBefore: string }

async function runSize(n: number): Promise<Row> {
  const databaseUrl = `${BASE_URL}/trellis_bench_plan_${randomBytes(3).toString('hex')}`;
  const env = loadEnv({ DATABASE_URL: databaseUrl, REDIS_URL: 'redis://127.0.0.1:6379', TRELLIS_ENCRYPTION_KEY: '07'.repeat(32), LOG_LEVEL: 'silent' });
  const services = await createServices(env, pino({ level: 'silent' }), { now: () => T0 });
  try {
    const planner = createPlanner(services.jobStore.subjects, services.jobStore.nudges, undefined);
    const loadBefore = load();
    log(`[${n}] seeding (load ${loadBefore})`);
    const seed = await timed(() => seedParticipants(services.prisma, n, T0.toISOString().slice(0, 10)));
    await services.prisma.$executeRawUnsafe('ANALYZE');
    log(`[${n}] planning (load ${load()})`);
    const plan = await measured(services.prisma, () => planner.plan(window));
    log(`[${n}] ${plan.value.occurrences} rows in ${(plan.ms / 1000).toFixed(1)} s; re-planning`);
    const freshReplan = await timed(() => createPlanner(services.jobStore.subjects, services.jobStore.nudges, undefined).plan(window));
    const replan = await timed(() => planner.plan(window));
    const next = await timed(() => planner.plan(later(window, 30 * 60_000)));
    // A few people change their nudge time (as /mentor settings would), then a pass re-plans.
    await services.prisma.$executeRawUnsafe(`UPDATE "Person" SET "nudgeWeekday" = 3, "nudgeMinute" = 600 WHERE "id" IN (SELECT 'p' || g FROM generate_series(1, ${CHANGED}) AS g)`);
    const incremental = await timed(() => planner.plan(later(window, 30 * 60_000)));
    return {
      n,
      seedS: seed.ms / 1000,
      rows: plan.value.occurrences,
      planS: plan.ms / 1000,
      planCpu: `${(plan.nodeCpuMs / 1000).toFixed(1)} s + ${(plan.pgCpuMs / 1000).toFixed(1)} s`,
      freshReplanS: freshReplan.ms / 1000,
      replanS: replan.ms / 1000,
      nextS: next.ms / 1000,
      nextPlanned: next.value.enrollmentsPlanned,
      incrementalS: incremental.ms / 1000,
      incrementalChanged: incremental.value.changed,
      incrementalPlanned: incremental.value.enrollmentsPlanned,
      load: load(),
      loadBefore,
    };
  } finally {
    await services.close();
    await dropDatabase(databaseUrl);
  }
}

log(`bench:plan on ${cpus().length} × ${cpus()[0]?.model.trim()}, node ${process.version}`);
const rows: Row[] = [];
for (const n of sizes) rows.push(await runSize(n));
process.stdout.write(
  '| participants | seed | rows planned | plan a week | CPU: node + postgres | rows/s | re-plan, new planner | re-plan, same planner | next pass (+30 min) | after changes | load avg before → after |\n|---|---|---|---|---|---|---|---|---|---|---|\n',
);
for (const r of rows) {
  process.stdout.write(
    `| ${fmt(r.n)} | ${r.seedS.toFixed(1)} s | ${fmt(r.rows)} | **${r.planS.toFixed(1)} s** | ${r.planCpu} | ${fmt(r.rows / r.planS)} | ${r.freshReplanS.toFixed(1)} s | ${r.replanS.toFixed(1)} s | ${r.nextS.toFixed(1)} s (${fmt(r.nextPlanned)} planned) | ${r.incrementalS.toFixed(1)} s (${CHANGED} people changed: ${fmt(r.incrementalPlanned)} planned, ${fmt(r.incrementalChanged)} rows moved) | ${r.loadBefore} → ${r.load} |\n`,
  );
}
process.exit(0);
