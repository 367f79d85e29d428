import type { PlatformRuntime } from '../app/platforms.js';
import type { Services } from '../app/services.js';

export interface JobRuntime {
  queueNames: string[];
  close(): Promise<void>;
}

/** Starts the BullMQ workers (the nudge engine fills this in: src/jobs/). */
export async function startJobRuntime(deps: { services: Services; platforms: PlatformRuntime[] }): Promise<JobRuntime> {
  void deps;
  return { queueNames: [], close: async () => undefined };
}
