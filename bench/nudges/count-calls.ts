// BENCH_COUNT=1: each bench worker counts its Postgres queries and Redis commands by kind and
// prints them (and the messages it sent) when it stops — round trips per message, without a
// profiler. Patches the drivers' prototypes in this process only.
import pg from 'pg';
import { Redis } from 'ioredis';

const queries = new Map<string, number>();
const commands = new Map<string, number>();
const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

export function countCalls(): () => string {
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    const text = typeof first === 'string' ? first : (first?.text ?? '?');
    bump(queries, text.replace(/\s+/g, ' ').replace(/\$\d+/g, '$').slice(0, 90));
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
  const send = Redis.prototype.sendCommand;
  Redis.prototype.sendCommand = function (this: Redis, command, stream) {
    const c = command as unknown as { name: string; args: unknown[] };
    bump(commands, c.name === 'evalsha' || c.name === 'eval' ? `${c.name} ${String(c.args[0]).slice(0, 8)}` : c.name);
    return send.call(this, command, stream);
  };
  const table = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${String(n).padStart(7)}  ${k}`).join('\n');
  return () => `postgres queries:\n${table(queries)}\nredis commands:\n${table(commands)}`;
}
