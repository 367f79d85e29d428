import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** What the client sent, in order, with the connection it came on (1 = the first). */
export interface Received {
  op: number;
  d: any;
  connection: number;
}

interface Session {
  id: string;
  /** Every dispatch of the session, so a RESUME replays what the client missed. */
  events: { op: 0; t: string; s: number; d: unknown }[];
}

export interface FakeGatewayOptions {
  /** The bot token IDENTIFY and RESUME must carry. */
  token: string;
  applicationId: string;
  /** Guilds announced as unavailable in READY, then each in its own GUILD_CREATE. */
  guilds?: { id: string; name: string }[];
  heartbeatIntervalMs?: number;
}

const OP = { dispatch: 0, heartbeat: 1, identify: 2, resume: 6, reconnect: 7, invalidSession: 9, hello: 10, heartbeatAck: 11 } as const;

/**
 * A local stand-in for Discord's gateway (API v10, JSON encoding, no compression), speaking the
 * part of the protocol a bot with the Guilds intent meets: HELLO with a heartbeat interval,
 * IDENTIFY → READY (+ GUILD_CREATE), heartbeats acknowledged, dispatches with sequence numbers,
 * RESUME with the missed events replayed then RESUMED (or INVALID_SESSION for an unknown one),
 * and connections it can drop. discord.js finds it through the fake REST API's GET /gateway/bot.
 */
export class FakeDiscordGateway {
  readonly received: Received[] = [];
  /** The query of each connection (`v`, `encoding`, `compress`), in order. */
  readonly connections: URLSearchParams[] = [];
  /** The close code of each connection that ended, in order (1006: dropped without a close frame). */
  readonly closes: number[] = [];
  /** Set false to stop answering heartbeats (a zombied connection). */
  ackHeartbeats = true;
  private server?: WebSocketServer;
  private socket?: WebSocket;
  private connectionNumber = 0;
  private session?: Session;
  private seq = 0;
  /** A client holds a session on the live connection (READY or RESUMED sent). */
  private live = false;
  readonly botUserId = String(1_200_000_000_000_000_000n + BigInt(Date.now() % 1_000_000));

  constructor(private readonly options: FakeGatewayOptions) {}

