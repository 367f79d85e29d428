// The dispatcher's reads and writes. Planned nudges are routed here, when they are moved to
// `queued` (at most the dispatch horizon, 15 minutes, before they are due), by the same resolver
// that routes a command's outbox rows when they are written: nudges and one-off messages then
// share one path, and delivery reads the route from the row. Routing at dispatch rather than at
// plan time (up to 48 h ahead) means a person who changed workspace, or a workspace that
// uninstalled the app, in between is routed by what is true minutes before the send.
import { FINISHED_STATUSES, OPEN_STATUSES, type NudgeRepository, type QueuedNudge } from '../../../jobs/ports.js';
import type { DbClient } from '../client.js';
import { audienceOfRow, resolveAudiences } from '../audience.js';
import { NOW, scopeWhere } from './sql.js';

const queuedSelect = { key: true, kind: true, platform: true, workspaceId: true, dueAt: true } as const;

// Only rows still `planned` are taken, so two dispatchers racing over one page queue each row once.
const ROUTE_AND_QUEUE = `UPDATE "PlannedNudge" n
  SET "status" = 'queued', "platform" = u.p::"Platform", "workspaceId" = u.w, "target" = u.tg::jsonb, "updatedAt" = ${NOW}
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(k, p, w, tg)
  WHERE n."key" = u.k AND n."status" = 'planned'
  RETURNING n."key", n."kind", n."platform"::text AS "platform", n."workspaceId", n."dueAt"`;

type Dispatch = Pick<NudgeRepository, 'queueDue' | 'queuedByKeys' | 'openPage' | 'dueQueuedKeys' | 'failOpen' | 'countOpenDue' | 'nextOpenDueAt' | 'countOpen' | 'cleanup'>;

export function createDispatchQueries(db: DbClient): Dispatch {
  return {
    async queueDue({ dueBy, scope, limit }) {
      const rows = await db.plannedNudge.findMany({
        where: { AND: [scopeWhere(scope)], status: 'planned', dueAt: { lte: dueBy } },
        select: { key: true, personId: true, channel: true, refs: true },
        orderBy: { dueAt: 'asc' },
        take: limit,
      });
      if (!rows.length) return { selected: 0, queued: [] };
      const routes = await resolveAudiences(db, rows.map(audienceOfRow));
      const queued = await db.$queryRawUnsafe<QueuedNudge[]>(
        ROUTE_AND_QUEUE,
        rows.map((r) => r.key),
        routes.map((r) => r?.platform ?? null),
        routes.map((r) => r?.workspaceId ?? null),
        routes.map((r) => (r ? JSON.stringify(r.target) : null)),
      );
      return { selected: rows.length, queued };
    },

    queuedByKeys: (keys) => (keys.length ? db.plannedNudge.findMany({ where: { key: { in: keys }, status: 'queued' }, select: queuedSelect }) : Promise.resolve([])),

    openPage: ({ after, dueBy, staleBefore, scope, limit }) =>
      db.plannedNudge.findMany({
        where: {
          AND: [
            scopeWhere(scope),
            { OR: [{ status: 'queued' }, { status: 'claimed', claimedAt: { lt: staleBefore } }] },
            after ? { OR: [{ dueAt: { gt: after.dueAt } }, { dueAt: after.dueAt, key: { gt: after.key } }] } : {},
          ],
          dueAt: { lte: dueBy },
        },
        select: queuedSelect,
        // By second, as the dispatcher batches them: the reconciler re-adds the same batches.
        orderBy: [{ dueAt: 'asc' }, { key: 'asc' }],
        take: limit,
      }),

    async dueQueuedKeys(now, scope) {
      const rows = await db.plannedNudge.findMany({ where: { AND: [scopeWhere(scope)], status: 'queued', dueAt: { lte: now } }, select: { key: true } });
      return rows.map((r) => r.key);
    },

    async failOpen(keys, reason) {
      if (!keys.length) return;
      await db.plannedNudge.updateMany({ where: { key: { in: keys }, status: { in: ['planned', 'queued'] } }, data: { status: 'failed', lastError: reason } });
    },

    countOpenDue: (now, scope) => db.plannedNudge.count({ where: { AND: [scopeWhere(scope)], status: { in: [...OPEN_STATUSES] }, dueAt: { lte: now } } }),
    async nextOpenDueAt(scope) {
      const row = await db.plannedNudge.findFirst({ where: { AND: [scopeWhere(scope)], status: { in: [...OPEN_STATUSES] } }, orderBy: { dueAt: 'asc' }, select: { dueAt: true } });
      return row?.dueAt ?? null;
    },
    countOpen: (keys) => (keys.length ? db.plannedNudge.count({ where: { key: { in: keys }, status: { in: [...OPEN_STATUSES] } } }) : Promise.resolve(0)),

    async cleanup(before, scope) {
      const { count } = await db.plannedNudge.deleteMany({ where: { AND: [scopeWhere(scope)], status: { in: [...FINISHED_STATUSES] }, dueAt: { lt: before } } });
      return count;
    },
  };
}
