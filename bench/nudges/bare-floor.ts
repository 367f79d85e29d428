// Runs the bare-BullMQ floor (bare-worker.ts) over `count` jobs all due at once and returns the
// rate the fake Slack saw, measured the same way as the engine's runs (first to last send).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

export interface FloorResult {
  delivered: number;
  rate: number;
}

export async function bareFloor(options: { redis: Redis; redisUrl: string; prefix: string; fakeBase: string; count: number }): Promise<FloorResult> {
  const { redis, prefix, fakeBase, count } = options;
  await fetch(`${fakeBase}/reset`, { method: 'POST' });
  const queue = new Queue('bare', { connection: redis, prefix });
  for (let i = 0; i < count; i += 1_000) {
    const jobs = Array.from({ length: Math.min(1_000, count - i) }, (_, j) => ({ name: 'n', data: { key: `bare-${i + j}`, channel: `D${(i + j) % 5_000}` } }));
    await queue.addBulk(jobs);
  }
  const file = new URL('./bare-worker.ts', import.meta.url).pathname;
  const env = { ...process.env, REDIS_URL: options.redisUrl, PREFIX: prefix, FAKE_URL: `${fakeBase}/api/` };
  const child = spawn(process.execPath, ['--import', 'tsx', file], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await once(child, 'message');
  const deadline = Date.now() + 120_000;
  let arrivals: { sentAt: number }[] = [];
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    arrivals = ((await (await fetch(`${fakeBase}/stats`)).json()) as { arrivals: { sentAt: number }[] }).arrivals;
    if (arrivals.length >= count) break;
  }
  child.kill('SIGTERM');
  await once(child, 'exit');
  await queue.obliterate({ force: true });
  await queue.close();
  const sent = arrivals.map((a) => a.sentAt).sort((a, b) => a - b);
  return { delivered: sent.length, rate: sent.length > 1 ? (sent.length - 1) / ((sent.at(-1)! - sent[0]!) / 1000) : NaN };
}
