// npm run bench:plan-phases — where a first planning pass spends its time, one phase at a time:
// read every live enrollment (pages of 5,000), compute the week's occurrences, then write them into
// an empty table. Each phase runs alone, so its time is not hidden behind the others' overlap.
//
//   BENCH_PLAN_SIZES=100000   participants (one run per size)
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { pino } from 'pino';
import { createServices } from '../src/app/services.js';
import { loadEnv } from '../src/config/env.js';
import { dropDatabase } from '../src/store/db/database.js';
import { planEnrollmentAhead, type EnrollmentSubject, type Occurrence } from '../src/core/nudges/index.js';
import { seedParticipants } from './nudges/seed.js';
import { measured } from './nudges/pg-cpu.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';

const BASE_URL = (process.env.BENCH_DATABASE_BASE_URL ?? 'postgresql://postgres@127.0.0.1:5432').replace(/\/$/, '');
const sizes = (process.env.BENCH_PLAN_SIZES ?? '100000').split(',').map(Number).filter((n) => n > 0);
const T0 = new Date('2026-06-01T00:00:00Z');
const window = { from: T0, to: new Date(T0.getTime() + 7 * 86_400_000), now: T0 };
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
/** The run's client, for the backends' CPU time. */
let prisma: PrismaClient | undefined;
/**
 * Wall time, this process's CPU time and its Postgres backends' CPU time of one phase: on a busy
 * host CPU time is the steadier figure (wall time includes waiting for the other engineers' work).
 */
async function phase<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; cpu: string }> {
  const r = await measured(prisma!, work);
  return { ...r, cpu: `${s(r.ms)} (CPU: node ${s(r.nodeCpuMs)}, postgres ${s(r.pgCpuMs)})` };
}

for (const n of sizes) {
  const databaseUrl = `${BASE_URL}/trellis_bench_phases_${randomBytes(3).toString('hex')}`;
  const env = loadEnv({ DATABASE_URL: databaseUrl, REDIS_URL: 'redis://127.0.0.1:6379', TRELLIS_ENCRYPTION_KEY: '07'.repeat(32), LOG_LEVEL: 'silent' });
  const services = await createServices(env, pino({ level: 'silent' }), { now: () => T0 });
  try {
    await seedParticipants(services.prisma, n, T0.toISOString().slice(0, 10));
    await services.prisma.$executeRawUnsafe('ANALYZE');
    prisma = services.prisma;
    const loadBefore = load();
    const read = await phase(async () => {
      const all: EnrollmentSubject[] = [];
      let after: string | undefined;
      for (;;) {
        const rows = await services.jobStore.subjects.liveEnrollments({ after, limit: 5_000, scope: undefined });
        all.push(...rows);
        if (rows.length < 5_000) return all;
        after = rows[rows.length - 1]!.id;
      }
    });
    const compute = await phase(async () => read.value.flatMap((e): Occurrence[] => planEnrollmentAhead(e, window).occurrences));
    const write = await phase(async () => {
      let changed = 0;
      // Pages of 5,000 enrollments' rows, one after another: no overlap with reading or computing.
      for (let i = 0; i < compute.value.length; i += 18_000) changed += await services.jobStore.nudges.upsert(compute.value.slice(i, i + 18_000));
      return changed;
    });
    const rewrite = await phase(() => services.jobStore.nudges.upsert(compute.value));
    process.stdout.write(
      `${n} participants, ${compute.value.length} rows: read ${read.cpu} · compute ${compute.cpu} · write (empty table) ${write.cpu}, ${write.value} written · rewrite unchanged ${rewrite.cpu}, ${rewrite.value} written · load ${loadBefore} → ${load()}\n`,
    );
  } finally {
    await services.close();
    await dropDatabase(databaseUrl);
  }
}
process.exit(0);