  get url(): string {
    return `ws://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  get sessionId(): string | undefined {
    return this.session?.id;
  }

  /** The sequence number of the newest dispatch. */
  get sequence(): number {
    return this.seq;
  }

  async start(): Promise<void> {
    this.server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => this.server!.once('listening', () => resolve()));
    this.server.on('connection', (socket, request) => this.accept(socket, new URL(request.url ?? '/', 'ws://gateway').searchParams));
  }

  async stop(): Promise<void> {
    for (const client of this.server?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Sends a dispatch on the live connection; with none, keeps it for the session's RESUME. */
  dispatch(t: string, d: unknown): void {
    const event = { op: OP.dispatch, t, s: ++this.seq, d } as const;
    this.session?.events.push(event);
    if (this.socket && this.socket.readyState === this.socket.OPEN) this.send(event);
  }

  /** Drops the live connection: without a close frame (a network failure), or with a close code. */
  drop(code?: number): void {
    if (code === undefined) this.socket?.terminate();
    else this.socket?.close(code, 'fake gateway closed it');
    this.socket = undefined;
  }

  /** Forgets the session, as Discord does after it times out: a RESUME then gets INVALID_SESSION. */
  forgetSession(): void {
    this.session = undefined;
  }

  /** Asks the client to reconnect and resume (opcode 7), as Discord does before moving a session. */
  askToReconnect(): void {
    this.send({ op: OP.reconnect, d: null });
  }

  /** Payloads of one opcode the client sent. */
  sent(op: keyof typeof OP): Received[] {
    return this.received.filter((r) => r.op === OP[op]);
  }

  /** Waits (polling) until the client sent `count` payloads of this opcode. */
  async waitFor(op: keyof typeof OP, count = 1, timeoutMs = 15_000): Promise<Received[]> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const found = this.sent(op);
      if (found.length >= count) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`the client sent ${this.sent(op).length} ${op} payload(s) within ${timeoutMs} ms, not ${count}; it sent ops ${this.received.map((r) => r.op).join(',')}`);
  }

  /** Resolves when a client is connected and holds a session (after READY or RESUMED). */
  async waitUntilLive(timeoutMs = 15_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (this.live && this.socket && this.socket.readyState === this.socket.OPEN) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no live gateway session within ${timeoutMs} ms`);
  }

  private accept(socket: WebSocket, query: URLSearchParams): void {
    // One connection at a time, as Discord has per shard: a new one replaces the old.
    this.socket?.terminate();
    this.socket = socket;
    this.live = false;
    const connection = ++this.connectionNumber;
    this.connections.push(query);
    socket.on('message', (raw, isBinary) => {
      if (isBinary) return socket.close(4002, 'binary frames are not JSON (no compression negotiated)');
      let payload: { op: number; d: any };
      try {
        payload = JSON.parse(String(raw));
      } catch {
        return socket.close(4002, 'decode error');
      }
      this.received.push({ op: payload.op, d: payload.d, connection });
      this.onPayload(socket, payload);
    });
    socket.on('close', (code) => {
      this.closes.push(code);
      if (this.socket === socket) this.live = false;
    });
    if (query.get('v') !== '10' || query.get('encoding') !== 'json' || query.has('compress')) {
      socket.close(4012, `this fake speaks v10 JSON without compression, not ${query}`);
      return;
    }
    this.send({ op: OP.hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs ?? 1_000 } }, socket);
  }

  private onPayload(socket: WebSocket, payload: { op: number; d: any }): void {
    switch (payload.op) {
      case OP.heartbeat:
        if (this.ackHeartbeats) this.send({ op: OP.heartbeatAck }, socket);
        return;
      case OP.identify: {
        if (payload.d?.token !== this.options.token) return socket.close(4004, 'Authentication failed.');
        const guilds = this.options.guilds ?? [];
        this.session = { id: randomBytes(16).toString('hex'), events: [] };
        this.live = true;
        this.dispatch('READY', {
          v: 10,
          user: { id: this.botUserId, username: 'trellis', discriminator: '0', global_name: null, avatar: null, bot: true },
          guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
          session_id: this.session.id,
          resume_gateway_url: this.url,
          shard: payload.d.shard ?? [0, 1],
          application: { id: this.options.applicationId, flags: 0 },
        });
        for (const g of guilds) this.dispatch('GUILD_CREATE', guildCreate(g));
        return;
      }
      case OP.resume: {
        const { token, session_id: sessionId, seq } = payload.d ?? {};
        if (token !== this.options.token) return socket.close(4004, 'Authentication failed.');
        if (!this.session || this.session.id !== sessionId) {
          // d: false — the session cannot be resumed; the client identifies afresh.
          this.send({ op: OP.invalidSession, d: false }, socket);
          return;
        }
        for (const missed of this.session.events.filter((e) => e.s > seq)) this.send(missed, socket);
        this.live = true;
        this.dispatch('RESUMED', {});
        return;
      }
      default:
        return;
    }
  }

  private send(payload: object, socket = this.socket): void {
    socket?.send(JSON.stringify({ s: null, t: null, ...payload }));
  }
}

/** A GUILD_CREATE with the fields discord.js reads (a guild without `channels` counts as unavailable). */
function guildCreate(g: { id: string; name: string }) {
  return {
    id: g.id,
    name: g.name,
    icon: null,
    owner_id: '1000000000000000001',
    unavailable: false,
    member_count: 1,
    large: false,
    joined_at: new Date().toISOString(),
    features: [],
    roles: [],
    channels: [],
    threads: [],
    members: [],
    presences: [],
    voice_states: [],
    emojis: [],
    stickers: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
