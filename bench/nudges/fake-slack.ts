// A fake Slack Web API on loopback, run as its own process so its CPU is not the engine's:
// answers chat.postMessage and conversations.open like Slack does, and remembers when each
// message arrived (GET /stats). Started by bench/nudges.ts; prints its port on stdout.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Arrival {
  key: string;
  channel: string;
  /** When the request reached us, and when the sender said it sent it (its own clock, same host). */
  at: number;
  sentAt: number;
}

let arrivals: Arrival[] = [];
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
    arrivals.push({ key: metadata.event_payload?.key ?? '', channel: params.get('channel') ?? '', at, sentAt: metadata.event_payload?.sentAt ?? at });
    return send(res, { ok: true, channel: params.get('channel'), ts: `${Date.now() / 1000}` });
  }
  send(res, { ok: false, error: 'unknown_method' });
});
server.keepAliveTimeout = 60_000;
server.on('connection', () => connections++);
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
