// GET /admin/queues: Bull Board (the BullMQ community's dashboard) over every queue of every
// shard, for operators. Off — a plain 404 — unless TRELLIS_ADMIN_TOKEN is set; behind that token
// when it is (admin-auth.ts).
//
// Read-only: Postgres holds the truth about every nudge, and the reconciler re-adds from it any
// job that is removed, so retrying, promoting or deleting jobs by hand would change nothing for
// long and only confuse; what the board is for is seeing what the workers do. What it shows of
// a job is ids only, by construction: a delivery job carries row keys alone (ZDeliveryJob, or a
// batch's keys and due second, ZDeliveryBatch; keys
// hold ids and numbers, src/core/nudges/keys.ts), the message text stays sealed in Postgres. The
// data formatter below hides anything else a job might carry, should one ever be added by hand.
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Express } from 'express';
import type { InspectedQueue } from '../../jobs/inspect-queues.js';
import { ZDeliveryBatch, ZDeliveryJob } from '../../jobs/deliver-job.js';
import { requireAdminToken } from './admin-auth.js';

export const QUEUE_BOARD_PATH = '/admin/queues';

/** A delivery job's data as it is ({ key }, or a batch's { keys, at }), a maintenance job's ({}); anything else is not shown. */
export function jobDataShown(data: unknown): unknown {
  if (ZDeliveryJob.safeParse(data).success || ZDeliveryBatch.safeParse(data).success) return data;
  if (data && typeof data === 'object' && Object.keys(data).length === 0) return {};
  return { hidden: 'not a Trellis job: its data is not shown' };
}

export function mountQueueBoard(options: { token: string; secureCookie: boolean; queues: InspectedQueue[]; shards: number }): (app: Express) => void {
  const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_BOARD_PATH);
  const adapters = options.queues.map(({ queue, shard, description }) => {
    // Every shard has the same queue names under its own prefix: the board tells them apart by
    // a "shard-N/" in front (its tree groups them by shard).
    const adapter = new BullMQAdapter(queue, { readOnlyMode: true, description, ...(options.shards > 1 ? { prefix: `shard-${shard.index}/`, delimiter: '/' } : {}) });
    adapter.setFormatter('data', jobDataShown);
    return adapter;
  });
  createBullBoard({ queues: adapters, serverAdapter, options: { uiConfig: { boardTitle: 'Trellis queues', hideDocsLink: true } } });
  const guard = requireAdminToken({ token: options.token, basePath: QUEUE_BOARD_PATH, secureCookie: options.secureCookie });
  return (app) => {
    app.use(QUEUE_BOARD_PATH, guard, (_req, res, next) => {
      res.set({ 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex', 'Referrer-Policy': 'no-referrer' });
      next();
    }, serverAdapter.getRouter());
  };
}
