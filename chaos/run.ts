// The chaos run's orchestrator: a throwaway database, its own Redis, a Postgres proxy, the fake
// platforms, the participants, then two web and two worker processes on a compressed program
// clock, commands arriving all along while the killer works, a calm drain, and the audit.
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { createServer } from 'node:net';
import pg from 'pg';
import { rehearsalClock } from '../src/app/rehearsal-clock.js';
import { dropDatabase, ensureDatabase } from '../src/store/db/database.js';
import { migrate } from '../src/store/db/migrate.js';
import { testKeypair } from '../test/integration/discord/signed-requests.js';
import { audit, type Audit } from './audit.js';
import { startPlatformFakes } from './fakes.js';
import { runFaults, type FaultLog } from './faults.js';
import { createLoad } from './load.js';
import { startPgProxy } from './pg-proxy.js';
import { isRunning, startProcess, stopProcess, waitUntilUp, type TrellisProcess } from './processes.js';
import { startOwnRedis } from './redis.js';
import { DISCORD_APPLICATION, seedParticipants } from './seed.js';

const WEEK = 7 * 86_400_000;
const FROM = new Date('2026-03-02T00:00:00Z');

export interface ChaosOptions {
  participants: number;
  weeks: number;
  /** Program ms per real ms. */
  rate: number;
  commandsPerSecond: number;
  /** Mean real ms between two process kills. */
  killEveryMs: number;
  postgresCutMs: number;
  /** Real ms after the faults and load stop, with everything running, before the audit. */
  drainMs: number;
  /** Real ms the processes get to start before program time reaches FROM. */
  startupMs: number;
  /** false: the control run, same load without any fault. */
  faults?: boolean;
  log: (line: string) => void;
  /** Postgres server (no database name): the throwaway database is created there. */
  databaseBaseUrl?: string;
}

