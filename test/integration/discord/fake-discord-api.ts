import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  /** Decoded path after the version, e.g. `/channels/123/messages`, `/webhooks/1/tok/messages/@original`. */
  path: string;
  body: any;
  auth: string | undefined;
}

/** A scripted failure for the next call(s) matching a method and path pattern. */
export interface Failure {
  method?: string;
  path: RegExp;
  status: number;
  /** Seconds, sent as Retry-After (and retry_after in the body) on 429. */
  retryAfter?: number;
  global?: boolean;
  code?: number;
  times?: number;
}

/** A message the fake created (a POST that Discord's nonce check returned instead is not one). */
export interface CreatedMessage {
  id: string;
  channelId: string;
  nonce: string | undefined;
  /** The Authorization header it came with: Discord checks a nonce per author. */
  author: string | undefined;
  body: any;
  at: number;
}

/**
 * How long Discord remembers a nonce for `enforce_nonce` ("the past few minutes" in its docs; the
 * exact span is not published): the fake uses two minutes, shorter than the real one is said to be,
 * so that a test relying on it is not relying on luck.
 */
export const NONCE_WINDOW_MS = 2 * 60_000;

/**
 * A local stand-in for Discord's REST API (v10) over loopback: records every call, answers the
 * routes the adapter uses in Discord's shapes, and can be told to fail with 429/401/403/5xx.
 * Message creation follows Discord's `nonce` + `enforce_nonce`: the same author sending the same
 * nonce again within the window gets the earlier message back and nothing new is posted.
 */
export class FakeDiscordApi {
  readonly calls: RecordedCall[] = [];
  /** Every message created, in order. */
  readonly messages: CreatedMessage[] = [];
  /** DM channel id → the user it was opened with. */
  readonly dmChannels = new Map<string, string>();
  /** What GET /gateway/bot answers: where discord.js opens the gateway (a FakeDiscordGateway). */
  gatewayUrl?: string;
  private readonly failures: Failure[] = [];
  private server?: Server;
  private nextId = 1_100_000_000_000_000_000n;

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/api`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  failNext(failure: Failure): void {
    this.failures.push({ times: 1, ...failure });
  }

  /** Calls matching the filter, in order. */
  find(method: string, path: RegExp): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && path.test(c.path));
  }

  /** Waits (polling) until a call matches; the deferred path answers after the HTTP response. */
  async waitFor(method: string, path: RegExp, count = 1, timeoutMs = 10_000): Promise<RecordedCall[]> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const found = this.find(method, path);
      if (found.length >= count) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no ${method} ${path} within ${timeoutMs} ms; calls: ${this.calls.map((c) => `${c.method} ${c.path}`).join(', ')}`);
  }

  private id(): string {
    return String(this.nextId++);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const path = decodeURIComponent((req.url ?? '').split('?')[0]!.replace(/^\/api\/v\d+/, ''));
    const method = req.method ?? 'GET';
    this.calls.push({ method, path, body: text ? JSON.parse(text) : undefined, auth: req.headers.authorization });
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      // Like Discord, a 204 has no body and no content type.
      res.writeHead(status, { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    const failure = this.failures.find((f) => (!f.method || f.method === method) && f.path.test(path));
    if (failure) {
      if (--failure.times! <= 0) this.failures.splice(this.failures.indexOf(failure), 1);
      if (failure.status === 429) {
        const headers: Record<string, string> = { 'retry-after': String(failure.retryAfter ?? 1), 'x-ratelimit-scope': 'user' };
        if (failure.global) headers['x-ratelimit-global'] = 'true';
        return send(429, { message: 'You are being rate limited.', retry_after: failure.retryAfter ?? 1, global: Boolean(failure.global) }, headers);
      }
      return send(failure.status, { message: `fake ${failure.status}`, code: failure.code ?? 0 });
    }
    this.route(method, path, this.calls[this.calls.length - 1]!.body, send, req.headers.authorization);
  }

  /** Creates a message, or returns the one this author already created with this nonce (enforce_nonce, within the window). */
  private createMessage(channelId: string, body: any, author: string | undefined): object {
    const nonce = body?.nonce === undefined ? undefined : String(body.nonce);
    if (nonce !== undefined && nonce.length > 25) throw new Error(`nonce longer than Discord's 25 characters: ${nonce}`);
    const { enforce_nonce: enforce, ...content } = body ?? {};
    if (nonce !== undefined && enforce === true) {
      const earlier = this.messages.find((m) => m.author === author && m.nonce === nonce && Date.now() - m.at < NONCE_WINDOW_MS);
      if (earlier) return { id: earlier.id, channel_id: earlier.channelId, ...earlier.body };
    }
    const created: CreatedMessage = { id: this.id(), channelId, nonce, author, body: content, at: Date.now() };
    this.messages.push(created);
    return { id: created.id, channel_id: channelId, ...content };
  }

  private route(method: string, path: string, body: any, send: (status: number, body?: unknown) => void, author?: string): void {
    if (method === 'POST' && path === '/users/@me/channels') {
      const existing = [...this.dmChannels].find(([, user]) => user === body.recipient_id)?.[0];
      const id = existing ?? this.id();
      this.dmChannels.set(id, body.recipient_id);
      return send(200, { id, type: 1, recipients: [{ id: body.recipient_id }] });
    }
    const channelMessage = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (method === 'POST' && channelMessage) return send(200, this.createMessage(channelMessage[1]!, body, author));
    if (/^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return send(204);
    if (/^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(path)) return method === 'DELETE' ? send(204) : send(200, { id: this.id(), ...body });
    if (method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(path)) return send(200, { id: this.id(), ...body });
    if (method === 'GET' && path === '/gateway/bot' && this.gatewayUrl) {
      return send(200, { url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 } });
    }
    if (method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) return send(200, (body as unknown[]).map((c) => ({ id: this.id(), ...(c as object) })));
    send(404, { message: 'Unknown route', code: 0 });
  }
}
