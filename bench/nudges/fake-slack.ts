// A fake Slack Web API on loopback, run as its own process so its CPU is not the engine's:
// answers chat.postMessage and conversations.open like Slack does, remembers when each message
// arrived (GET /stats), and reads a channel's messages back with their metadata
// (conversations.history, as a re-claim after a dead worker does). Started by bench/nudges.ts;
// prints its port on stdout.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Arrival {
  key: string;
  channel: string;
  ts: string;
  metadata: unknown;
  /** When the request reached us, and when the sender said it sent it (its own clock, same host). */
  at: number;
  sentAt: number;
}

let arrivals: Arrival[] = [];
let lastTs = 0;
let opened = 0;
/** TCP connections accepted: with keep-alive, a handful per worker process however many messages. */
let connections = 0;

function readBody(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if ((req.headers['content-type'] ?? '').includes('json')) {
        const json = JSON.parse(body || '{}') as Record<string, unknown>;
        const pairs = Object.entries(json).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]);
        resolve(new URLSearchParams(pairs));
      } else resolve(new URLSearchParams(body));
    });
  });
}

const send = (res: ServerResponse, body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));

const server = createServer(async (req, res) => {
  const url = req.url ?? '';
  if (req.method === 'GET' && url.startsWith('/stats')) return send(res, { arrivals, opened, connections });
  if (req.method === 'POST' && url.startsWith('/reset')) {
    arrivals = [];
    opened = 0;
    connections = 0;
    return send(res, { ok: true });
  }
  const params = await readBody(req);
  if (url.endsWith('/conversations.open')) {
    opened++;
    return send(res, { ok: true, channel: { id: `D${params.get('users')}` } });
  }
  if (url.endsWith('/chat.postMessage')) {
    const metadata = JSON.parse(params.get('metadata') ?? '{}') as { event_payload?: { key?: string; sentAt?: number } };
    const at = Date.now();
    const ts = ((lastTs = Math.max(at * 1000, lastTs + 1)) / 1e6).toFixed(6);
    arrivals.push({ key: metadata.event_payload?.key ?? '', channel: params.get('channel') ?? '', ts, metadata, at, sentAt: metadata.event_payload?.sentAt ?? at });
    return send(res, { ok: true, channel: params.get('channel'), ts });
  }
  if (url.endsWith('/conversations.history')) {
    const channel = params.get('channel');
    const oldest = Number(params.get('oldest') ?? 0);
    const limit = Number(params.get('limit') ?? 100);
    const withMetadata = params.get('include_all_metadata') === 'true';
    const messages = arrivals.filter((a) => a.channel === channel && Number(a.ts) > oldest).reverse();
    const page = messages.slice(0, limit).map((a) => ({ type: 'message', ts: a.ts, ...(withMetadata ? { metadata: a.metadata } : {}) }));
    return send(res, { ok: true, messages: page, has_more: messages.length > limit, response_metadata: { next_cursor: '' } });
  }
  send(res, { ok: false, error: 'unknown_method' });
});
server.keepAliveTimeout = 60_000;
server.on('connection', () => connections++);
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
