// A web process SIGKILLed after acknowledging a request and before applying it: a second web
// process over the same database replays it once and answers the person (Slack: response_url;
// Discord: the deferred answer, through the interaction webhook). The first process is held
// between ack and apply by a lock on the table the command's transaction writes first.
import { createHmac } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { throwawayDatabase, type ThrowawayDatabase } from '../migrations/throwaway-db.js';
import { FakeSlackApi } from '../slack/support/fake-slack-api.js';
import { slashCommand } from '../slack/support/payloads.js';
import { FakeDiscordApi } from '../discord/fake-discord-api.js';
import { commandInteraction, postInteraction, snowflake, testKeypair } from '../discord/signed-requests.js';
import { cleanEnv, finish, freePort, start, type Running } from './spawn.js';

const running: Running[] = [];
const databases: ThrowawayDatabase[] = [];
const locks: pg.Client[] = [];
afterEach(async () => {
  for (const run of running.splice(0)) if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
  for (const lock of locks.splice(0)) await lock.end().catch(() => undefined);
  await Promise.all(databases.splice(0).map((db) => db.drop()));
});

async function startWeb(db: ThrowawayDatabase, extra: Record<string, string>): Promise<{ run: Running; base: string }> {
  const port = await freePort();
  const run = start(['src/processes/web.ts'], cleanEnv({ DATABASE_URL: db.url, PORT: String(port), ...extra }));
  running.push(run);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 45_000;
  for (;;) {
    if (run.child.exitCode !== null) throw new Error(`web exited with ${run.child.exitCode}: ${run.stderr()}`);
    try {
      await fetch(`${base}/healthz`);
      return { run, base };
    } catch {
      if (Date.now() > deadline) throw new Error(`web did not answer: ${run.stderr()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Holds an exclusive lock on RequestLog: every command's transaction waits on its first statement. */
async function holdCommands(db: ThrowawayDatabase): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  locks.push(client);
  await client.query('BEGIN');
  await client.query('LOCK TABLE "RequestLog" IN ACCESS EXCLUSIVE MODE');
  return client;
}

async function until<T>(what: () => Promise<T | undefined> | T | undefined, ms: number, label: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await what();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface IntakeRow {
  id: string;
  appliedAt: Date | null;
  answeredAt: Date | null;
  attempts: number;
}
const rowsOf = (db: ThrowawayDatabase, platform: string) => db.query<IntakeRow>('SELECT "id", "appliedAt", "answeredAt", "attempts" FROM "InboundRequest" WHERE "platform" = $1', [platform]);

describe('durable intake across a crash', () => {
  it('Slack: a command acknowledged by a web process killed before applying it is applied once by another and answered on its response_url', async () => {
    const slack = new FakeSlackApi({ anyUser: true });
    await slack.start();
    const db = throwawayDatabase('intake_slack');
    databases.push(db);
    try {
      const env = { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: slack.apiUrl, TRELLIS_QUEUE_PREFIX: `{intake-${Date.now()}}` };
      // The first process would only replay after 10 minutes: it dies long before.
      const first = await startWeb(db, { ...env, TRELLIS_REPLAY_AFTER_SECONDS: '600' });
      const lock = await holdCommands(db);
      const body = slashCommand({ teamId: 'TCRASH', userId: 'UANA', userName: 'ana' }, 'help', { responseUrl: slack.responseUrl() });
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = `v0=${createHmac('sha256', 'secret').update(`v0:${timestamp}:${body}`).digest('hex')}`;
      const ack = await fetch(`${first.base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature }, body });
      expect(ack.status).toBe(200);
      // Acknowledged, hence written down; not applied (the core waits on the lock).
      const [written] = await rowsOf(db, 'slack');
      expect(written).toMatchObject({ appliedAt: null, answeredAt: null });
      first.run.child.kill('SIGKILL');
      expect(await finish(first.run, 10_000)).toBe('SIGKILL');
      await lock.query('ROLLBACK');
      expect(slack.responses).toHaveLength(0);

      const second = await startWeb(db, { ...env, TRELLIS_REPLAY_AFTER_SECONDS: '1' });
      const answer = await until(() => slack.responses[0], 30_000, 'the replayed answer');
      expect(JSON.stringify(answer.body)).toContain('Trellis commands:');
      const [row] = await until(async () => {
        const rows = await rowsOf(db, 'slack');
        return rows[0]?.answeredAt ? rows : undefined;
      }, 10_000, 'the row marked answered');
      expect(row).toMatchObject({ id: written!.id, attempts: 1 });
      expect(row!.appliedAt).not.toBeNull();
      expect(await db.query('SELECT 1 FROM "RequestLog" WHERE "id" = $1', [written!.id])).toHaveLength(1);
      // Answered once, however many passes the replayer makes.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(slack.responses).toHaveLength(1);
      second.run.child.kill('SIGTERM');
      expect(await finish(second.run, 15_000)).toBe(0);
    } finally {
      await slack.stop();
    }
  }, 120_000);

  it('Discord: an interaction deferred by a web process killed before applying it is applied once by another and its deferred answer edited', async () => {
    const discord = new FakeDiscordApi();
    await discord.start();
    const db = throwawayDatabase('intake_discord');
    databases.push(db);
    const { publicKeyHex, privateKey } = testKeypair();
    const applicationId = snowflake();
    const env = { DISCORD_TOKEN: 'token', DISCORD_APPLICATION_ID: applicationId, DISCORD_PUBLIC_KEY: publicKeyHex, DISCORD_API_URL: discord.url, TRELLIS_QUEUE_PREFIX: `{intake-d-${Date.now()}}` };
    try {
      const first = await startWeb(db, { ...env, TRELLIS_REPLAY_AFTER_SECONDS: '600' });
      const lock = await holdCommands(db);
      const interaction = commandInteraction({ applicationId, guildId: snowflake(), channelId: snowflake(), user: { id: snowflake(), username: 'ana' } }, 'mentor', [{ type: 1, name: 'help', options: [] }]);
      // The core cannot answer within Discord's budget: the handler defers (type 5), an acknowledgement.
      const deferred = await postInteraction(`${first.base}/discord/interactions`, privateKey, interaction);
      expect(deferred).toMatchObject({ status: 200, json: { type: 5 } });
      const [written] = await rowsOf(db, 'discord');
      expect(written).toMatchObject({ id: `discord:${interaction.id}`, appliedAt: null, answeredAt: null });
      first.run.child.kill('SIGKILL');
      expect(await finish(first.run, 10_000)).toBe('SIGKILL');
      await lock.query('ROLLBACK');
      const edits = () => discord.calls.filter((c) => c.method === 'PATCH' && c.path === `/webhooks/${applicationId}/${interaction.token}/messages/@original`);
      expect(edits()).toHaveLength(0);

      const second = await startWeb(db, { ...env, TRELLIS_REPLAY_AFTER_SECONDS: '1' });
      const [edit] = await until(() => (edits().length ? edits() : undefined), 30_000, 'the deferred answer edited');
      expect(JSON.stringify(edit!.body)).toMatch(/help|command/i);
      const [row] = await until(async () => {
        const rows = await rowsOf(db, 'discord');
        return rows[0]?.answeredAt ? rows : undefined;
      }, 10_000, 'the row marked answered');
      expect(row!.appliedAt).not.toBeNull();
      expect(row!.attempts).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(edits()).toHaveLength(1);
      second.run.child.kill('SIGTERM');
      expect(await finish(second.run, 15_000)).toBe(0);
    } finally {
      await discord.stop();
    }
  }, 120_000);
});
