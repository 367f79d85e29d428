import type { Services } from '../../app/services.js';
import { createSlackAdapter, type SlackAdapter } from './slack-adapter.js';

/** The Slack runtime for the web and worker processes (see src/app/platforms.ts). */
export function createSlackRuntime(services: Services): SlackAdapter {
  return createSlackAdapter({ env: services.env, trellis: services.trellis, installationRecords: services.installations, logger: services.logger, intake: services.intake });
}

export { createSlackAdapter, type SlackAdapter, type SlackAdapterDeps } from './slack-adapter.js';
