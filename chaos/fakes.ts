// The fake platforms the four processes talk to (SLACK_API_URL, DISCORD_API_URL), in the
// orchestrator's process so every message they receive is in one place for the audit. They answer
// like the real APIs for what Trellis calls, and record each posted message with whatever key it
// carries: Slack's message metadata (when the sender sets it) and Discord's nonce. Discord keeps
// the real API's promise for `enforce_nonce`: the same nonce again returns the earlier message
// instead of posting a second one, so only visible messages count as received.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackPost {
  channel: string;
  /** Slack's message id: unique, and seconds since the epoch (history is filtered by it). */
  ts: string;
  /** metadata.event_payload.key, when the sender put the nudge's key there. */
  key?: string;
  /** Which part of a multi-part message (metadata.event_payload.part), 0 when untagged. */
  part: number;
  metadata?: unknown;
  threaded: boolean;
  at: number;
}

export interface DiscordPost {
  channelId: string;
  nonce?: string;
  at: number;
}

export interface PlatformFakes {
  slackApiUrl: string;
  discordApiUrl: string;
  /** Every chat.postMessage, in order. */
  slack: SlackPost[];
  /** Every visible Discord channel message, in order (a repeated nonce is not one). */
  discord: DiscordPost[];
  /** Discord posts answered with the earlier message because their nonce was seen before. */
  discordNonceRepeats: number;
  /** Command answers posted to Slack response_urls and Discord interaction webhooks. */
  replies: number;
  /** Answers by request: the Slack response_url's id or the Discord interaction token. */
  repliesTo: Map<string, string[]>;
  /** Prefix of the response_url given in each Slack command. */
  responseUrl: string;
  stop(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<string> {
  let raw = '';
  for await (const piece of req) raw += piece;
  return raw;
}

function slackArgs(req: IncomingMessage, raw: string): Record<string, unknown> {
  if ((req.headers['content-type'] ?? '').includes('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) args[k] = /^[[{]/.test(v) ? (JSON.parse(v) as unknown) : v;
  return args;
}

/** Discord DM channels are the user's id with a leading 9 (a snowflake-shaped, reversible id). */
export const discordDmChannel = (userId: string) => `9${userId}`;

export async function startPlatformFakes(): Promise<PlatformFakes> {
  const fakes = { slack: [] as SlackPost[], discord: [] as DiscordPost[], discordNonceRepeats: 0, replies: 0, repliesTo: new Map<string, string[]>() };
  const answered = (id: string, raw: string) => {
    let text = raw;
    try {
      const parsed = JSON.parse(raw) as { text?: string; content?: string; embeds?: Array<{ description?: string }> };
      text = parsed.text ?? parsed.content ?? parsed.embeds?.map((e) => e.description ?? '').join(' ') ?? raw;
    } catch {
      // not JSON: keep the raw body
    }
    fakes.repliesTo.set(id, [...(fakes.repliesTo.get(id) ?? []), text.slice(0, 200)]);
  };
  const nonces = new Map<string, string>();
  let seq = 1_200_000_000_000_000_000n;
  // Slack ts values: microseconds of real time, bumped so two messages never share one.
  let lastTs = 0;
  const nextTs = () => (lastTs = Math.max(lastTs + 1, Date.now() * 1000)) / 1e6;
  const json = (res: ServerResponse, status: number, payload?: unknown) => {
    res.writeHead(status, payload === undefined ? {} : { 'content-type': 'application/json' });
    res.end(payload === undefined ? undefined : JSON.stringify(payload));
  };

  function slack(req: IncomingMessage, res: ServerResponse, path: string, raw: string): void {
    if (path.startsWith('/slack/response/')) {
      fakes.replies++;
      answered(path.slice('/slack/response/'.length), raw);
      return json(res, 200, { ok: true });
    }
    const method = path.replace(/^\/slack\/api\//, '');
    const args = slackArgs(req, raw);
    switch (method) {
      case 'chat.postMessage': {
        const metadata = args.metadata as { event_payload?: { key?: unknown; part?: unknown } } | undefined;
        const key = typeof metadata?.event_payload?.key === 'string' ? metadata.event_payload.key : undefined;
        const part = typeof metadata?.event_payload?.part === 'number' ? metadata.event_payload.part : 0;
        const ts = nextTs().toFixed(6);
        fakes.slack.push({ channel: String(args.channel), ts, key, part, metadata, threaded: Boolean(args.thread_ts), at: Date.now() });
        return json(res, 200, { ok: true, channel: args.channel, ts, message: { text: args.text } });
      }
      case 'conversations.open':
        return json(res, 200, { ok: true, channel: { id: `D${String(args.users)}` } });
      case 'users.info':
        return json(res, 200, { ok: true, user: { id: args.user, name: String(args.user).toLowerCase(), real_name: String(args.user), tz: 'UTC', profile: { display_name: '', real_name: String(args.user) } } });
      case 'auth.test':
        return json(res, 200, { ok: true, team_id: 'TCHAOS', user_id: 'UBOT', bot_id: 'BBOT', team: 'Chaos', url: 'https://chaos.slack.com/' });
      case 'conversations.history': {
        // Like Slack: newest first, from `oldest` on, `limit` a page, with a cursor for the next.
        const oldest = Number(args.oldest ?? 0);
        const all = fakes.slack.filter((p) => p.channel === args.channel && Number(p.ts) >= oldest).reverse();
        const from = Number(args.cursor ?? 0);
        const limit = Number(args.limit ?? 100);
        const page = all.slice(from, from + limit).map((p) => ({ type: 'message', ts: p.ts, ...(p.metadata ? { metadata: p.metadata } : {}) }));
        const more = from + limit < all.length;
        return json(res, 200, { ok: true, messages: page, has_more: more, ...(more ? { response_metadata: { next_cursor: String(from + limit) } } : {}) });
      }
      default:
        return json(res, 200, { ok: true });
    }
  }

  function discord(req: IncomingMessage, res: ServerResponse, path: string, raw: string): void {
    const route = path.replace(/^\/discord\/api(\/v\d+)?/, '');
    const payload = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const method = req.method ?? 'GET';
    if (method === 'POST' && route === '/users/@me/channels') {
      const recipient = String(payload.recipient_id);
      return json(res, 200, { id: discordDmChannel(recipient), type: 1, recipients: [{ id: recipient }] });
    }
    const message = /^\/channels\/(\d+)\/messages$/.exec(route);
    if (method === 'POST' && message) {
      const nonce = typeof payload.nonce === 'string' ? payload.nonce : undefined;
      const earlier = nonce && payload.enforce_nonce ? nonces.get(`${message[1]}/${nonce}`) : undefined;
      if (earlier) {
        fakes.discordNonceRepeats++;
        return json(res, 200, { id: earlier, channel_id: message[1], nonce });
      }
      const id = String(seq++);
      if (nonce) nonces.set(`${message[1]}/${nonce}`, id);
      fakes.discord.push({ channelId: message[1]!, nonce, at: Date.now() });
      return json(res, 200, { id, channel_id: message[1], nonce });
    }
    if (/^\/interactions\/\d+\/[^/]+\/callback$/.test(route)) return json(res, 204);
    const webhook = /^\/webhooks\/\d+\/([^/]+)/.exec(route);
    if (webhook) {
      fakes.replies++;
      if (method !== 'DELETE') answered(webhook[1]!, raw);
      return method === 'DELETE' ? json(res, 204) : json(res, 200, { id: String(seq++), ...payload });
    }
    if (method === 'PUT' && /\/commands$/.test(route)) return json(res, 200, []);
    json(res, 404, { message: 'Unknown route', code: 0 });
  }

  const server: Server = createServer((req, res) => {
    void body(req).then((raw) => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://fake').pathname);
      if (path.startsWith('/slack/')) slack(req, res, path, raw);
      else if (path.startsWith('/discord/')) discord(req, res, path, raw);
      else json(res, 404, { ok: false });
    }).catch(() => json(res, 400, { ok: false, error: 'invalid_request' }));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(fakes, {
    slackApiUrl: `${base}/slack/api/`,
    discordApiUrl: `${base}/discord/api`,
    responseUrl: `${base}/slack/response/`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
