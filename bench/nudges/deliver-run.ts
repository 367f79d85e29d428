// One delivery run of the benchmark: only the rows due in [liveFrom, liveTo) are left to send,
// worker processes deliver them with the program clock running in real time from `clockFrom`,
// and the rows due in [measureFrom, measureTo) are measured as the fake Slack saw them.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import type { NudgeEngine } from '../../src/jobs/engine.js';
import type { RunResult } from './report.js';
import { busiestWindow, percentile } from './stats.js';

export interface RunDeps {
  prisma: PrismaClient;
  fakeBase: string;
  /** Starts the program clock at `from`, running in real time; returns the real start. */
  runClock(from: Date): number;
  /** A dispatcher for this run (no workers of its own). */
  dispatcher(rateLimits: boolean): NudgeEngine;
  flush(): Promise<void>;
  workerEnv: Record<string, string>;
  workers: number;
}

export interface RunSpec {
  rateLimits: boolean;
  liveFrom: Date;
  liveTo: Date;
  clockFrom: Date;
  measureFrom: Date;
  measureTo: Date;
  boundSeconds: number;
}

interface Arrival {
  key: string;
  channel: string;
  at: number;
  sentAt: number;
}

const utc = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

async function startWorkers(deps: RunDeps, rateLimits: boolean): Promise<ChildProcess[]> {
  const file = new URL('./worker.ts', import.meta.url).pathname;
  const env = { ...process.env, ...deps.workerEnv, RATE_LIMITS: rateLimits ? '1' : '0' };
  // BENCH_PROFILE_DIR: each worker writes a V8 CPU profile there (open it in Chrome's DevTools).
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const children = Array.from({ length: deps.workers }, () => spawn(process.execPath, [...profile, '--import', 'tsx', file], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  await Promise.all(children.map((c) => once(c, 'message')));
  return children;
}

/** Closest two messages to one channel, by the given clock. */
function minGap(list: Arrival[], when: (a: Arrival) => number): { gap: number; repeats: number } {
  const byChannel = new Map<string, number[]>();
  for (const a of list) byChannel.set(a.channel, [...(byChannel.get(a.channel) ?? []), when(a)]);
  const gaps = [...byChannel.values()].flatMap((ts) => ts.sort((a, b) => a - b).slice(1).map((t, i) => t - ts[i]!));
  return { gap: gaps.length ? Math.min(...gaps) : NaN, repeats: gaps.length };
}

/** The most messages one workspace got in any one second, over all workspaces. */
function perWorkspaceMax(list: Arrival[], workspaceOf: Map<string, string>, when: (a: Arrival) => number): number {
  const byWorkspace = new Map<string, number[]>();
  for (const a of list) {
    const w = workspaceOf.get(a.key) ?? '';
    byWorkspace.set(w, [...(byWorkspace.get(w) ?? []), when(a)]);
  }
  return Math.max(0, ...[...byWorkspace.values()].map((ts) => busiestWindow(ts.sort((a, b) => a - b), 1000).count));
}

export async function deliverRun(deps: RunDeps, spec: RunSpec): Promise<RunResult> {
  const db = deps.prisma;
  await db.$executeRawUnsafe(
    `UPDATE "PlannedNudge" SET "status" = (CASE WHEN "dueAt" >= $1::timestamp(3) AND "dueAt" < $2::timestamp(3) THEN 'planned' ELSE 'skipped' END)::"NudgeStatus",
       "sentAt" = NULL, "claimedAt" = NULL, "attempts" = 0, "lastError" = NULL`,
    utc(spec.liveFrom),
    utc(spec.liveTo),
  );
  const inMeasure = { dueAt: { gte: spec.measureFrom, lt: spec.measureTo } };
  const total = await db.plannedNudge.count({ where: { ...inMeasure, status: 'planned' } });
  await deps.flush();
  await fetch(`${deps.fakeBase}/reset`, { method: 'POST' });
  const workers = await startWorkers(deps, spec.rateLimits);
  const realStart = deps.runClock(spec.clockFrom);
  for (const w of workers) w.send({ from: spec.clockFrom.getTime(), realStart });
  const engine = deps.dispatcher(spec.rateLimits);
  await engine.dispatch();
  const deadline = Date.now() + spec.boundSeconds * 1000;
  let open = total;
  while (Date.now() < deadline && (open = await db.plannedNudge.count({ where: { ...inMeasure, status: { in: ['planned', 'queued', 'claimed'] } } })) > 0) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const stoppedAfter = (Date.now() - realStart) / 1000;
  await Promise.all(workers.map(async (w) => (w.kill('SIGTERM'), await once(w, 'exit'))));
  await engine.close();

  const { arrivals, connections } = (await (await fetch(`${deps.fakeBase}/stats`)).json()) as { arrivals: Arrival[]; connections: number };
  const rows = await db.plannedNudge.findMany({ where: inMeasure, select: { key: true, dueAt: true, workspaceId: true } });
  const dueOf = new Map(rows.map((r) => [r.key, r.dueAt.getTime()]));
  const workspaceOf = new Map(rows.map((r) => [r.key, r.workspaceId ?? '']));
  const mine = arrivals.filter((a) => dueOf.has(a.key));
  // Real instant each row fell due: the program clock ran in real time from clockFrom at realStart.
  const realDue = (key: string) => realStart + Math.max(0, dueOf.get(key)! - spec.clockFrom.getTime());
  const lateness = mine.map((a) => a.at - realDue(a.key));
  const skipped = await db.plannedNudge.count({ where: { ...inMeasure, status: 'skipped', lastError: { not: null } } });
  // Rows still waiting when the run was cut off are at least that late: they sort last.
  const censored = [...lateness.sort((a, b) => a - b), ...Array<number>(Math.max(0, total - skipped - mine.length)).fill(Infinity)];
  const sent = mine.map((a) => a.sentAt).sort((a, b) => a - b);
  const rate = sent.length > 1 ? (sent.length - 1) / ((sent.at(-1)! - sent[0]!) / 1000) : NaN;
  const asSent = minGap(mine, (a) => a.sentAt);
  return {
    rateLimits: spec.rateLimits,
    total,
    skipped,
    delivered: mine.length,
    open,
    stoppedAfter,
    rate,
    p50: percentile(censored, 50),
    p99: percentile(censored, 99),
    maxPerSecond: busiestWindow(sent, 1000).count,
    maxReceivedPerSecond: busiestWindow(mine.map((a) => a.at).sort((a, b) => a - b), 1000).count,
    workspaces: new Set(mine.map((a) => workspaceOf.get(a.key))).size,
    maxWorkspacePerSecond: perWorkspaceMax(mine, workspaceOf, (a) => a.sentAt),
    maxWorkspaceReceivedPerSecond: perWorkspaceMax(mine, workspaceOf, (a) => a.at),
    minChannelGap: asSent.gap,
    minReceivedGap: minGap(mine, (a) => a.at).gap,
    repeats: asSent.repeats,
    connections,
  };
}
