import { ErrorCode, WebClient, type WebClientOptions } from '@slack/web-api';
import type { DeliveryTarget } from '../../platform/contract.js';
import { DeliveryError } from '../../platform/delivery-error.js';
import type { Message } from '../../core/messages/model.js';
import { InstallationNotFoundError } from './installation-store.js';
import { renderMessages } from './render-blocks.js';
import { postParts } from './replies.js';

/** Slack errors worth trying again later; everything else (channel gone, token revoked …) is final. */
const TRANSIENT = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);
/** A cached DM channel that no longer works: open the DM again once. */
const STALE_CHANNEL = new Set(['channel_not_found', 'is_archived']);

interface SlackCallError {
  code?: string;
  retryAfter?: number;
  statusCode?: number;
  headers?: Record<string, string>;
  data?: { error?: string };
}

export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof InstallationNotFoundError) return new DeliveryError(error.message, false, undefined, { cause: error });
  const e = (error ?? {}) as SlackCallError;
  switch (e.code) {
    case ErrorCode.RateLimitedError:
      return new DeliveryError('Slack rate limit', true, (e.retryAfter ?? 1) * 1000, { cause: error });
    case ErrorCode.PlatformError:
      return new DeliveryError(`Slack refused: ${e.data?.error ?? 'unknown error'}`, TRANSIENT.has(e.data?.error ?? ''), undefined, { cause: error });
    case ErrorCode.HTTPError: {
      const retryAfter = Number(e.headers?.['retry-after']);
      const retryable = (e.statusCode ?? 0) >= 500 || e.statusCode === 429;
      return new DeliveryError(`Slack answered HTTP ${e.statusCode}`, retryable, Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined, { cause: error });
    }
    case ErrorCode.RequestError:
      return new DeliveryError('Slack could not be reached', true, undefined, { cause: error });
    default:
      return new DeliveryError(error instanceof Error ? error.message : String(error), false, undefined, { cause: error });
  }
}

const isStaleChannel = (error: unknown) => (error as SlackCallError)?.code === ErrorCode.PlatformError && STALE_CHANNEL.has((error as SlackCallError).data?.error ?? '');

/**
 * Outbound messages (nudges by DM, cohort reminders in channels). Rate limits are not waited out
 * here: the job layer retries after Slack's Retry-After, so a 429 becomes a retryable DeliveryError.
 */
export function createSender(tokenFor: (teamId: string) => Promise<string>, clientOptions: WebClientOptions) {
  const clients = new Map<string, WebClient>();
  const clientFor = (token: string) => {
    let client = clients.get(token);
    if (!client) {
      client = new WebClient(token, { ...clientOptions, rejectRateLimitedCalls: true, retryConfig: { retries: 0 } });
      clients.set(token, client);
    }
    return client;
  };

  async function openDm(client: WebClient, target: Extract<DeliveryTarget, { kind: 'dm' }>): Promise<string> {
    const opened = await client.conversations.open({ users: target.userExternalId });
    const channel = opened.channel?.id;
    if (!channel) throw new DeliveryError('conversations.open returned no channel', false);
    // conversations.open is Tier 3: remember the channel so the next nudge skips it.
    await target.rememberDmChannel(channel);
    return channel;
  }

  return async function send(target: DeliveryTarget, message: Message): Promise<void> {
    try {
      const client = clientFor(await tokenFor(target.workspaceExternalId));
      const parts = renderMessages(message);
      if (target.kind === 'channel') return await postParts(client, target.channelId, parts);
      if (target.dmChannelId) {
        try {
          return await postParts(client, target.dmChannelId, parts);
        } catch (error) {
          if (!isStaleChannel(error)) throw error;
        }
      }
      await postParts(client, await openDm(client, target), parts);
    } catch (error) {
      throw toDeliveryError(error);
    }
  };
}
