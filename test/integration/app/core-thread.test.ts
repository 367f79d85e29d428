import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startCoreThread, type CoreThread } from '../../../src/app/core-thread.js';
import type { Services } from '../../../src/app/services.js';
import type { ActorInput } from '../../../src/core/trellis.js';
import { testDatabaseUrl, uniqueName } from '../../support/db.js';
import { createTestServices } from '../../support/services.js';

// The web process's core thread (src/app/core-thread.ts): the core's calls cross to a worker
// thread with services of its own and come back as plain values; the outbox rows a command
// writes there are told to the main thread's outbox events, where the relay enqueues them.
let services: Services;
let core: CoreThread;
const outboxKeys: string[] = [];
const workspace = uniqueName('thread');
const actor = (name: string): ActorInput => ({ platform: 'slack', workspaceExternalId: workspace, workspaceName: 'Thread', externalUserId: `U${name.toUpperCase()}`, handle: name, displayName: name, timeZone: 'UTC' });

beforeAll(async () => {
  services = await createTestServices();
  services.outboxEvents.subscribe((keys) => outboxKeys.push(...keys));
  // The thread reads its environment like a process does; these are the test run's own.
  Object.assign(process.env, { DATABASE_URL: testDatabaseUrl(), REDIS_URL: inject('redisUrl'), TRELLIS_ENCRYPTION_KEY: '07'.repeat(32), LOG_LEVEL: 'silent' });
  core = await startCoreThread(services);
}, 60_000);
afterAll(async () => {
  await core?.close();
  await services?.close();
});

describe('the core thread', () => {
  it('answers a command with the same outcome the core gives in place', async () => {
    const [there, here] = await Promise.all([
      core.trellis.handle(actor('ana'), { kind: 'command', text: 'help' }),
      services.trellis.handle(actor('ana'), { kind: 'command', text: 'help' }),
    ]);
    expect(there.reply.message?.text).toContain('Trellis commands:');
    expect(there).toEqual(here);
  });

  it('runs a command, a button and a form there, and hands the outbox rows the form wrote back to this thread', async () => {
    const created = await core.trellis.handle(actor('cora'), { kind: 'command', text: 'admin program create threads certification-40-week' });
    expect(created.reply.message?.text).toContain('`threads`');
    const checkpoint = await core.trellis.handle(actor('tia'), { kind: 'command', text: 'join threads' });
    const confirm = checkpoint.reply.message?.blocks.flatMap((b) => ('buttons' in b ? b.buttons : [])).find((b) => b.action === 'join.confirm');
    expect(confirm).toBeDefined();
    const form = await core.trellis.handle(actor('tia'), { kind: 'action', action: 'join.confirm', value: confirm!.value });
    expect(form.reply.form?.id).toBe('join-details');
    const joined = await core.trellis.handle(actor('tia'), { kind: 'form', formId: 'join-details', values: { availability: 'Mon evenings', 'join-goals': 'Lead a family meeting' }, context: form.reply.form!.context });
    expect(joined.reply.message?.text).toContain('Welcome to');
    // The coordinator is told by DM: an outbox row written in the thread's transaction, announced here.
    const rows = await services.prisma.plannedNudge.findMany({ where: { key: { in: outboxKeys } } });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.kind === 'outbound')).toBe(true);
  });

  it('keeps a request whose options cannot cross threads (Discord naming, functions) on this thread', async () => {
    const naming = { command: (path: readonly string[]) => `/x ${path.join(' ')}`, usage: () => '/x usage' };
    const outcome = await core.trellis.handle(actor('ana'), { kind: 'command', text: 'frobnicate' }, { naming });
    expect(outcome.reply.message?.text).toMatch(/\/x /);
  });

  it('finishes the calls in flight before it closes', async () => {
    const thread = await startCoreThread(services);
    const answer = thread.trellis.handle(actor('ana'), { kind: 'command', text: 'help' });
    await thread.close();
    expect((await answer).reply.message?.text).toContain('Trellis commands:');
  });
});
