// node bench/intake-commit.mjs: what one intake INSERT costs the acknowledgement, by commit mode.
// Sequential single-row INSERTs of a 900-byte payload, 20 ms apart (the steady bench's spacing),
// in a throwaway database on the local Postgres (dropped afterwards): a synchronous commit (the
// WAL flush), `SET synchronous_commit = off` for the session, and the statement as shipped in
// src/store/prisma/intake.ts (set_config(..., true) in the INSERT's own CTE).
import { loadavg } from 'node:os';
import pg from 'pg';

const base = process.env.BENCH_PG ?? 'postgresql://postgres@127.0.0.1:5432';
const n = Number(process.env.BENCH_N ?? 300);
const admin = new pg.Client({ connectionString: `${base}/postgres` });
await admin.connect();
const name = `intake_commit_${process.pid}`;
await admin.query(`CREATE DATABASE ${name}`);
const c = new pg.Client({ connectionString: `${base}/${name}` });
await c.connect();
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
console.log(`load at start ${load()}`);
try {
  await c.query('CREATE TABLE t (id text primary key, p text, r timestamp(3))');
  const payload = 'x'.repeat(900);
  const plain = 'INSERT INTO t SELECT * FROM unnest($1::text[], $2::text[], $3::timestamp(3)[]) ON CONFLICT (id) DO NOTHING RETURNING id';
  const relaxed = `WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true)) INSERT INTO t SELECT u.* FROM unnest($1::text[], $2::text[], $3::timestamp(3)[]) AS u, relaxed ON CONFLICT (id) DO NOTHING RETURNING id`;
  async function run(label, sql) {
    const times = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await c.query(sql, [[`${label}${i}`], [payload], [new Date().toISOString().replace('Z', '')]]);
      times.push(performance.now() - t);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    times.sort((a, b) => a - b);
    console.log(`${label}: p50 ${times[Math.floor(n / 2)].toFixed(2)} ms, p99 ${times[Math.floor(n * 0.99)].toFixed(2)} ms`);
  }
  await run('synchronous commit', plain);
  await run('statement as shipped (set_config in the CTE)', relaxed);
  await c.query('SET synchronous_commit = off');
  await run('session synchronous_commit off', plain);
} finally {
  await c.end();
  await admin.query(`DROP DATABASE ${name}`);
  await admin.end();
  console.log(`load at end ${load()}`);
}
