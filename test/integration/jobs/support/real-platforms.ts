// The real Slack and Discord senders (the adapters' own code: message metadata and history
// read-back on Slack, nonce + enforce_nonce on Discord), pointed at the loopback fakes. Used by the
// "killed after the platform answered" tests, in the test process and in the child worker alike.
import { pino } from 'pino';
import { createSender as createSlackSender } from '../../../../src/adapters/slack/deliver.js';
import { createSender as createDiscordSender } from '../../../../src/adapters/discord/send.js';
import { createRest } from '../../../../src/adapters/discord/rest.js';
import type { PlatformRuntime } from '../../../../src/platform/contract.js';

export type RealPlatform = 'slack' | 'discord';

/** `recall: false` leaves out the read-back: the behaviour before it existed (the tests' control). */
export function realPlatform(platform: RealPlatform, apiUrl: string, options: { recall?: boolean } = {}): PlatformRuntime {
  if (platform === 'discord') {
    const rest = createRest({ apiUrl, token: 'test-bot-token' });
    return { platform, send: createDiscordSender({ rest, hasToken: true, logger: pino({ level: 'silent' }) }), stop: async () => undefined };
  }
  const { send, recall } = createSlackSender(async () => 'xoxb-exactly-once', { slackApiUrl: apiUrl });
  return { platform, send, ...(options.recall === false ? {} : { recall }), stop: async () => undefined };
}
