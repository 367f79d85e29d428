// Postgres briefly out of reach (a failover, a restart, a network cut) is not a reason to tell
// someone "something went wrong": their command was acknowledged, and it should be applied once the
// database answers again. This file says which errors mean "the connection, not the command", and
// runs a whole transaction again after them, a few times, with growing pauses.
//
// Running a transaction again is safe: it rolled back (or never began). The one ambiguous case, a
// connection lost during COMMIT, is covered for platform commands by the request log — the re-run
// finds the request already recorded and answers "already done" instead of applying it twice.

/** Node's and Postgres' codes for a connection that could not be made or was lost (SQLSTATE class 08, 57P0x). */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
/** Prisma's codes for an unreachable server, a dropped connection and a pool that could not hand one out in time. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const CONNECTION_MESSAGES = /Connection terminated|connection is closed|Can't reach database server|timeout exceeded when trying to connect|Server has closed the connection|terminating connection|Client has encountered a connection error/i;

/** True when the error (or anything it was caused by) says the database could not be reached, not that the work was wrong. */
export function isConnectionLost(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; originalCode?: unknown };
  if (typeof e.code === 'string' && (CONNECTION_CODES.has(e.code) || PRISMA_CODES.has(e.code))) return true;
  if (typeof e.originalCode === 'string' && CONNECTION_CODES.has(e.originalCode)) return true;
  if (typeof e.message === 'string' && CONNECTION_MESSAGES.test(e.message)) return true;
  return isConnectionLost(e.cause, depth + 1);
}

/** Pauses between tries (ms): about 20 s in all, longer than a typical failover or a brief cut. */
export const RECONNECT_PAUSES_MS = [250, 500, 1_000, 2_000, 4_000, 4_000, 4_000, 4_000] as const;

export async function retryWhileUnreachable<T>(
  work: () => Promise<T>,
  options: { pauses?: readonly number[]; sleep?: (ms: number) => Promise<void>; onRetry?: (error: unknown, attempt: number) => void } = {},
): Promise<T> {
  const pauses = options.pauses ?? RECONNECT_PAUSES_MS;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= pauses.length || !isConnectionLost(error)) throw error;
      options.onRetry?.(error, attempt + 1);
      await sleep(pauses[attempt]!);
    }
  }
}
