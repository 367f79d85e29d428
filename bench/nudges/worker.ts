// One delivery worker process for the benchmark (the bench starts several: that is how Trellis
// scales out). It waits for the parent's clock over IPC, then takes jobs until it is killed.
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createServices } from '../../src/app/services.js';
import { loadEnv } from '../../src/config/env.js';
import { engineConfig, type EngineClock } from '../../src/jobs/config.js';
import { createNudgeEngine } from '../../src/jobs/engine.js';
import { benchSlackRuntime } from './slack-runtime.js';
import { countCalls } from './count-calls.js';

const need = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const counted = process.env.BENCH_COUNT === '1' ? countCalls() : undefined;
let from = 0;
let realStart = 0;
const clock: EngineClock = { now: () => new Date(from + (Date.now() - realStart)) };
const env = loadEnv({ DATABASE_URL: need('DATABASE_URL'), REDIS_URL: need('REDIS_URL'), TRELLIS_ENCRYPTION_KEY: '07'.repeat(32), LOG_LEVEL: 'silent' });
const services = await createServices(env, pino({ level: 'silent' }), clock);
const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
const engine = createNudgeEngine({
  store: services.jobStore,
  clock,
  logger: services.logger,
  redis,
  platforms: [benchSlackRuntime(need('FAKE_URL'))],
  config: engineConfig({ prefix: need('PREFIX'), schedule: false, rateLimits: process.env.RATE_LIMITS === '1', ...(process.env.BENCH_ENGINE_CONCURRENCY ? { concurrency: Number(process.env.BENCH_ENGINE_CONCURRENCY) } : {}) }),
});
process.on('message', async (msg: { from: number; realStart: number }) => {
  from = msg.from;
  realStart = msg.realStart;
  await engine.startWorkers();
  process.send?.('started');
});
process.on('SIGTERM', async () => {
  if (counted) process.stderr.write(`[worker ${process.pid}] ${counted()}\n`);
  await engine.close();
  await redis.quit();
  await services.close();
  process.exit(0);
});
process.send?.('ready');
