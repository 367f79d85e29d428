// PlannedNudge rows: idempotent upsert from the planner, and the claim protocol that gives each
// nudge at most one visible effect. Claims use the database's wall clock (leases measure process
// liveness, not program time, and one clock avoids skew between worker hosts); sentAt uses the program clock so reports line up with it.
import type { NudgeRefs, Occurrence } from '../core/nudges/index.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';

export type NudgeRow = Prisma.PlannedNudgeGetPayload<object>;

export const OPEN_STATUSES = ['planned', 'queued', 'claimed'] as const;
export const FINISHED_STATUSES: ReadonlySet<string> = new Set(['sent', 'skipped', 'failed', 'cancelled']);

/** The database's clock in UTC, the way Prisma stores `timestamp` columns; one clock for every lease. */
const NOW = `(now() AT TIME ZONE 'UTC')`;

/** Timestamps go in as UTC text so the session's time zone can never shift a `timestamp` column. */
const utcText = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

/** A JSON filter limiting rows to some workspaces (every row's refs carry its workspaceId). */
export function scopeWhere(workspaceIds: string[] | undefined): Prisma.PlannedNudgeWhereInput {
  if (!workspaceIds) return {};
  return { OR: workspaceIds.map((id) => ({ refs: { path: ['workspaceId'], equals: id } })) };
}

export function createNudgeStore(prisma: PrismaClient) {
  const CHUNK = 2_000;

  /**
   * Inserts new occurrences; a row still only planned follows a changed due time, and a row held
   * back while its person was paused comes back. Queued, claimed and finished rows are left alone.
   */
  async function upsert(occurrences: Occurrence[]): Promise<number> {
    let changed = 0;
    for (let i = 0; i < occurrences.length; i += CHUNK) {
      const chunk = occurrences.slice(i, i + CHUNK);
      changed += await prisma.$executeRawUnsafe(
        `INSERT INTO "PlannedNudge" ("id","key","kind","personId","channel","dueAt","status","attempts","refs","createdAt","updatedAt")
         SELECT gen_random_uuid()::text, t.k, t.kind, t.p, t.c, t.d::timestamp(3), 'planned', 0, t.r::jsonb, ${NOW}, ${NOW}
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS t(k, kind, p, c, d, r)
         ON CONFLICT ("key") DO UPDATE SET "dueAt" = EXCLUDED."dueAt", "status" = 'planned', "updatedAt" = ${NOW}
         WHERE "PlannedNudge"."status" = 'cancelled'
            OR ("PlannedNudge"."status" = 'planned' AND "PlannedNudge"."dueAt" <> EXCLUDED."dueAt")`,
        chunk.map((o) => o.key),
        chunk.map((o) => o.kind),
        chunk.map((o) => o.personId),
        chunk.map((o) => o.channel),
        chunk.map((o) => utcText(o.dueAt)),
        chunk.map((o) => JSON.stringify(o.refs)),
      );
    }
    return changed;
  }

  /** Inserts one already-queued row (one-off messages); false when the key exists. */
  async function insertQueued(row: { key: string; kind: string; personId: string | null; channel: string | null; dueAt: Date; refs: NudgeRefs }): Promise<boolean> {
    const result = await prisma.plannedNudge.createMany({ data: [{ ...row, status: 'queued' }], skipDuplicates: true });
    return result.count === 1;
  }

  /**
   * Takes the row for delivery: only one worker can hold a claim, and a claim older than the
   * lease (its worker died) can be taken over. One conditional UPDATE, so two racing workers
   * cannot both win: Postgres re-checks the WHERE on the row the first one committed.
   */
  async function claim(key: string, leaseMs: number): Promise<boolean> {
    const count = await prisma.$executeRawUnsafe(
      `UPDATE "PlannedNudge" SET "status" = 'claimed', "claimedAt" = ${NOW}, "attempts" = "attempts" + 1, "updatedAt" = ${NOW}
       WHERE "key" = $1 AND ("status" IN ('planned', 'queued')
          OR ("status" = 'claimed' AND "claimedAt" < ${NOW} - $2::int * interval '1 millisecond'))`,
      key,
      leaseMs,
    );
    return count === 1;
  }

  /**
   * The claim in the common case, in one statement: only a row already due by the program clock
   * (`dueBy`) is taken, and the taken row comes back. Null: not due, finished, or held by a live claim.
   */
  async function claimDue(key: string, dueBy: Date, leaseMs: number): Promise<NudgeRow | null> {
    const rows = await prisma.$queryRawUnsafe<NudgeRow[]>(
      `UPDATE "PlannedNudge" SET "status" = 'claimed', "claimedAt" = ${NOW}, "attempts" = "attempts" + 1, "updatedAt" = ${NOW}
       WHERE "key" = $1 AND "dueAt" <= $2::timestamp(3) AND ("status" IN ('planned', 'queued')
          OR ("status" = 'claimed' AND "claimedAt" < ${NOW} - $3::int * interval '1 millisecond'))
       RETURNING "id", "key", "kind", "personId", "channel", "dueAt", "status"::text AS "status", "attempts", "refs",
                 "claimedAt", "sentAt", "lastError", "createdAt", "updatedAt"`,
      key,
      utcText(dueBy),
      leaseMs,
    );
    return rows[0] ?? null;
  }

  const finishClaim = (key: string, data: Prisma.PlannedNudgeUpdateManyMutationInput) =>
    prisma.plannedNudge.updateMany({ where: { key, status: 'claimed' }, data });

  return {
    upsert,
    insertQueued,
    claim,
    claimDue,
    get: (key: string) => prisma.plannedNudge.findUnique({ where: { key } }),
    markSent: (key: string, at: Date) => finishClaim(key, { status: 'sent', sentAt: at, lastError: null }),
    markSkipped: (key: string, reason: string) => finishClaim(key, { status: 'skipped', lastError: reason }),
    markCancelled: (key: string, reason: string) => finishClaim(key, { status: 'cancelled', lastError: reason }),
    markFailed: (key: string, reason: string) => finishClaim(key, { status: 'failed', lastError: reason }),
    /** Gives the claim back (transient failure, rate limit) so the next attempt can take it. */
    release: (key: string, reason?: string) => finishClaim(key, { status: 'queued', claimedAt: null, ...(reason ? { lastError: reason } : {}) }),
    /** A new due time: still in Redis when near (`queued`), back to the planner's care when far. */
    reschedule: (key: string, dueAt: Date, near: boolean, reason: string) =>
      prisma.plannedNudge.updateMany({
        where: { key, status: { in: ['queued', 'claimed'] } },
        data: { dueAt, status: near ? 'queued' : 'planned', claimedAt: null, lastError: reason },
      }),
    deferToPlanner: (key: string) => prisma.plannedNudge.updateMany({ where: { key, status: 'queued' }, data: { status: 'planned' } }),
  };
}

export type NudgeStore = ReturnType<typeof createNudgeStore>;
