// A web process (startWeb, as `npm run web` starts it) on a queue prefix of the test's own, and a
// real delivery job: an outbox row written with a person's name and private words, put on its
// queue by the engine the way the web process's relay does.
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import type { Services } from '../../../src/app/services.js';
import { message } from '../../../src/core/messages/model.js';
import { engineConfig } from '../../../src/jobs/config.js';
import { createNudgeEngine } from '../../../src/jobs/engine.js';
import type { PlatformRuntime } from '../../../src/platform/contract.js';
import { startWeb } from '../../../src/processes/start-web.js';
import { uniqueName } from '../../support/db.js';
import { deleteRedisPrefix } from '../../support/redis-prefix.js';
import { createTestServices } from '../../support/services.js';
import { freePort } from '../processes/spawn.js';

export const TOKEN = 'board-test-token-0123456789abcdef';
export const NAME = 'Dora Quillfeather';
export const WORDS = 'I have been struggling since the relapse';

/** A Slack platform that sends nothing: this web process only enqueues. */
const slack: PlatformRuntime = { platform: 'slack', send: async () => undefined, stop: async () => undefined };

const cleanups: (() => Promise<unknown>)[] = [];
/** Stops every web process and connection the helpers opened (call in afterEach). */
export async function closeAll(): Promise<void> {
  for (const c of cleanups.splice(0).reverse()) await c();
}

export async function web(env: Record<string, string>): Promise<{ base: string; services: Services; prefix: string }> {
  const port = await freePort();
  const prefix = `{${uniqueName('board')}}`;
  const services = await createTestServices(undefined, { PORT: String(port), TRELLIS_QUEUE_PREFIX: prefix, ...env });
  cleanups.push(() => services.close());
  const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
  // Every shard's keys: `{board-x}` itself or `{board-x-0}`, `{board-x-1.4}`, …
  cleanups.push(async () => {
    await deleteRedisPrefix(redis, prefix.slice(0, -1));
    await redis.quit();
  });
  const started = await startWeb(services, [slack]);
  cleanups.push(async () => {
    await started.stopServer();
    await started.closeConnections();
  });
  return { base: `http://127.0.0.1:${port}`, services, prefix };
}

/** An outbox row for a person (routed as it is written), put on its queue the way the web process does. */
export async function owedMessage(services: Services, prefix: string, shards = 1): Promise<{ key: string; workspaceId: string }> {
  const db = services.prisma;
  const workspace = await db.workspace.create({ data: { platform: 'slack', externalId: uniqueName('T'), name: 'Board tests' } });
  const person = await db.person.create({ data: { displayName: NAME, timeZone: 'UTC' } });
  await db.identity.create({ data: { personId: person.id, workspaceId: workspace.id, externalUserId: uniqueName('U'), handle: 'dora' } });
  const [key] = await services.store.transaction((store) => store.outbox.write([{ to: { kind: 'person', personId: person.id }, message: message(`${NAME}: ${WORDS}`) }], { at: services.clock.now() }));
  const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
  const engine = createNudgeEngine({ store: services.jobStore, clock: services.clock, logger: services.logger, redis, platforms: [slack], config: engineConfig({ prefix, shards, workspaceIds: [], schedule: false }) });
  await engine.enqueue([key!]);
  await engine.close();
  await redis.quit();
  return { key: key!, workspaceId: workspace.id };
}

