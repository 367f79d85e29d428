import type { Services } from '../../app/services.js';
import type { HandleAndAnswer } from '../../app/core-thread.js';
import { createSlackAdapter, type SlackAdapter } from './slack-adapter.js';

/** The Slack runtime for the web and worker processes (see src/app/platforms.ts). */
export function createSlackRuntime(services: Services, extras: { answerInCore?: HandleAndAnswer } = {}): SlackAdapter {
  return createSlackAdapter({ env: services.env, trellis: services.trellis, installationRecords: services.installations, logger: services.logger, intake: services.intake, answerInCore: extras.answerInCore });
}

export { createSlackAdapter, type SlackAdapter, type SlackAdapterDeps } from './slack-adapter.js';
