// npm run bench:slack [-- --write]: slash-command acknowledgement latency of Trellis's web process
// against a bare Bolt app that only acks (the floor), under the same load from this process.
// Everything runs on loopback: fake Slack Web API, both servers, and the load, each its own process.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { dropDatabase } from '../src/store/db/database.js';
import { burst, stats, steady, type LoadOptions, type Stats, type Target } from './slack-load.js';

const SECRET = 'bench-signing-secret';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const STEADY_RPS = Number(process.env.BENCH_RPS ?? 50);
const STEADY_SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const BURST_TOTAL = Number(process.env.BENCH_BURST ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const root = new URL('../', import.meta.url);
/** The target: the web process's acknowledgement p99 within this factor of the bare Bolt floor's, measured in the same run. */
const TARGET_RATIO = 1.3;
const loadAverage = () => loadavg().map((l) => l.toFixed(1)).join(' ');
const children: ChildProcess[] = [];

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});

/** BENCH_PROFILE=<dir>: the web process writes a V8 CPU profile there when it stops (open it in Chrome's DevTools). */
const PROFILE_DIR = process.env.BENCH_PROFILE;

/**
 * CPU time (user + system, ms) the process's main thread — its event loop, where acks and the
 * work after them compete — has used so far; from /proc (Linux, 100 ticks a second). Unlike
 * latency, it does not move when other programs load the machine.
 */
function mainThreadCpuMs(pid: number): number {
  const stat = `/proc/${pid}/task/${pid}/stat`;
  if (!existsSync(stat)) return NaN;
  const fields = readFileSync(stat, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * How long the main thread has waited, runnable, for a CPU (ms; /proc schedstat): the part of an
 * acknowledgement's latency that is other threads' and processes' work, on this machine's cores.
 */
function mainThreadRunQueueWaitMs(pid: number): number {
  const stat = `/proc/${pid}/task/${pid}/schedstat`;
  if (!existsSync(stat)) return NaN;
  return Number(readFileSync(stat, 'utf8').split(' ')[1]) / 1e6;
}

function start(file: string, env: Record<string, string>, readyLine?: RegExp, nodeArgs: string[] = []): Promise<{ line: string; pid: number }> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', file], { cwd: root.pathname, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => (readyLine ?? /^READY/).test(l));
      if (line) resolve({ line, pid: child.pid! });
    });
  });
}

