// A real Redis Cluster for tests: `masters` redis-server processes with cluster mode on, on spare
// local ports, joined with `redis-cli --cluster create` (slots in equal slices, no replicas), no
// persistence. Only the machine's Redis binaries are needed. Everything started here is stopped
// by its own pid; the shared Redis on 6379 is never touched.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';

const run = promisify(execFile);

/** A free port whose cluster-bus port (+10000) is free too. */
async function sparePort(): Promise<number> {
  const free = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const server = createServer().once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const got = (server.address() as { port: number }).port;
        server.close(() => resolve(got));
      });
    });
  for (;;) {
    const port = await free(0);
    if (port > 55_000) continue;
    if (await free(port + 10_000).then(() => true, () => false)) return port;
  }
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`redis cluster: ${what} not reached in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface TestRedisCluster {
  /** `127.0.0.1:p1,127.0.0.1:p2,…`: what REDIS_CLUSTER_NODES takes. */
  nodes: string;
  ports: number[];
  /** The port of the master that serves this slot (asked of the cluster). */
  masterOf(slot: number): Promise<number>;
  /** Kills one master (SIGKILL) and starts it again with no data: its keys are lost, its slots come back. */
  restartEmpty(port: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startRedisCluster(masters = 3): Promise<TestRedisCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'trellis-cluster-'));
  const ports: number[] = [];
  for (let i = 0; i < masters; i++) ports.push(await sparePort());
  const children = new Map<number, ChildProcess>();
  const start = async (port: number) => {
    const args = ['--port', `${port}`, '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '1000', '--dir', dir, '--save', '', '--appendonly', 'no', '--protected-mode', 'no'];
    const child = spawn('redis-server', args, { stdio: 'ignore' });
    children.set(port, child);
    await waitFor(async () => (await run('redis-cli', ['-p', `${port}`, 'ping'])).stdout.trim() === 'PONG', `node ${port} up`);
  };
  const clusterOk = () => waitFor(async () => {
    for (const port of ports) if (!(await run('redis-cli', ['-p', `${port}`, 'cluster', 'info'])).stdout.includes('cluster_state:ok')) return false;
    return true;
  }, 'cluster_state:ok');
  const stopOne = async (port: number) => {
    const child = children.get(port);
    if (!child || child.exitCode !== null) return;
    const exited = once(child, 'exit');
    process.kill(child.pid!, 'SIGKILL');
    await exited;
  };
  try {
    for (const port of ports) await start(port);
    await run('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes']);
    await clusterOk();
  } catch (error) {
    for (const port of ports) await stopOne(port);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    nodes: ports.map((p) => `127.0.0.1:${p}`).join(','),
    ports,
    async masterOf(slot) {
      const node = new Redis(ports[0]!, '127.0.0.1', { maxRetriesPerRequest: 1 });
      try {
        const ranges = (await node.call('CLUSTER', 'SLOTS')) as [number, number, [string, number]][];
        return ranges.find(([from, to]) => slot >= from && slot <= to)![2][1];
      } finally {
        node.disconnect();
      }
    },
    async restartEmpty(port) {
      await stopOne(port);
      await start(port);
      await clusterOk();
    },
    async stop() {
      for (const port of ports) await stopOne(port);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Keys of one node matching a pattern (a Cluster client's KEYS only asks one node). */
export async function keysOn(port: number, pattern: string): Promise<string[]> {
  const node = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 1 });
  try {
    return await node.keys(pattern);
  } finally {
    node.disconnect();
  }
}