export interface ChaosResult {
  options: Omit<ChaosOptions, 'log'>;
  audit: Audit;
  faults: FaultLog;
  realSeconds: number;
  programDays: number;
  loadAverage: { start: number[]; end: number[] };
  restarts: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const { log } = options;
  const base = (options.databaseBaseUrl ?? process.env.CHAOS_DATABASE_BASE_URL ?? 'postgresql://postgres@127.0.0.1:5432').replace(/\/$/, '');
  const dbName = `trellis_chaos_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const directUrl = `${base}/${dbName}`;
  const loadStart = loadavg();
  const cleanup: Array<() => Promise<unknown>> = [];
  const processes: TrellisProcess[] = [];
  try {
    log(`chaos: database ${dbName}, migrating and seeding ${options.participants} participants`);
    await ensureDatabase(directUrl);
    cleanup.unshift(() => dropDatabase(directUrl));
    await migrate(directUrl);
    const db = new pg.Client({ connectionString: directUrl });
    await db.connect();
    cleanup.unshift(() => db.end());
    await seedParticipants(db, options.participants, FROM.toISOString().slice(0, 10));

    const fakes = await startPlatformFakes();
    cleanup.unshift(() => fakes.stop());
    const redis = await startOwnRedis(await freePort());
    cleanup.unshift(() => redis.stop());
    const upstream = new URL(base);
    const proxy = await startPgProxy({ host: upstream.hostname, port: Number(upstream.port || 5432) });
    cleanup.unshift(() => proxy.close());
    const proxiedUrl = new URL(directUrl);
    proxiedUrl.host = `127.0.0.1:${proxy.port}`;

    const { publicKeyHex, privateKey } = testKeypair();
    const signingSecret = randomBytes(16).toString('hex');
    const since = Date.now() + options.startupMs;
    const clock = rehearsalClock({ from: FROM, since, rate: options.rate });
    const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG'];
    const env: NodeJS.ProcessEnv = {
      ...Object.fromEntries(keep.flatMap((k) => (process.env[k] ? [[k, process.env[k]!]] : []))),
      TZ: 'UTC',
      LOG_LEVEL: 'warn',
      TRELLIS_ENCRYPTION_KEY: '3c'.repeat(32),
      DATABASE_URL: proxiedUrl.toString(),
      REDIS_URL: redis.url,
      TRELLIS_QUEUE_PREFIX: '{chaos}',
      SLACK_BOT_TOKEN: 'xoxb-chaos',
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: fakes.slackApiUrl,
      DISCORD_TOKEN: 'chaos-token',
      DISCORD_APPLICATION_ID: DISCORD_APPLICATION,
      DISCORD_PUBLIC_KEY: publicKeyHex,
      DISCORD_API_URL: fakes.discordApiUrl,
      TRELLIS_CLOCK_FROM: FROM.toISOString(),
      TRELLIS_CLOCK_SINCE: String(since),
      TRELLIS_CLOCK_RATE: String(options.rate),
    };
    for (const i of [1, 2]) processes.push(startProcess(`web-${i}`, 'web', env, await freePort()));
    for (const i of [1, 2]) processes.push(startProcess(`worker-${i}`, 'worker', env, await freePort()));
    cleanup.unshift(() => Promise.all(processes.map((p) => stopProcess(p))));
    const webs = processes.filter((p) => p.role === 'web');
    for (const p of processes) if (!(await waitUntilUp(p, 120_000))) throw new Error(`${p.name} did not start: ${p.tail.slice(-5).join(' | ')}`);
    const upAfter = (Date.now() - since + options.startupMs) / 1000;
    log(`chaos: 2 web + 2 worker processes up in ${upAfter.toFixed(1)} s; program starts ${FROM.toISOString()} at ${options.rate}×`);
    // Program time began at FROM whether or not they were up: a slow start eats into week 1.
    if (Date.now() > since) log(`chaos: WARNING the processes took longer than CHAOS_STARTUP_S (${options.startupMs / 1000} s); program time was already ${((Date.now() - since) * options.rate / 3_600_000).toFixed(1)} h in`);
    await sleep(Math.max(0, since - Date.now()));

    const realRunMs = (options.weeks * WEEK) / options.rate;
    const load = createLoad({ participants: options.participants, webPorts: () => webs.map((w) => w.port!), slackSigningSecret: signingSecret, discordKey: privateKey, responseUrl: fakes.responseUrl });
    // Commands from program day 1: on day 0 "today" is still the day before the start west of UTC.
    const loadStarts = sleep(86_400_000 / options.rate).then(() => load.start(options.commandsPerSecond));
    // Faults in the first 80%: the last stretch of the program runs calm, so what the faults
    // disturbed has its chance to recover before the cut-off.
    const faults = runFaults(
      { enabled: options.faults ?? true, windowMs: realRunMs * 0.8, killEveryMs: options.killEveryMs, redisAt: 0.3, postgresAt: 0.6, postgresCutMs: options.postgresCutMs },
      { processes, redis, pg: proxy, log },
    );
    const started = Date.now();
    const progress = setInterval(() => {
      void db.query<{ status: string; n: string }>(`SELECT "status", count(*) AS n FROM "PlannedNudge" GROUP BY 1`).then(({ rows }) => {
        const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
        const day = ((clock.now().getTime() - FROM.getTime()) / 86_400_000).toFixed(1);
        const up = processes.filter(isRunning).length;
        const down = processes.filter((p) => !isRunning(p)).map((p) => `${p.name} exited ${p.child.exitCode ?? p.child.signalCode}`);
        log(`  day ${day}/${options.weeks * 7}: rows ${JSON.stringify(by)}; received slack ${fakes.slack.length}, discord ${fakes.discord.length}; commands ${load.sent.filter((c) => c.acked).length}/${load.sent.length} acked; ${up}/4 processes up${down.length ? ` (${down.join(', ')})` : ''}; load ${loadavg()[0]!.toFixed(2)}`);
      }, () => log('  (progress query failed)'));
    }, 10_000);
    try {
      await sleep(realRunMs);
      await loadStarts;
      await load.stop();
      faults.stop();
      const faultLog = await faults.done;
      const cutoff = clock.now();
      log(`chaos: program at ${cutoff.toISOString()}; faults and load stopped; draining ${options.drainMs / 1000} s`);
      // Anything the killer left down comes back for the drain (a kill in the last moment).
      await sleep(options.drainMs);
      clearInterval(progress);
      await Promise.all(processes.map((p) => stopProcess(p)));
      const result = await audit(db, fakes, load.sent, cutoff);
      return {
        options: { participants: options.participants, weeks: options.weeks, rate: options.rate, commandsPerSecond: options.commandsPerSecond, killEveryMs: options.killEveryMs, postgresCutMs: options.postgresCutMs, drainMs: options.drainMs, startupMs: options.startupMs, faults: options.faults ?? true },
        audit: result,
        faults: faultLog,
        realSeconds: (Date.now() - started) / 1000,
        programDays: (cutoff.getTime() - FROM.getTime()) / 86_400_000,
        loadAverage: { start: loadStart, end: loadavg() },
        restarts: processes.reduce((n, p) => n + p.starts - 1, 0),
      };
    } finally {
      clearInterval(progress);
    }
  } catch (error) {
    for (const p of processes) if (p.tail.length) log(`${p.name} said: ${p.tail.slice(-8).join('\n    ')}`);
    throw error;
  } finally {
    for (const step of cleanup) await step().catch((err: unknown) => log(`cleanup: ${(err as Error).message}`));
  }
}
