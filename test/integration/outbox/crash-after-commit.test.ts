// A process killed right after a command commits, before anything was sent, loses nothing and
// doubles nothing: the command's messages are rows in Postgres, written in its transaction, and
// the engine started afterwards delivers each exactly once.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { engineConfig } from '../../../src/jobs/config.js';
import { createNudgeEngine } from '../../../src/jobs/engine.js';
import type { PlatformRuntime } from '../../../src/platform/contract.js';
import { CoreHarness } from '../../support/core-harness.js';
import { uniqueName } from '../../support/db.js';
import { deleteRedisPrefix } from '../../support/redis-prefix.js';

const AT = '2026-03-02T14:00:00Z';
let h: CoreHarness;
let redis: Redis;
let prefix: string;
const closers: Array<() => Promise<unknown>> = [];

beforeEach(async () => {
  h = await CoreHarness.start(AT);
  redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
  prefix = `{${uniqueName('crash')}}`;
  await h.createProgram('cora', 'cert', 'certification-40-week');
  await h.joinAsMentor('mo', 'cert');
  await h.joinAsMentee('tia', 'cert');
});

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await deleteRedisPrefix(redis, prefix);
  await redis.quit();
  await h.close();
});

/** Runs `command` as `handle` in a child process and SIGKILLs it as soon as the command has committed. */
async function commandThenKill(handle: string, command: string, relay: boolean): Promise<void> {
  const actor = { platform: 'console', workspaceExternalId: h.workspace, workspaceName: 'Test', externalUserId: handle, handle, displayName: handle, timeZone: 'UTC' };
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./support/command-child.ts', import.meta.url).pathname], {
    env: { ...process.env, DATABASE_URL: inject('databaseUrl'), REDIS_URL: inject('redisUrl'), PREFIX: prefix, CHILD_CLOCK: AT, RELAY: relay ? '1' : '0', ACTOR: JSON.stringify(actor), COMMAND: command },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (chunk) => (err += chunk));
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk) => {
        out += chunk;
        if (out.includes('committed')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`child exited (${code}) before committing: ${err}`)));
    });
  } finally {
    child.kill('SIGKILL');
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
  }
  expect(out).toMatch(/committed 2/);
}

/** A console platform that records what it was asked to send, with the row key it came from. */
function recordingPlatform() {
  const sent: { key: string; to: string; text: string }[] = [];
  const runtime: PlatformRuntime = {
    platform: 'console',
    async send(target, message, options) {
      sent.push({ key: options?.idempotencyKey ?? '', to: target.kind === 'dm' ? target.userExternalId : `#${target.channelId}`, text: message.text });
    },
    stop: async () => undefined,
  };
  return { runtime, sent };
}

async function restartAndDeliver(platform: PlatformRuntime): Promise<void> {
  const workspace = await h.services.prisma.workspace.findFirstOrThrow({ where: { platform: 'console', externalId: h.workspace } });
  const connection = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
  const engine = createNudgeEngine({
    store: h.services.jobStore,
    clock: h.clock,
    logger: h.services.logger,
    redis: connection,
    platforms: [platform],
    config: engineConfig({ prefix, workspaceIds: [workspace.id], schedule: false, rateLimits: false }),
  });
  closers.push(() => engine.close(), () => connection.quit());
  await engine.start();
  await engine.runDue(30_000);
}

describe('a process killed right after a command commits', () => {
  it.each([
    ['before it could enqueue anything', false],
    ['after it enqueued the rows but before any worker ran', true],
  ])('%s: the restarted engine delivers the command’s messages exactly once each', async (_when, relay) => {
    await commandThenKill('cora', 'admin match @mo @tia', relay);
    const outbox = await h.services.prisma.plannedNudge.findMany({ where: { kind: 'outbound', personId: { in: [await h.personId('mo'), await h.personId('tia')] } } });
    expect(outbox.map((r) => r.status)).toEqual(['queued', 'queued']);

    const platform = recordingPlatform();
    await restartAndDeliver(platform.runtime);
    const toMo = platform.sent.filter((s) => s.to === 'mo' && /You are now Tia's mentor/.test(s.text));
    const toTia = platform.sent.filter((s) => s.to === 'tia' && /Mo is now your mentor/.test(s.text));
    expect([toMo.length, toTia.length]).toEqual([1, 1]);
    // Nothing at all went out twice (the join notices written earlier were delivered once, too).
    const keys = platform.sent.map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    const rows = await h.services.prisma.plannedNudge.findMany({ where: { key: { in: outbox.map((r) => r.key) } } });
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent']);
  }, 60_000);
});
