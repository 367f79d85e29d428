// The four Trellis processes of the run — two web, two worker — started from their real entry
// points (src/processes/web.ts, worker.ts) the way `npm run web` / `npm run worker` do, each
// restartable after a SIGKILL. Their stderr is kept (last lines) for the report on failure.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ENTRY = { web: 'src/processes/web.ts', worker: 'src/processes/worker.ts' } as const;

export interface TrellisProcess {
  name: string;
  role: keyof typeof ENTRY;
  /** Web: where Slack and Discord requests go (PORT). Worker: its /healthz (METRICS_PORT). */
  port: number;
  env: NodeJS.ProcessEnv;
  child: ChildProcess;
  starts: number;
  kills: number;
  /** The last lines it wrote to stderr (logs at warn and above). */
  tail: string[];
}

export function startProcess(name: string, role: keyof typeof ENTRY, env: NodeJS.ProcessEnv, port: number): TrellisProcess {
  const proc = { name, role, port, env, starts: 0, kills: 0, tail: [] as string[] } as TrellisProcess;
  launch(proc, env);
  return proc;
}

function launch(proc: TrellisProcess, env: NodeJS.ProcessEnv): void {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY[proc.role]], { cwd: ROOT, env: { ...env, [proc.role === 'web' ? 'PORT' : 'METRICS_PORT']: String(proc.port) }, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (d: Buffer) => {
    // CHAOS_LOG_DIR keeps every line each process wrote, for a look after a run that was not clean.
    if (process.env.CHAOS_LOG_DIR) appendFileSync(`${process.env.CHAOS_LOG_DIR}/${proc.name}.log`, d);
    proc.tail.push(...d.toString().split('\n').filter(Boolean));
    if (proc.tail.length > 200) proc.tail.splice(0, proc.tail.length - 200);
  });
  proc.child = child;
  proc.starts++;
}

export const isRunning = (proc: TrellisProcess) => proc.child.exitCode === null && proc.child.signalCode === null;

const exited = (child: ChildProcess) => (child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve())));

/** SIGKILL: no shutdown hooks, jobs in hand and requests in flight are cut off mid-way. */
export async function kill(proc: TrellisProcess): Promise<void> {
  proc.kills++;
  const gone = exited(proc.child);
  proc.child.kill('SIGKILL');
  await gone;
}

export function restart(proc: TrellisProcess): void {
  launch(proc, proc.env);
}

/** SIGTERM (the orderly shutdown), then SIGKILL after `ms`. */
export async function stopProcess(proc: TrellisProcess, ms = 15_000): Promise<void> {
  if (!isRunning(proc)) return;
  const gone = exited(proc.child);
  proc.child.kill('SIGTERM');
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), ms);
  await gone;
  clearTimeout(timer);
}

/** Waits until a process answers /healthz (any status: it is up) or `ms` passes. */
export async function waitUntilUp(proc: TrellisProcess, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isRunning(proc)) return false;
    try {
      await fetch(`http://127.0.0.1:${proc.port}/healthz`, { signal: AbortSignal.timeout(2_000) });
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return false;
}
