/**
 * A local stand-in for Slack's Web API (and for response_url endpoints), on loopback. The real
 * SDK clients talk to it through SLACK_API_URL. It records every call, answers the methods
 * Trellis uses in Slack's response shapes, and can be told to fail (429 with Retry-After,
 * Slack errors) or to treat a token as revoked.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiCall {
  method: string;
  token: string | undefined;
  args: Record<string, unknown>;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
}

export interface SlackUserRecord {
  id: string;
  name: string;
  tz?: string;
  displayName?: string;
}

type Failure = { status: 429; retryAfter: number } | { error: string };

/** A message as the fake keeps it per conversation (what conversations.history reads back). */
export interface PostedMessage {
  ts: string;
  text: unknown;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

const parseArgs = (req: IncomingMessage, raw: string): Record<string, unknown> => {
  if ((req.headers['content-type'] ?? '').includes('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    // The SDK sends objects (blocks, view) as JSON strings inside the form.
    args[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
  }
  return args;
};

export class FakeSlackApi {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  readonly users = new Map<string, SlackUserRecord>();
  readonly revokedTokens = new Set<string>();
  /** Channel id → its messages, oldest first: every chat.postMessage, kept even with `record: false`. */
  readonly conversations = new Map<string, PostedMessage[]>();
  private lastTs = 0;
  private readonly failures = new Map<string, Failure[]>();
  private server: Server | undefined;
  private seq = 0;
  private responseCount = 0;
  private apologyCount = 0;
  url = '';
  /** Where apps.connections.open sends Socket Mode clients (a test's WebSocket server). */
  socketUrl = '';

  /** `anyUser`: users.info knows every user id (benchmarks); `record: false` keeps no history. */
  constructor(private readonly options: { anyUser?: boolean; record?: boolean } = {}) {}

  private get anyUser(): boolean {
    return Boolean(this.options.anyUser);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** A fresh response_url, as Slack puts in each slash command and message button payload. */
  responseUrl(): string {
    return `${this.url}/response/${++this.seq}`;
  }

  /** The next `times` calls to `method` fail this way. */
  failNext(method: string, failure: Failure, times = 1): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...Array.from({ length: times }, () => failure)]);
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Forgets what was recorded so far. */
  reset(): void {
    this.calls.length = 0;
    this.responses.length = 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = '';
    for await (const piece of req) raw += piece;
    const send = (status: number, body: object, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', this.url);
    if (url.pathname === '/stats') return send(200, { responses: this.responseCount, apologies: this.apologyCount });
    if (url.pathname.startsWith('/response/')) {
      this.responseCount++;
      if (raw.includes('went wrong')) this.apologyCount++;
      if (this.options.record !== false) this.responses.push({ id: url.pathname.slice('/response/'.length), body: JSON.parse(raw) as Record<string, unknown> });
      return send(200, { ok: true });
    }
    if (!url.pathname.startsWith('/api/')) return send(404, { ok: false, error: 'not_found' });
    const method = url.pathname.replace(/^\/api\//, '');
    const auth = req.headers.authorization;
    const args = parseArgs(req, raw);
    const token = auth?.replace(/^Bearer /, '') ?? (args.token as string | undefined);
    if (this.options.record !== false) this.calls.push({ method, token, args });
    const failure = this.failures.get(method)?.shift();
    if (failure && 'status' in failure) return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter) });
    if (failure) return send(200, { ok: false, error: failure.error });
    if (token && this.revokedTokens.has(token)) return send(200, { ok: false, error: 'token_revoked' });
    send(200, this.answer(method, args, token));
  }

  private answer(method: string, args: Record<string, unknown>, token: string | undefined): object {
    switch (method) {
      case 'auth.test':
        return { ok: true, team_id: 'T_FROM_TOKEN', user_id: 'UBOT', bot_id: 'BBOT', team: 'Fake', url: 'https://fake.slack.com/' };
      case 'users.info': {
        const user = this.users.get(String(args.user)) ?? (this.anyUser ? { id: String(args.user), name: String(args.user).toLowerCase(), tz: 'UTC' } : undefined);
        if (!user) return { ok: false, error: 'user_not_found' };
        return { ok: true, user: { id: user.id, name: user.name, real_name: user.displayName ?? user.name, tz: user.tz, profile: { display_name: user.displayName ?? '', real_name: user.displayName ?? user.name } } };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users)}` } };
      case 'chat.postMessage':
        return this.post(args);
      case 'conversations.history':
        return this.history(args);
      case 'views.open':
      case 'views.push':
      case 'views.publish':
      case 'views.update':
        return { ok: true, view: { id: `V${++this.seq}`, ...(args.view as object) } };
      case 'apps.connections.open':
        return this.socketUrl ? { ok: true, url: this.socketUrl } : { ok: false, error: 'not_allowed_token_type' };
      case 'oauth.v2.access':
        return this.oauthAccess(String(args.code));
      default:
        void token;
        return { ok: true };
    }
  }

  /** Messages posted to a channel that carry this metadata key (`event_payload.key`), oldest first. */
  deliveriesOf(key: string): PostedMessage[] {
    return [...this.conversations.values()].flat().filter((m) => m.metadata?.event_payload.key === key);
  }

  private post(args: Record<string, unknown>): object {
    // Slack's ts: seconds with microseconds, unique and increasing within a channel.
    const ts = (this.lastTs = Math.max(Date.now() * 1000, this.lastTs + 1));
    const message: PostedMessage = { ts: (ts / 1e6).toFixed(6), text: args.text };
    const metadata = args.metadata as PostedMessage['metadata'] | undefined;
    if (metadata) message.metadata = metadata;
    const channel = String(args.channel);
    this.conversations.set(channel, [...(this.conversations.get(channel) ?? []), message]);
    return { ok: true, channel, ts: message.ts, message: { text: args.text } };
  }

  /** Newest first, after `oldest`, `limit` a page (cursor = how many were already returned); metadata only when asked for. */
  private history(args: Record<string, unknown>): object {
    const channel = String(args.channel);
    if (!this.conversations.has(channel) && !channel.startsWith('D')) return { ok: false, error: 'not_in_channel' };
    const oldest = Number(args.oldest ?? 0);
    const limit = Math.min(Number(args.limit ?? 100), 999);
    const offset = Number(args.cursor ?? 0);
    const withMetadata = args.include_all_metadata === true || args.include_all_metadata === 'true';
    const matching = (this.conversations.get(channel) ?? []).filter((m) => Number(m.ts) > oldest).reverse();
    const page = matching.slice(offset, offset + limit).map((m) => ({ type: 'message', ts: m.ts, text: m.text, bot_id: 'BBOT', ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}) }));
    const more = offset + limit < matching.length;
    return { ok: true, messages: page, has_more: more, response_metadata: { next_cursor: more ? String(offset + limit) : '' } };
  }

  /** Codes look like `code-<TEAMID>`; the installation is for that team. */
  private oauthAccess(code: string): object {
    const team = code.replace(/^code-/, '');
    return {
      ok: true,
      app_id: 'A0TRELLIS',
      authed_user: { id: 'UINSTALLER' },
      scope: 'commands,chat:write,chat:write.public,im:write,users:read,im:history,channels:history,groups:history',
      token_type: 'bot',
      access_token: `xoxb-${team}-installed`,
      bot_user_id: `UBOT${team}`,
      team: { id: team, name: `Team ${team}` },
      enterprise: null,
      is_enterprise_install: false,
    };
  }
}
