// PlannedNudge rows: the planner's idempotent upsert (plan-writes.ts), and the claim protocol that gives each
// nudge at most one visible effect. Claims use the database's wall clock (leases measure process
// liveness, not program time, and one clock avoids skew between worker hosts); sentAt uses the
// program clock so reports line up with it.
import type { Occurrence } from '../../../core/nudges/index.js';
import type { Cipher } from '../../../security/crypto.js';
import type { Prisma } from '../../../generated/prisma/client.js';
import type { ClaimedNudge, NudgeRepository } from '../../../jobs/ports.js';
import type { DbClient } from '../client.js';
import { NOW, utcText } from './sql.js';
import { sealedColumn } from '../sealed.js';
import { upsertPlanned } from './plan-writes.js';

// One conditional UPDATE for a batch of keys, so two racing workers cannot both win a row
// (Postgres re-checks the WHERE on the row the first one committed); each row comes back with its
// identity's cached DM channel. Taking over a claim whose lease ran out means its worker died or
// stalled, perhaps after the platform accepted the message: the dead attempt's start becomes
// "sendingAt" (the earliest such start is kept), in this same statement, so that delivery reads
// the platform's history from then before sending again.
const CLAIM_DUE = `WITH claimed AS (
    UPDATE "PlannedNudge" SET "status" = 'claimed', "claimedAt" = ${NOW}, "attempts" = "attempts" + 1, "updatedAt" = ${NOW},
           "sendingAt" = CASE WHEN "status" = 'claimed' THEN LEAST("sendingAt", "claimedAt") ELSE "sendingAt" END
    WHERE "key" = ANY($1::text[]) AND "dueAt" <= $2::timestamp(3) AND ("status" IN ('planned', 'queued')
       OR ("status" = 'claimed' AND "claimedAt" < ${NOW} - $3::int * interval '1 millisecond'))
    RETURNING "key", "kind", "personId", "channel", "dueAt", "status"::text AS "status", "attempts", "refs", "lastError",
              "platform"::text AS "platform", "workspaceId", "target", "sendingAt")
  SELECT c.*, i."dmChannelId" FROM claimed c LEFT JOIN "Identity" i ON i."id" = c."target"->>'identityId'`;

// Outcomes of a batch of claimed rows in one statement: sent (with its time), skipped, held
// (cancelled) or failed, each with its reason. Only a row still claimed changes: a claim that ran
// out and was taken over is the new claimant's to finish.
const FINISH = `UPDATE "PlannedNudge" n SET "status" = t."s"::"NudgeStatus", "lastError" = t."r",
       "sentAt" = CASE WHEN t."s" = 'sent' THEN $4::timestamp(3) ELSE n."sentAt" END, "updatedAt" = ${NOW}
     FROM unnest($1::text[], $2::text[], $3::text[]) AS t("k", "s", "r")
     WHERE n."key" = t."k" AND n."status" = 'claimed'`;

const RELEASE_AFTER_SEND = `UPDATE "PlannedNudge" SET "status" = 'queued', "sendingAt" = LEAST("sendingAt", "claimedAt"), "claimedAt" = NULL,
       "lastError" = COALESCE($2, "lastError"), "updatedAt" = ${NOW}
     WHERE "key" = $1 AND "status" = 'claimed'`;

type ClaimedSqlRow = Omit<ClaimedNudge, 'route' | 'message'> & { platform: string | null; workspaceId: string | null; target: unknown };

export function createClaims(db: DbClient, cipher: Cipher) {
  const finishClaim = async (key: string, data: Prisma.PlannedNudgeUpdateManyMutationInput) => {
    await db.plannedNudge.updateMany({ where: { key, status: 'claimed' }, data });
  };

  /** The sealed outbox message, opened; null when there is none or it cannot be read (delivery then fails it). */
  function open(key: string, refs: unknown): unknown {
    const sealed = refs && typeof refs === 'object' ? (refs as { sealed?: unknown }).sealed : undefined;
    if (typeof sealed !== 'string') return null;
    try {
      return JSON.parse(sealedColumn(cipher, 'PlannedNudge', 'refs').open(key, sealed));
    } catch {
      return null;
    }
  }

  const claims: Omit<NudgeRepository, 'queueDue' | 'queuedByKeys' | 'openPage' | 'dueQueuedKeys' | 'failOpen' | 'countOpenDue' | 'nextOpenDueAt' | 'countOpen' | 'cleanup'> = {
    /** Inserts new occurrences; a row still only planned follows a changed due time, and a cancelled one comes back. */
    upsert: (occurrences: Occurrence[]) => upsertPlanned(db, occurrences),

    async claimDueMany(keys, dueBy, leaseMs) {
      if (!keys.length) return [];
      const rows = await db.$queryRawUnsafe<ClaimedSqlRow[]>(CLAIM_DUE, keys, utcText(dueBy), leaseMs);
      return rows.map(({ platform, workspaceId, target, ...rest }) => ({ ...rest, route: { platform, workspaceId, target }, message: open(rest.key, rest.refs) }));
    },

    get: (key) => db.plannedNudge.findUnique({ where: { key }, select: { key: true, kind: true, personId: true, channel: true, dueAt: true, status: true, attempts: true, refs: true, lastError: true } }),
    async finishMany(rows, at) {
      if (!rows.length) return;
      await db.$executeRawUnsafe(FINISH, rows.map((r) => r.key), rows.map((r) => r.status), rows.map((r) => r.reason), utcText(at));
    },
    async release(key, reason, mayHaveSent) {
      if (!mayHaveSent) return finishClaim(key, { status: 'queued', claimedAt: null, ...(reason ? { lastError: reason } : {}) });
      // The send failed without a clear "not sent" (a timeout, a dropped connection): its claim's
      // start is kept as the earliest attempt that may have reached the platform.
      await db.$executeRawUnsafe(RELEASE_AFTER_SEND, key, reason ?? null);
    },
    async reschedule(key, dueAt, near, reason) {
      await db.plannedNudge.updateMany({ where: { key, status: { in: ['queued', 'claimed'] } }, data: { dueAt, status: near ? 'queued' : 'planned', claimedAt: null, lastError: reason } });
    },
    async deferToPlanner(key) {
      await db.plannedNudge.updateMany({ where: { key, status: 'queued' }, data: { status: 'planned' } });
    },
  };
  return claims;
}
