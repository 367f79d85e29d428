// The outbox: what a command owes other people and channels, written as PlannedNudge rows
// (kind "outbound", already queued) with the command's own transaction client, so they exist
// exactly when the command's change does. The audience is routed once, here; the message is
// sealed with the app's AES-256-GCM key (Redis only ever sees the row key).
import { createHash, randomUUID } from 'node:crypto';
import { nudgeKeys, type NudgeRefs } from '../../core/nudges/index.js';
import type { OutboxRepository, RequestLog } from '../../core/ports/repositories.js';
import type { Cipher } from '../../security/crypto.js';
import type { DbClient } from './client.js';
import { resolveAudiences } from './audience.js';
import { sealedColumn } from './sealed.js';
import { utcText } from './nudges/sql.js';

/** Keys are deterministic per request, so writing one request's messages twice is a no-op. */
const batchId = (origin: string | undefined) => createHash('sha256').update(origin ?? randomUUID()).digest('base64url').slice(0, 22);

export class PrismaOutbox implements OutboxRepository {
  constructor(
    private readonly db: DbClient,
    private readonly cipher: Cipher,
  ) {}

  async write(items: Parameters<OutboxRepository['write']>[0], options: { at: Date; origin?: string }): Promise<string[]> {
    if (!items.length) return [];
    const id = batchId(options.origin);
    const routes = await resolveAudiences(this.db, items.map((item) => item.to));
    const rows = items.map((item, index) => {
      const route = routes[index] ?? null;
      // refs.workspaceId scopes the row (engines over a shared test database) and feeds reports.
      const key = nudgeKeys.outbound(id, index);
      const refs: NudgeRefs = {
        workspaceId: route?.workspaceId ?? (item.to.kind === 'channel' ? item.to.workspaceId : undefined),
        sealed: sealedColumn(this.cipher, 'PlannedNudge', 'refs').seal(key, JSON.stringify(item.message)),
      };
      return {
        key,
        kind: 'outbound',
        personId: item.to.kind === 'person' ? item.to.personId : null,
        channel: item.to.kind === 'channel' ? item.to.channelId : null,
        dueAt: options.at,
        status: 'queued' as const,
        refs,
        // No route: the row stays unrouted and the dispatcher fails it, saying why.
        ...(route ? { platform: route.platform, workspaceId: route.workspaceId, target: route.target } : {}),
      };
    });
    await this.db.plannedNudge.createMany({ data: rows, skipDuplicates: true });
    return rows.map((row) => row.key);
  }

  async snooze(key: string, personId: string, until: Date): Promise<string | null> {
    const row = await this.db.plannedNudge.findUnique({ where: { key }, select: { kind: true, personId: true, refs: true } });
    if (!row || row.personId !== personId || row.kind === 'outbound') return null;
    const refs = row.refs as NudgeRefs;
    const original = refs.snoozeOf ?? key;
    const copy = `${original}:z${until.getTime()}`;
    await this.db.plannedNudge.createMany({
      data: [{ key: copy, kind: row.kind, personId, channel: null, dueAt: until, status: 'planned', refs: { ...refs, snoozeOf: original } }],
      skipDuplicates: true,
    });
    return copy;
  }
}

export class PrismaRequestLog implements RequestLog {
  constructor(private readonly db: DbClient) {}

  /**
   * INSERT … ON CONFLICT DO NOTHING: a concurrent retry waits for the first one's transaction,
   * then sees its row. The same statement marks the written-down request applied (the durable
   * intake, src/store/prisma/intake.ts), so it commits or rolls back with the command's own
   * writes and outbox rows, in no extra round trip.
   */
  async firstTime(requestId: string, at: Date): Promise<boolean> {
    const rows = await this.db.$queryRawUnsafe<{ logged: number }[]>(FIRST_TIME, requestId, utcText(at));
    return rows[0]?.logged === 1;
  }
}

const FIRST_TIME = `
WITH logged AS (
  INSERT INTO "RequestLog" ("id", "at") VALUES ($1, $2::timestamp(3)) ON CONFLICT ("id") DO NOTHING RETURNING "id"
), applied AS (
  UPDATE "InboundRequest" SET "appliedAt" = $2::timestamp(3) WHERE "id" IN (SELECT "id" FROM logged) RETURNING "id"
)
SELECT count(*)::int AS logged FROM logged`;