async function waitHealthy(url: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} never became healthy`);
}

/** Waits until the fake API has received `expected` response_url posts: every command was answered. */
async function waitAnswered(apiUrl: string, expected: number): Promise<{ responses: number; apologies: number }> {
  const deadline = Date.now() + 120_000;
  let seen = { responses: 0, apologies: 0 };
  while (Date.now() < deadline) {
    seen = (await (await fetch(`${apiUrl}/stats`)).json()) as typeof seen;
    if (seen.responses >= expected) return seen;
    await new Promise((r) => setTimeout(r, 200));
  }
  return seen;
}

const fmt = (n: number) => n.toFixed(2);

async function main() {
  const loadAtStart = loadAverage();
  const { line } = await start('bench/slack-fake-api.ts', {});
  const apiUrl = line.split(' ')[1]!.trim();
  const [barePort, trellisPort] = [await freePort(), await freePort()];
  const databaseUrl = `postgresql://postgres@127.0.0.1:5432/trellis_bench_slack_${process.pid}`;
  const bare = await start('bench/slack-bare-bolt.ts', { PORT: String(barePort), SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${apiUrl}/api/` });
  void start('src/processes/web.ts', {
    PORT: String(trellisPort), DATABASE_URL: process.env.BENCH_DATABASE_URL ?? databaseUrl, LOG_LEVEL: 'error',
    SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_API_URL: `${apiUrl}/api/`, TRELLIS_ENCRYPTION_KEY: '11'.repeat(32),
    SLACK_CLIENT_ID: '', SLACK_APP_TOKEN: '', DISCORD_TOKEN: '', DISCORD_PUBLIC_KEY: '',
  }, /$^/, PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []).catch((e) => {
    console.error(e);
    process.exit(1);
  });
  const targets: Target[] = [{ name: 'bare Bolt (ack only)', url: `http://127.0.0.1:${barePort}` }, { name: 'Trellis web process', url: `http://127.0.0.1:${trellisPort}` }];
  const pids = new Map<Target, number>([[targets[0]!, bare.pid], [targets[1]!, children.at(-1)!.pid!]]);
  await waitHealthy(targets[1]!.url);
  const load: LoadOptions = { secret: SECRET, responseUrlBase: apiUrl, teamId: 'TBENCH', users: 200, texts: ['help', 'status', 'help status'] };
  let trellisSent = 0;
  const run = async (target: Target, work: () => Promise<{ samples: { ms: number; status: number }[]; seconds: number }>) => {
    const result = await work();
    if (target === targets[1]) {
      trellisSent += result.samples.length;
      await waitAnswered(apiUrl, trellisSent); // let the slow work after each ack finish before the next round
    }
    return result;
  };

  // Warm-up (JIT, connection pools, the 200 people created): not measured.
  for (const t of targets) await run(t, () => burst(t, load, 600, 8));
  const profiles = {
    [`steady ${STEADY_RPS}/s for ${STEADY_SECONDS}s`]: (t: Target) => steady(t, load, STEADY_RPS, STEADY_SECONDS),
    [`burst ${BURST_TOTAL} at ${CONCURRENCY} concurrent`]: (t: Target) => burst(t, load, BURST_TOTAL, CONCURRENCY),
  };
  const results: Record<string, Record<string, Stats & { cpuMsPerCommand: number; waitMsPerCommand: number }>> = {};
  for (const [profile, work] of Object.entries(profiles)) {
    const samples: Record<string, { ms: number; status: number }[]> = {};
    const seconds: Record<string, number> = {};
    const cpu: Record<string, number> = {};
    const wait: Record<string, number> = {};
    // Interleaved rounds, so drift in the machine hits both apps alike.
    for (let round = 0; round < ROUNDS; round++) {
      for (const t of targets) {
        const before = mainThreadCpuMs(pids.get(t)!);
        const waitedBefore = mainThreadRunQueueWaitMs(pids.get(t)!);
        // For Trellis this includes waiting until every command was answered: the work after the ack counts.
        const r = await run(t, () => work(t));
        cpu[t.name] = (cpu[t.name] ?? 0) + mainThreadCpuMs(pids.get(t)!) - before;
        wait[t.name] = (wait[t.name] ?? 0) + mainThreadRunQueueWaitMs(pids.get(t)!) - waitedBefore;
        (samples[t.name] ??= []).push(...r.samples);
        seconds[t.name] = (seconds[t.name] ?? 0) + r.seconds;
      }
    }
    results[profile] = Object.fromEntries(targets.map((t) => [t.name, { ...stats(samples[t.name]!, seconds[t.name]!), cpuMsPerCommand: cpu[t.name]! / samples[t.name]!.length, waitMsPerCommand: wait[t.name]! / samples[t.name]!.length }]));
  }
  const answered = await waitAnswered(apiUrl, trellisSent);
  report(results, targets, answered, trellisSent, loadAtStart);
  if (!process.env.BENCH_DATABASE_URL) await dropDatabase(databaseUrl).catch(() => undefined);
}

function report(results: Record<string, Record<string, Stats & { cpuMsPerCommand: number; waitMsPerCommand: number }>>, targets: Target[], answered: { responses: number; apologies: number }, sent: number, loadAtStart: string) {
  const [floor, trellis] = targets.map((t) => t.name) as [string, string];
  const rows = Object.entries(results).flatMap(([profile, byApp]) => {
    const f = byApp[floor]!;
    const t = byApp[trellis]!;
    return [
      `| ${profile} | ${floor} | ${f.count} | ${f.errors} | ${fmt(f.p50)} | ${fmt(f.p99)} | ${fmt(f.max)} | ${f.rps.toFixed(0)} | ${fmt(f.cpuMsPerCommand)} | ${fmt(f.waitMsPerCommand)} |`,
      `| ${profile} | ${trellis} | ${t.count} | ${t.errors} | ${fmt(t.p50)} | ${fmt(t.p99)} | ${fmt(t.max)} | ${t.rps.toFixed(0)} | ${fmt(t.cpuMsPerCommand)} | ${fmt(t.waitMsPerCommand)} |`,
      `| ${profile} | **ratio Trellis / floor** | | | **${(t.p50 / f.p50).toFixed(2)}×** | **${(t.p99 / f.p99).toFixed(2)}×** | | | ${(t.cpuMsPerCommand / f.cpuMsPerCommand).toFixed(1)}× | ${(t.waitMsPerCommand / f.waitMsPerCommand).toFixed(1)}× |`,
    ];
  });
  const verdicts = Object.entries(results).map(([profile, byApp]) => {
    const ratio = byApp[trellis]!.p99 / byApp[floor]!.p99;
    return `${profile}: p99 ratio ${ratio.toFixed(2)}× (target ≤ ${TARGET_RATIO}×: ${ratio <= TARGET_RATIO ? 'met' : 'not met'})`;
  });
  const table = [
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:slack\` on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}; ${ROUNDS} interleaved rounds per profile; load average (1/5/15 min) ${loadAtStart} at the start, ${loadAverage()} at the end.`,
    `${verdicts.join('; ')}.`,
    `Trellis answered ${answered.responses} of ${sent} commands on their response_url (the work after the ack); ${answered.apologies} of those answers were apologies for a failure.`,
    '',
    '| load | app | requests | errors | p50 ms | p99 ms | max ms | req/s | event-loop CPU ms per command | event loop waiting for a CPU, ms per command |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
  process.stdout.write(`${table}\n`);
  mkdirSync(new URL('bench/results/', root), { recursive: true });
  writeFileSync(new URL('bench/results/slack-ack.json', root), JSON.stringify({ at: new Date().toISOString(), load: { start: loadAtStart, end: loadAverage() }, results, answered, sent }, null, 2));
  if (process.argv.includes('--write')) {
    const file = new URL('BENCHMARKS.md', root);
    const doc = readFileSync(file, 'utf8');
    const marked = /(<!-- bench:slack:start -->\n)[\s\S]*?(\n<!-- bench:slack:end -->)/;
    if (!marked.test(doc)) throw new Error('BENCHMARKS.md has no bench:slack markers');
    writeFileSync(file, doc.replace(marked, `$1${table}$2`));
  }
}

try {
  await main();
} finally {
  for (const child of children) child.kill('SIGTERM');
}
process.exit(0);
