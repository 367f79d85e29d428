// The killer: the faults of one run, spread over its fault window. Random SIGKILLs of web and
// worker processes (each restarted after a moment), one Redis restart with every key gone, one
// Postgres cut (all connections dropped, new ones refused). Each fault is logged as it happens.
import type { PgProxy } from './pg-proxy.js';
import type { OwnRedis } from './redis.js';
import { kill, restart, type TrellisProcess } from './processes.js';

export interface FaultPlan {
  /** false: the control run — same load, no faults (what the host alone costs). */
  enabled: boolean;
  /** Real ms the faults are spread over. */
  windowMs: number;
  /** Mean real ms between two process kills. */
  killEveryMs: number;
  /** When (fraction of the window) Redis restarts empty, and when Postgres is cut. */
  redisAt: number;
  postgresAt: number;
  postgresCutMs: number;
}

export interface FaultLog {
  kills: { web: number; worker: number };
  redisRestarts: number;
  postgresCuts: number;
  events: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function runFaults(plan: FaultPlan, deps: { processes: TrellisProcess[]; redis: OwnRedis; pg: PgProxy; log: (line: string) => void }): { done: Promise<FaultLog>; stop(): void } {
  const log: FaultLog = { kills: { web: 0, worker: 0 }, redisRestarts: 0, postgresCuts: 0, events: [] };
  const started = Date.now();
  let stopped = false;
  const event = (line: string) => {
    const text = `+${((Date.now() - started) / 1000).toFixed(1)}s ${line}`;
    log.events.push(text);
    deps.log(`  fault ${text}`);
  };

  /** Sleeps `ms`, but no later than the end of the window (the run must not wait for a kill it will skip). */
  const sleepInWindow = (ms: number) => sleep(Math.max(0, Math.min(ms, started + plan.windowMs - Date.now())));

  async function killer(): Promise<void> {
    while (!stopped) {
      await sleepInWindow(plan.killEveryMs * (0.5 + Math.random()));
      if (stopped || Date.now() - started >= plan.windowMs) return;
      // One process down at a time (this loop waits for the restart): recovery, not a whole tier gone.
      const victim = deps.processes[Math.floor(Math.random() * deps.processes.length)]!;
      await kill(victim);
      log.kills[victim.role]++;
      const downMs = 1_000 + Math.floor(Math.random() * 2_000);
      event(`SIGKILL ${victim.name}; back in ${(downMs / 1000).toFixed(1)} s`);
      await sleep(downMs);
      restart(victim);
    }
  }

  async function at(fraction: number, what: () => Promise<void>): Promise<void> {
    await sleep(Math.max(0, started + plan.windowMs * fraction - Date.now()));
    if (!stopped) await what();
  }

  if (!plan.enabled) return { done: Promise.resolve(log), stop: () => undefined };
  const done = Promise.all([
    killer(),
    at(plan.redisAt, async () => {
      event('Redis: SHUTDOWN NOSAVE, restarting empty');
      await deps.redis.restartEmpty();
      log.redisRestarts++;
      event('Redis back, no keys');
    }),
    at(plan.postgresAt, async () => {
      event(`Postgres: every connection cut, new ones refused for ${plan.postgresCutMs / 1000} s`);
      await deps.pg.cut(plan.postgresCutMs);
      log.postgresCuts++;
      event('Postgres reachable again');
    }),
  ]).then(() => log);
  return { done, stop: () => void (stopped = true) };
}
