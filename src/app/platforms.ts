// Wiring only: builds the platform adapters whose tokens are configured. The contract they
// implement lives in src/platform/contract.ts.
import type { PlatformRuntime } from '../platform/contract.js';
import type { Services } from './services.js';
import { discordEnabled, slackEnabled } from '../config/env.js';
import type { HandleAndAnswer } from './core-thread.js';

/** What only the web process has: its core thread's own answering (src/app/core-thread.ts). */
export interface PlatformExtras {
  answerInCore?: HandleAndAnswer;
}

/** Each adapter module is loaded only when used. */
export async function createPlatforms(services: Services, extras: PlatformExtras = {}): Promise<PlatformRuntime[]> {
  const runtimes: PlatformRuntime[] = [];
  if (slackEnabled(services.env)) {
    const { createSlackRuntime } = await import('../adapters/slack/index.js');
    runtimes.push(createSlackRuntime(services, extras));
  }
  if (discordEnabled(services.env)) {
    const { createDiscordRuntime } = await import('../adapters/discord/discord-runtime.js');
    runtimes.push(createDiscordRuntime(services));
  }
  return runtimes;
}
