// Load generation and statistics for bench:slack: signed slash commands over keep-alive HTTP.
import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';

export interface Target {
  name: string;
  url: string;
}

export interface Sample {
  ms: number;
  status: number;
}

export interface Stats {
  count: number;
  errors: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
  rps: number;
}

export interface LoadOptions {
  secret: string;
  responseUrlBase: string;
  teamId: string;
  users: number;
  texts: string[];
}

let seq = 0;

/** A slash command body with Slack's field set (as in test/fixtures/slack/slash-command.txt). */
function slashBody(o: LoadOptions): string {
  const n = seq++;
  const user = `UBENCH${n % o.users}`;
  return new URLSearchParams({
    token: 'bench', team_id: o.teamId, team_domain: 'bench', channel_id: 'CBENCH', channel_name: 'bench', user_id: user, user_name: user.toLowerCase(),
    command: '/mentor', text: o.texts[n % o.texts.length]!, api_app_id: 'ABENCH', is_enterprise_install: 'false',
    response_url: `${o.responseUrlBase}/response/${n}`, trigger_id: `${n}.1.bench`,
  }).toString();
}

function send(agent: Agent, target: Target, o: LoadOptions): Promise<Sample> {
  const body = slashBody(o);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', o.secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(`${target.url}/slack/events`, {
      method: 'POST', agent, timeout: 10_000,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve({ ms: performance.now() - started, status: res.statusCode ?? 0 }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ ms: performance.now() - started, status: 0 }));
    req.end(body);
  });
}

/** Closed loop: `concurrency` connections, each sending its next command as soon as the last is acknowledged. */
export async function burst(target: Target, o: LoadOptions, total: number, concurrency: number): Promise<{ samples: Sample[]; seconds: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const samples: Sample[] = [];
  let left = total;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (left-- > 0) samples.push(await send(agent, target, o));
  }));
  agent.destroy();
  return { samples, seconds: (performance.now() - started) / 1000 };
}

/** Open loop: commands arrive at a fixed rate, whether or not earlier ones were acknowledged. */
export async function steady(target: Target, o: LoadOptions, perSecond: number, seconds: number): Promise<{ samples: Sample[]; seconds: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const pending: Promise<Sample>[] = [];
  const started = performance.now();
  const total = perSecond * seconds;
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(send(agent, target, o));
  }
  const samples = await Promise.all(pending);
  agent.destroy();
  return { samples, seconds: (performance.now() - started) / 1000 };
}

export function stats(samples: Sample[], seconds: number): Stats {
  const ok = samples.filter((s) => s.status === 200).map((s) => s.ms).sort((a, b) => a - b);
  const at = (q: number) => ok[Math.min(ok.length - 1, Math.max(0, Math.ceil(q * ok.length) - 1))] ?? NaN;
  return {
    count: samples.length,
    errors: samples.length - ok.length,
    p50: at(0.5), p90: at(0.9), p99: at(0.99), max: ok.at(-1) ?? NaN,
    mean: ok.reduce((a, b) => a + b, 0) / (ok.length || 1),
    rps: samples.length / seconds,
  };
}
