import { inject } from 'vitest';
import type { Services } from '../../src/app/services.js';
import { startJobRuntime, type JobRuntime } from '../../src/jobs/runtime.js';
import type { PlatformRuntime } from '../../src/platform/contract.js';
import { uniqueName } from './db.js';
import { deleteRedisPrefixAt } from './redis-prefix.js';

export interface OutboxDelivery {
  jobs: JobRuntime;
  /** Waits until the outbox rows written since the last call are delivered (or failed). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Delivers what each command owes others the way the processes do — the job runtime's outbox
 * relay and delivery workers, through the given platforms — on a queue prefix of the test's own.
 * Scoped to no workspace (`workspaceIds: []`), so it never plans, dispatches or reconciles rows
 * of other tests sharing the database: it sends only the rows its own services' commands wrote,
 * one at a time so they arrive in the order the command wrote them.
 */
export async function startOutboxDelivery(services: Services, platforms: PlatformRuntime[]): Promise<OutboxDelivery> {
  const prefix = `{${uniqueName('outbox')}}`;
  const jobs = await startJobRuntime({ services, platforms, config: { prefix, workspaceIds: [], schedule: false, rateLimits: false, backoffMs: 20, concurrency: 1 }, trackOutbox: true });
  return {
    jobs,
    settle: () => jobs.settle(),
    async close() {
      await jobs.close();
      await deleteRedisPrefixAt(inject('redisUrl'), prefix);
    },
  };
}
