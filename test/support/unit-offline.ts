/**
 * Setup file of the `unit` project (vitest.config.ts): unit tests never touch Postgres, Redis or
 * anything else over a socket. Every outgoing connection (TCP, TLS, Unix socket — pg, Prisma's
 * adapter, ioredis and BullMQ all go through `net.Socket#connect`) fails at once with an error
 * naming the target, and is also recorded, so a library that swallows the error (and retries)
 * still fails the test: the afterEach below throws.
 * A test that needs the database belongs in test/integration.
 */
import net from 'node:net';
import { afterAll, afterEach } from 'vitest';

interface OfflineGuard {
  blocked: string[];
}

const KEY = Symbol.for('trellis.unit-offline');
const WELL_KNOWN: Record<string, string> = { '5432': 'Postgres', '6379': 'Redis' };

function describeTarget(args: unknown[]): string {
  const [first, second] = args;
  const options = (Array.isArray(first) ? first[0] : first) as unknown;
  if (typeof options === 'object' && options !== null) {
    const o = options as { path?: string; host?: string; port?: number | string };
    if (o.path) return `unix socket ${o.path}${o.path.includes('.s.PGSQL') ? ' (Postgres)' : ''}`;
    return withService(o.host ?? 'localhost', o.port);
  }
  if (typeof first === 'string' && Number.isNaN(Number(first))) return `unix socket ${first}`;
  return withService(typeof second === 'string' ? second : 'localhost', first as number | string | undefined);
}

function withService(host: string, port: number | string | undefined): string {
  const service = WELL_KNOWN[String(port)];
  return `${host}:${port}${service ? ` (${service})` : ''}`;
}

function install(): OfflineGuard {
  const existing = (globalThis as Record<symbol, OfflineGuard | undefined>)[KEY];
  if (existing) return existing;
  const guard: OfflineGuard = { blocked: [] };
  (globalThis as Record<symbol, OfflineGuard>)[KEY] = guard;
  net.Socket.prototype.connect = function blockedConnect(this: net.Socket, ...args: unknown[]): net.Socket {
    const target = describeTarget(args);
    guard.blocked.push(target);
    // Fail the way a refused connection does (an 'error' on the socket), so every client's own
    // error path runs — pg rejects, a pg pool rejects, ioredis emits 'error' — instead of hanging.
    const error = Object.assign(new Error(`Unit tests must not open connections: tried ${target}. Tests that need Postgres or Redis belong in test/integration.`), {
      code: 'ERR_UNIT_TEST_OFFLINE',
    });
    process.nextTick(() => this.destroy(error));
    return this;
  } as typeof net.Socket.prototype.connect;
  return guard;
}

const guard = install();

/** Connection attempts since the last call (the guard's own test uses this to clear what it provoked). */
export function takeBlockedConnections(): string[] {
  return guard.blocked.splice(0);
}

function failIfBlocked(when: string): void {
  const blocked = takeBlockedConnections();
  if (blocked.length) throw new Error(`A unit test tried to connect ${when}: ${blocked.join(', ')}. Move it to test/integration.`);
}

afterEach(() => failIfBlocked('during the test'));
afterAll(() => failIfBlocked('in a hook of this file'));
