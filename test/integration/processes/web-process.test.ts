import { afterEach, describe, expect, it } from 'vitest';
import { throwawayDatabase, type ThrowawayDatabase } from '../migrations/throwaway-db.js';
import { createHmac } from 'node:crypto';
import { FakeSlackApi } from '../slack/support/fake-slack-api.js';
import { slashCommand } from '../slack/support/payloads.js';
import { cleanEnv, finish, freePort, start, type Running } from './spawn.js';
import { postInteraction, testKeypair } from '../discord/signed-requests.js';

const running: Running[] = [];
const databases: ThrowawayDatabase[] = [];
afterEach(async () => {
  for (const run of running.splice(0)) if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
  await Promise.all(databases.splice(0).map((db) => db.drop()));
});

/** Starts `web` on a free port with a database of its own (the process creates and migrates it). */
async function startWeb(extra: Record<string, string> = {}, entry = 'src/processes/web.ts'): Promise<{ run: Running; base: string; db: ThrowawayDatabase }> {
  const port = await freePort();
  const db = throwawayDatabase('web');
  databases.push(db);
  const run = start([entry], cleanEnv({ DATABASE_URL: db.url, PORT: String(port), ...extra }));
  running.push(run);
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(run, `${base}/metrics`, 45_000);
  return { run, base, db };
}

/** Polls until the server answers; fails early, with its stderr, if the process exits instead. */
async function waitForHttp(run: Running, url: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (run.child.exitCode !== null) throw new Error(`web exited with ${run.child.exitCode}: ${run.stderr()}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`web did not answer within ${ms} ms: ${run.stderr()}`);
}

describe('web process', () => {
  it('reports Postgres and Redis healthy on GET /healthz, serves /metrics, and exits 0 on SIGTERM', async () => {
    const { run, base, db } = await startWeb();
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, postgres: { ok: true }, redis: { ok: true } });

    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toMatch(/^# HELP /m);
    expect(text).toContain('trellis_dependency_up{dependency="postgres"} 1');
    expect(text).toContain('trellis_dependency_up{dependency="redis"} 1');
    // The queue dashboard is off without TRELLIS_ADMIN_TOKEN.
    expect((await fetch(`${base}/admin/queues`)).status).toBe(404);
    expect(await db.query('SELECT migration_name FROM "_prisma_migrations"')).not.toHaveLength(0);

    run.child.kill('SIGTERM');
    expect(await finish(run, 10_000)).toBe(0);
    expect(run.stderr()).not.toMatch(/shutdown step failed|took too long/);
  }, 60_000);

  it('answers 503 naming Redis when Redis cannot be reached', async () => {
    const closed = await freePort();
    const { base } = await startWeb({ REDIS_URL: `redis://127.0.0.1:${closed}` });
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(503);
    const body = (await health.json()) as { ok: boolean; postgres: { ok: boolean }; redis: { ok: boolean; error?: string } };
    expect(body.ok).toBe(false);
    expect(body.postgres.ok).toBe(true);
    expect(body.redis.ok).toBe(false);
    expect(body.redis.error).toEqual(expect.any(String));
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('trellis_dependency_up{dependency="redis"} 0');
    expect(metrics).toContain('trellis_dependency_up{dependency="postgres"} 1');
  }, 60_000);

  it('acknowledges a Slack command at once and answers it from the core thread on its response_url, then exits 0 on SIGTERM', async () => {
    const slack = new FakeSlackApi({ anyUser: true });
    await slack.start();
    try {
      const { run, base } = await startWeb({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: slack.apiUrl, TRELLIS_QUEUE_PREFIX: `{webthread-${Date.now()}}` });
      const body = slashCommand({ teamId: 'TTHREAD', userId: 'UANA', userName: 'ana' }, 'help', { responseUrl: slack.responseUrl() });
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = `v0=${createHmac('sha256', 'secret').update(`v0:${timestamp}:${body}`).digest('hex')}`;
      const ack = await fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature }, body });
      expect(ack.status).toBe(200);
      expect(await ack.text()).toBe('');
      const deadline = Date.now() + 20_000;
      while (slack.responses.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(JSON.stringify(slack.responses[0]?.body)).toContain('Trellis commands:');
      run.child.kill('SIGTERM');
      expect(await finish(run, 15_000)).toBe(0);
      expect(run.stderr()).not.toMatch(/shutdown step failed|took too long|core thread/);
    } finally {
      await slack.stop();
    }
  }, 60_000);

  it('starts with Slack and Discord both configured, and answers a signed Discord PING', async () => {
    // Vega-Lite (the dashboard's charts) patches Set.prototype when it loads, after which discord.js
    // cannot load: the charts now load on first use, and this start-up would fail otherwise.
    const closed = await freePort();
    const { publicKeyHex, privateKey } = testKeypair();
    const { run, base } = await startWeb({
      SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: `http://127.0.0.1:${closed}/api/`,
      DISCORD_TOKEN: 'token', DISCORD_APPLICATION_ID: '1400000000000000001', DISCORD_PUBLIC_KEY: publicKeyHex, DISCORD_API_URL: `http://127.0.0.1:${closed}/api`,
    });
    const ping = await postInteraction(`${base}/discord/interactions`, privateKey, { id: '1', application_id: '1400000000000000001', type: 1, token: 'ping-token', version: 1 });
    expect(ping).toEqual({ status: 200, json: { type: 1 } });
    run.child.kill('SIGTERM');
    expect(await finish(run, 10_000)).toBe(0);
    expect(run.stderr()).not.toMatch(/could not start/);
  }, 60_000);

  it('runs web and worker in one process under `npm start` with a Slack token, and exits 0 on SIGTERM after one ordered shutdown', async () => {
    const closed = await freePort();
    const { run, base } = await startWeb(
      { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: `http://127.0.0.1:${closed}/api/`, TRELLIS_QUEUE_PREFIX: `{startall-${closed}}`, LOG_LEVEL: 'info' },
      'src/main.ts',
    );
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const deadline = Date.now() + 20_000;
    while (!run.stderr().includes('web and worker started') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(run.stderr()).toContain('web and worker started');
    // One /metrics for both: the web's and the worker's series.
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('trellis_deliveries_total{platform="slack",outcome="sent"} 0');
    expect(metrics).toMatch(/^trellis_queue_jobs\{queue="deliver-slack",shard="0",state="waiting"\} \d+$/m);
    expect(metrics.match(/^trellis_dependency_up\{dependency="redis"\}/gm)).toHaveLength(1);
    // Every platform request is counted and timed: an unsigned one is refused and counted as such.
    expect((await fetch(`${base}/slack/events`, { method: 'POST', body: 'command=%2Fmentor' })).status).toBe(401);
    const after = await (await fetch(`${base}/metrics`)).text();
    expect(after).toContain('trellis_commands_total{platform="slack",outcome="refused"} 1');
    expect(after).toContain('trellis_ack_seconds_count{platform="slack"} 1');
    run.child.kill('SIGTERM');
    expect(await finish(run, 20_000)).toBe(0);
    expect(run.stderr().match(/"msg":"shutting down"/g)).toHaveLength(1);
  }, 90_000);
});
