import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
export { throwawayDatabase } from '../migrations/throwaway-db.js';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const TEST_KEY = '5a'.repeat(32);

/** Only what a process needs: no SLACK_/DISCORD_ variables leak in from the shell running the tests. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'npm_config_cache'];
  const base = Object.fromEntries(keep.flatMap((k) => (process.env[k] ? [[k, process.env[k]!]] : [])));
  return { ...base, TZ: 'UTC', LOG_LEVEL: 'warn', TRELLIS_ENCRYPTION_KEY: TEST_KEY, ...extra };
}

export interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (or the signal's name) once the process ends. */
  exited: Promise<number | string>;
}

/** Starts a TypeScript entry point with tsx, the way package.json scripts do. */
export function start(args: string[], env: NodeJS.ProcessEnv, command = process.execPath): Running {
  const child = spawn(command, command === process.execPath ? ['--import', 'tsx', ...args] : args, { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Waits for the process to end, killing it if it outlives `ms`. */
export async function finish(run: Running, ms: number): Promise<number | string> {
  const timer = setTimeout(() => run.child.kill('SIGKILL'), ms);
  try {
    return await run.exited;
  } finally {
    clearTimeout(timer);
  }
}

/** A port nobody listens on right now (the OS picks it, then we let go). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
