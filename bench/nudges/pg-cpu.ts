// CPU time of one database's Postgres backends, read from /proc (Linux, Postgres on the same
// host). On a shared host wall time includes waiting for everyone else's work; CPU time is what a
// change actually saved.
import { readFileSync } from 'node:fs';
import type { PrismaClient } from '../../src/generated/prisma/client.js';

const TICK_MS = 10;

/** CPU ms used so far by the backends connected to this client's database (ended backends drop out). */
export async function backendCpuMs(prisma: PrismaClient): Promise<number> {
  const pids = await prisma.$queryRawUnsafe<{ pid: number }[]>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
  let ticks = 0;
  for (const { pid } of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    } catch {
      // a backend that ended meanwhile
    }
  }
  return ticks * TICK_MS;
}

/** Runs `work`, returning its wall time and this process's and the database's CPU time (ms). */
export async function measured<T>(prisma: PrismaClient, work: () => Promise<T>): Promise<{ value: T; ms: number; nodeCpuMs: number; pgCpuMs: number }> {
  const [cpu0, pg0, t0] = [process.cpuUsage(), await backendCpuMs(prisma), performance.now()];
  const value = await work();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { value, ms, nodeCpuMs: (cpu.user + cpu.system) / 1000, pgCpuMs: (await backendCpuMs(prisma)) - pg0 };
}
