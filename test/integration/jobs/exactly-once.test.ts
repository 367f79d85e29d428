// Exactly once across a worker killed after the platform answered and before the row was marked
// sent: the real Slack and Discord senders against their loopback fakes, a child worker process
// whose mark-sent never commits (so every message has arrived and every row is still claimed),
// SIGKILL, then a restarted engine — for planned nudges and an outbox row alike. Slack finds the earlier message by the key in its metadata
// (conversations.history) and marks the row sent; Discord's nonce makes the resend return the
// earlier message. The control — the same kill with the Slack read-back left out — must show the
// duplicate the person would have seen, so this test can fail.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { FakeSlackApi } from '../slack/support/fake-slack-api.js';
import { FakeDiscordApi } from '../discord/fake-discord-api.js';
import { createHarness, seeder, type Harness } from './harness.js';
import { message } from '../../../src/core/messages/model.js';
import { realPlatform, type RealPlatform } from './support/real-platforms.js';
import { nonceFor } from '../../../src/adapters/discord/send.js';

let h: Harness | undefined;
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  await h?.close();
  h = undefined;
});

const TRAINEES = 3;
/** Three reflection prompts (planned nudges) and one outbox message a command owed the first trainee. */
const ROWS = TRAINEES + 1;

async function seedTrainees(harness: Harness, n: number): Promise<void> {
  const seed = seeder(harness);
  const program = await seed.program();
  const people: string[] = [];
  for (let i = 0; i < n; i++) {
    const person = await seed.person({ handle: `${100 + i}` });
    await seed.enrollment(program.id, person.id, 'mentee', '2026-03-02');
    people.push(person.id);
  }
  const { services, clock } = harness;
  await services.store.transaction((store) => store.outbox.write([{ to: { kind: 'person', personId: people[0]! }, message: message('Your mentor confirmed Thursday’s call.') }], { at: clock.now() }));
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Plans the due nudges, runs a child worker until the platform has every message and every row
 * is still claimed, SIGKILLs it, and restarts delivery in this process with `restartWith`.
 * Returns the due keys.
 */
async function sendThenDie(platform: RealPlatform, apiUrl: string, delivered: (key: string) => number, restartWith: { recall?: boolean } = {}): Promise<string[]> {
  h = await createHarness('2026-03-05T09:00:00Z', { platform });
  const harness = h;
  await seedTrainees(harness, TRAINEES);
  await harness.engine([realPlatform(platform, apiUrl)], {}, false); // plan + dispatch only
  const due = (await harness.services.prisma.plannedNudge.findMany({ where: { refs: { path: ['workspaceId'], equals: harness.workspaceId }, dueAt: { lte: harness.clock.now() } }, select: { key: true } }))
    .map((r) => r.key)
    .sort();
  expect(due).toHaveLength(ROWS);
  expect(due.filter((k) => k.startsWith('outbound:'))).toHaveLength(1);

  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./support/send-then-die-child.ts', import.meta.url).pathname], {
    env: { ...process.env, DATABASE_URL: inject('databaseUrl'), REDIS_URL: inject('redisUrl'), PREFIX: harness.prefix, WORKSPACE_ID: harness.workspaceId, PLATFORM: platform, API_URL: apiUrl, CHILD_CLOCK: harness.clock.now().toISOString() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  cleanups.push(() => void child.kill('SIGKILL'));
  await until(() => due.every((k) => delivered(k) === 1), 30_000, `every message on the fake platform (child said: ${stderr.slice(-500)})`);
  // The platform answered every send; no mark committed.
  expect(await harness.services.prisma.plannedNudge.count({ where: { key: { in: due }, status: 'claimed' } })).toBe(ROWS);
  child.kill('SIGKILL');
  await once(child, 'exit');

  const restarted = await harness.engine([realPlatform(platform, apiUrl, restartWith)], { lockDurationMs: 1_000, stalledIntervalMs: 500, leaseMs: 2_000 });
  await restarted.runDue(30_000);
  const rows = await harness.services.prisma.plannedNudge.findMany({ where: { key: { in: due } }, select: { status: true, sendingAt: true } });
  expect(rows.map((r) => r.status)).toEqual(Array(ROWS).fill('sent'));
  // The claim that took over each dead worker's row stamped the dead attempt.
  expect(rows.every((r) => r.sendingAt !== null)).toBe(true);
  return due;
}

describe('a worker killed after the platform answered, before the row was marked sent', () => {
  it('Slack: after restart, each message is in the DM once — found by its key in the metadata, not sent again', async () => {
    const slack = new FakeSlackApi();
    await slack.start();
    cleanups.push(() => slack.stop());
    const due = await sendThenDie('slack', slack.apiUrl, (k) => slack.deliveriesOf(k).length);
    for (const key of due) expect(slack.deliveriesOf(key), key).toHaveLength(1);
    expect(slack.callsTo('conversations.history').length).toBeGreaterThanOrEqual(ROWS);
    for (const call of slack.callsTo('conversations.history')) expect(String(call.args.include_all_metadata)).toBe('true');
  }, 90_000);

  it('Slack, control: without the read-back the same kill sends every message twice', async () => {
    const slack = new FakeSlackApi();
    await slack.start();
    cleanups.push(() => slack.stop());
    const due = await sendThenDie('slack', slack.apiUrl, (k) => slack.deliveriesOf(k).length, { recall: false });
    for (const key of due) expect(slack.deliveriesOf(key), key).toHaveLength(2);
  }, 90_000);

  it('Discord: after restart, each message exists once — the resend carries the same nonce and Discord returns the earlier message', async () => {
    const discord = new FakeDiscordApi();
    await discord.start();
    cleanups.push(() => discord.stop());
    const messagesOf = (key: string) => discord.messages.filter((m) => m.nonce === nonceFor(key, 0)).length;
    const due = await sendThenDie('discord', discord.url, messagesOf);
    for (const key of due) expect(messagesOf(key), key).toBe(1);
    const posts = discord.find('POST', /^\/channels\/\d+\/messages$/);
    expect(posts.length).toBe(2 * ROWS); // each sent twice, created once
    expect(new Set(posts.map((p) => p.body.nonce)).size).toBe(ROWS);
    expect(posts.every((p) => p.body.enforce_nonce === true && String(p.body.nonce).length <= 25)).toBe(true);
  }, 90_000);
});
