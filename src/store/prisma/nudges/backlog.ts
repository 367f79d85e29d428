// What is owed and not sent yet, for the operators' gauges (src/jobs/metrics.ts): counts and a due
// time, never a row's content.
import { OPEN_STATUSES, type BacklogReader } from '../../../jobs/ports.js';
import type { DbClient } from '../client.js';
import { scopeWhere } from './sql.js';

export function createBacklogReader(db: DbClient): BacklogReader {
  return {
    // One aggregate through the (status, dueAt) index: it reads the open rows only (about two days
    // of planned nudges, the plan horizon), however many finished ones the table holds.
    async outbox(scope) {
      const found = await db.plannedNudge.aggregate({
        where: { AND: [scopeWhere(scope)], status: { in: [...OPEN_STATUSES] }, kind: 'outbound' },
        _count: { _all: true },
        _min: { dueAt: true },
      });
      return { pending: found._count._all, oldestDueAt: found._min.dueAt };
    },
  };
}
