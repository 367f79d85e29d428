// A minimal Slack PlatformRuntime for the benchmark: the real @slack/web-api WebClient pointed at
// the fake API, making the calls a Slack adapter makes (conversations.open once per person, the
// DM channel cached in Postgres; chat.postMessage), with Slack's errors mapped to DeliveryError.
import { ErrorCode, LogLevel, WebClient, type WebAPIRateLimitedError } from '@slack/web-api';
import { DeliveryError } from '../../src/platform/delivery-error.js';
import type { PlatformRuntime } from '../../src/platform/contract.js';
import { renderPlain } from '../../src/core/messages/plain-text.js';

export function benchSlackRuntime(apiUrl: string): PlatformRuntime {
  const client = new WebClient('xoxb-bench', { slackApiUrl: apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logLevel: LogLevel.ERROR, maxRequestConcurrency: 200 });
  return {
    platform: 'slack',
    async send(target, message, options) {
      try {
        let channel = target.kind === 'channel' ? target.channelId : target.dmChannelId;
        if (target.kind === 'dm' && !channel) {
          const opened = await client.conversations.open({ users: target.userExternalId });
          channel = opened.channel!.id!;
          await target.rememberDmChannel(channel);
        }
        await client.chat.postMessage({
          channel: channel!,
          text: renderPlain(message.blocks) || message.text,
          // As the real adapter tags a delivery (src/adapters/slack/replies.ts), plus the send time for lateness.
          metadata: { event_type: 'trellis_delivery', event_payload: { key: options?.idempotencyKey ?? '', part: 0, parts: 1, sentAt: Date.now() } },
        });
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === ErrorCode.RateLimitedError) throw new DeliveryError('slack rate limited', true, (error as WebAPIRateLimitedError).retryAfter * 1000, { cause: error });
        throw new DeliveryError(`slack: ${(error as Error).message}`, code !== ErrorCode.PlatformError, undefined, { cause: error });
      }
    },
    stop: async () => undefined,
  };
}
