// The durable intake's SQL (see src/platform/intake.ts). The web process writes each request here
// before its acknowledgement, on its main loop, so the write is cheap: requests arriving together
// share one multi-row INSERT (group commit), and a lone request costs one round trip.
import type { PrismaClient } from '../../generated/prisma/client.js';
import { createBatcher } from '../../jobs/batcher.js';
import type { ClaimedRequest, ClaimOptions, InboundRequest, IntakeRecords } from '../../platform/intake.js';
import type { Platform as PlatformName } from '../../core/domain.js';
import type { Cipher } from '../../security/crypto.js';
import { utcText } from './nudges/sql.js';
import { sealedColumn } from './sealed.js';

// synchronous_commit off for this statement's transaction only: the ack then waits for the
// round trip, not for the WAL flush (about 4 ms against 1 ms at the median on the bench machine;
// BENCHMARKS.md). The row is visible to every other session at once, so a web process that dies
// after the ack loses nothing; only a crash of Postgres itself within the WAL writer's delay
// (≤ 3 × 200 ms) could lose it — and the process that took it, still alive, then runs it anyway
// (or, Postgres being down, tells the person it failed). The command's own transaction, which
// marks it applied, commits synchronously as always.
const RECORD = `
WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true))
INSERT INTO "InboundRequest" ("id", "platform", "workspace", "payloadEnc", "receivedAt")
SELECT u.* FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamp(3)[]) AS u, relaxed
ON CONFLICT ("id") DO NOTHING
RETURNING "id"`;

const ANSWERED = `UPDATE "InboundRequest" SET "answeredAt" = $2::timestamp(3) WHERE "id" = ANY($1::text[]) AND "answeredAt" IS NULL`;

// The heartbeat of the requests this process is still working on (see `held` below).
const HOLD = `UPDATE "InboundRequest" SET "leaseUntil" = $2::timestamp(3) WHERE "id" = ANY($1::text[]) AND "answeredAt" IS NULL`;

// SKIP LOCKED and the lease re-checked under the row lock: two replayers never get one request.
const CLAIM = `
UPDATE "InboundRequest" r
SET "leaseUntil" = $2::timestamp(3) + ($3::int * interval '1 millisecond'), "attempts" = r."attempts" + 1
FROM (
  SELECT "id" FROM "InboundRequest"
  WHERE "appliedAt" IS NULL AND "answeredAt" IS NULL AND "receivedAt" < $1::timestamp(3)
    AND ("leaseUntil" IS NULL OR "leaseUntil" < $2::timestamp(3)) AND "attempts" < $5
  ORDER BY "receivedAt"
  LIMIT $4
  FOR UPDATE SKIP LOCKED
) due
WHERE r."id" = due."id"
RETURNING r."id", r."platform", r."workspace", r."payloadEnc", r."receivedAt", r."attempts"`;

interface ClaimedRow {
  id: string;
  platform: string;
  workspace: string;
  payloadEnc: string;
  receivedAt: Date;
  attempts: number;
}

/** Each call of a batch as its own key, so two calls with one id can get different answers. */
interface Pending {
  request: InboundRequest;
  sealed: string;
}

export interface IntakeOptions {
  /**
   * The replay grace period (TRELLIS_REPLAY_AFTER_SECONDS). Requests this process holds get
   * their lease pushed this far ahead, a few times per period, until they are answered.
   */
  holdMs?: number;
  now?: () => number;
}

export function createIntakeRecords(db: PrismaClient, cipher: Cipher, options: IntakeOptions = {}): IntakeRecords {
  const payloads = sealedColumn(cipher, 'InboundRequest', 'payloadEnc');
  const now = options.now ?? Date.now;
  const holdMs = options.holdMs ?? 20_000;

  // Requests written down or claimed here and not yet answered: a command queued behind a burst
  // may wait longer than the grace period, and must not be replayed while this process lives.
  const held = new Set<string>();
  let heartbeat: NodeJS.Timeout | undefined;
  function hold(id: string): void {
    held.add(id);
    if (heartbeat) return;
    // A row's first beat comes within a quarter period of its receipt, before any replayer may take it.
    heartbeat = setInterval(() => {
      if (!held.size) {
        clearInterval(heartbeat);
        heartbeat = undefined;
        return;
      }
      void db.$executeRawUnsafe(HOLD, [...held], utcText(new Date(now() + holdMs))).catch(() => undefined);
    }, Math.max(100, holdMs / 4));
    heartbeat.unref();
  }

  /** One INSERT for the batch; only the first call naming an id may find it new. */
  async function insert(batch: Pending[]): Promise<boolean[]> {
    const firstOf = new Map<string, number>();
    batch.forEach((p, i) => (firstOf.has(p.request.id) ? undefined : firstOf.set(p.request.id, i)));
    const rows = [...firstOf.values()].map((i) => batch[i]!);
    const inserted = await db.$queryRawUnsafe<{ id: string }[]>(
      RECORD,
      rows.map((p) => p.request.id),
      rows.map((p) => p.request.platform),
      rows.map((p) => p.request.workspace),
      rows.map((p) => p.sealed),
      rows.map((p) => utcText(p.request.receivedAt)),
    );
    const fresh = new Set(inserted.map((r) => r.id));
    return batch.map((p, i) => fresh.has(p.request.id) && firstOf.get(p.request.id) === i);
  }

  // Each call is its own key (by object identity), so duplicates in one batch are told apart above.
  const record = createBatcher<Pending, boolean>(insert, { max: 200 });
  const answeredAt = new Map<string, Date>();
  const markAnswered = createBatcher<string, void>(
    async (ids) => {
      // One timestamp per batch: the latest asked for (they are milliseconds apart).
      const at = ids.map((id) => answeredAt.get(id)!).reduce((a, b) => (a > b ? a : b));
      ids.forEach((id) => answeredAt.delete(id));
      await db.$executeRawUnsafe(ANSWERED, ids, utcText(at));
      return ids.map(() => undefined);
    },
    { max: 500 },
  );

  return {
    async record(request) {
      const fresh = await record({ request, sealed: payloads.seal(request.id, JSON.stringify(request.payload)) });
      if (fresh) hold(request.id);
      return fresh;
    },
    answered(id, at) {
      held.delete(id);
      answeredAt.set(id, at);
      return markAnswered(id);
    },
    release(id) {
      held.delete(id);
    },
    async claim(options: ClaimOptions): Promise<ClaimedRequest[]> {
      const rows = await db.$queryRawUnsafe<ClaimedRow[]>(CLAIM, utcText(options.receivedBefore), utcText(options.now), options.leaseMs, options.limit, options.maxAttempts);
      rows.forEach((row) => hold(row.id));
      return rows.map((row) => ({
        id: row.id,
        platform: row.platform as PlatformName,
        workspace: row.workspace,
        payload: JSON.parse(payloads.open(row.id, row.payloadEnc)) as unknown,
        receivedAt: row.receivedAt,
        attempts: row.attempts,
      }));
    },
    async forgetBefore(before) {
      return db.$executeRawUnsafe(`DELETE FROM "InboundRequest" WHERE "receivedAt" < $1::timestamp(3)`, utcText(before));
    },
  };
}
