// A worker process for the "killed after the platform answered" tests: the real engine, services
// and platform sender, but marking a row sent never completes — so every message reaches the fake
// platform and its row stays claimed, exactly the moment a SIGKILL between the platform's answer
// and the mark's commit leaves behind. It prints "ready" once its workers run; the test kills it.
import { pino } from 'pino';
import { Redis } from 'ioredis';
import { loadEnv } from '../../../../src/config/env.js';
import { createServices } from '../../../../src/app/services.js';
import { engineConfig } from '../../../../src/jobs/config.js';
import { createNudgeEngine } from '../../../../src/jobs/engine.js';
import { realPlatform, type RealPlatform } from './real-platforms.js';

const need = (name: string) => process.env[name] ?? (() => { throw new Error(`${name} is required`); })();
const at = new Date(need('CHILD_CLOCK'));
const clock = { now: () => new Date(at) };
const env = loadEnv({ DATABASE_URL: need('DATABASE_URL'), REDIS_URL: need('REDIS_URL'), TRELLIS_ENCRYPTION_KEY: '07'.repeat(32), LOG_LEVEL: 'silent' });
const services = await createServices(env, pino({ level: 'silent' }), clock);
const store = services.jobStore;
const engine = createNudgeEngine({
  store: { ...store, nudges: { ...store.nudges, finishMany: () => new Promise<never>(() => undefined) } },
  clock,
  logger: services.logger,
  redis: new Redis(env.REDIS_URL, { maxRetriesPerRequest: null }),
  platforms: [realPlatform(need('PLATFORM') as RealPlatform, need('API_URL'))],
  config: engineConfig({ prefix: need('PREFIX'), workspaceIds: [need('WORKSPACE_ID')], schedule: false, rateLimits: false, lockDurationMs: 1_000, stalledIntervalMs: 500, leaseMs: 2_000 }),
});
await engine.start();
process.stdout.write('ready\n');
