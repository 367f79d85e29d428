// What is owed and not sent yet, for the operators' gauges (src/jobs/metrics.ts): counts and a due
// time, never a row's content.
import { OPEN_STATUSES, type BacklogReader } from '../../../jobs/ports.js';
import type { DbClient } from '../client.js';
import { scopeWhere } from './sql.js';

export function createBacklogReader(db: DbClient): BacklogReader {
  return {
    // One aggregate through the (status, dueAt) index, bounded by `now`: it reads only the open rows
    // already due (few when all is well), never the two days of planned nudges ahead, however many
    // participants there are — it runs on every scrape of every worker.
    async outbox(now, scope) {
      const found = await db.plannedNudge.aggregate({
        where: { AND: [scopeWhere(scope)], status: { in: [...OPEN_STATUSES] }, dueAt: { lte: now }, kind: 'outbound' },
        _count: { _all: true },
        _min: { dueAt: true },
      });
      return { pending: found._count._all, oldestDueAt: found._min.dueAt };
    },
  };
}
