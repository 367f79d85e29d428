// The chaos run's own Redis: a redis-server on a spare port with no persistence, so "restart
// with its data flushed" is SHUTDOWN NOSAVE and a fresh start on the same port. The shared
// Redis of the machine is never touched. Stopped by its pid.
import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';

export interface OwnRedis {
  url: string;
  /** Drops every key and the process with them, then starts an empty server on the same port. */
  restartEmpty(): Promise<void>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForPing(url: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    // Refused while the server starts: the loop tries again, nothing to report.
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      if ((await probe.ping()) === 'PONG') return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`redis-server at ${url} did not answer within ${ms} ms`, { cause: error });
    } finally {
      probe.disconnect();
    }
    await sleep(100);
  }
}

export async function startOwnRedis(port: number): Promise<OwnRedis> {
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess;
  const launch = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxclients', '2000'], { stdio: 'ignore' });
    await waitForPing(url, 10_000);
  };
  const exited = (c: ChildProcess) => (c.exitCode !== null || c.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => c.once('exit', () => resolve())));
  await launch();
  return {
    url,
    async restartEmpty() {
      const admin = new Redis(url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
      admin.on('error', () => undefined);
      const gone = exited(child);
      // SHUTDOWN closes the connection instead of answering: the rejection is the expected outcome.
      await admin.call('SHUTDOWN', 'NOSAVE').catch(() => undefined);
      admin.disconnect();
      await gone;
      await launch();
    },
    async stop() {
      const gone = exited(child);
      child.kill('SIGKILL');
      await gone;
    },
  };
}
