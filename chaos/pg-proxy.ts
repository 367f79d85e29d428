// A TCP proxy between the Trellis processes and Postgres, so the run can cut every Postgres
// connection at once and refuse new ones for a while ("Postgres gone for 10 s") without touching
// the shared server. The orchestrator's own seeding and audit connect to Postgres directly.
import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface PgProxy {
  port: number;
  /** Destroys every proxied connection and refuses new ones for `ms`. */
  cut(ms: number): Promise<void>;
  /** Connections destroyed by cuts, and connections refused while cut. */
  readonly stats: { destroyed: number; refused: number };
  close(): Promise<void>;
}

export async function startPgProxy(upstream: { host: string; port: number }): Promise<PgProxy> {
  const open = new Set<Socket>();
  const stats = { destroyed: 0, refused: 0 };
  let cutUntil = 0;
  const server = createServer((client) => {
    if (Date.now() < cutUntil) {
      stats.refused++;
      client.destroy();
      return;
    }
    const server = connect(upstream.port, upstream.host);
    for (const s of [client, server]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      // A cut resets both sides; either side's error just ends the pair.
      s.on('error', () => undefined);
    }
    client.pipe(server).on('error', () => undefined);
    server.pipe(client).on('error', () => undefined);
    client.on('close', () => server.destroy());
    server.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    stats,
    async cut(ms) {
      cutUntil = Date.now() + ms;
      for (const s of open) {
        stats.destroyed++;
        s.destroy();
      }
      await new Promise((resolve) => setTimeout(resolve, ms));
    },
    async close() {
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
