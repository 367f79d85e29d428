import { ErrorCode, WebClient, type WebClientOptions } from '@slack/web-api';
import { z } from 'zod';
import type { DeliveryTarget, PlatformRuntime, Recall, SendOptions } from '../../platform/contract.js';
import { DeliveryError } from '../../platform/delivery-error.js';
import type { Message } from '../../core/messages/model.js';
import { InstallationNotFoundError } from './installation-store.js';
import { renderMessages } from './render-blocks.js';
import { DELIVERY_EVENT, postParts } from './replies.js';

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

/**
 * Reading history back: Slack's clock and the database's (which stamped the attempt) may differ a
 * little, so the window opens a minute early. Pages of 15: the most conversations.history returns
 * to apps distributed outside the Marketplace (docs.slack.dev/reference/methods/conversations.history).
 */
const CLOCK_SKEW_MS = 60_000;
const HISTORY_PAGE = 15;
const HISTORY_PAGES = 4;
/** Answers that mean "we may not read this conversation", not "try again later". */
const UNREADABLE = new Set(['not_in_channel', 'missing_scope', 'channel_not_found', 'is_archived', 'access_denied']);

const ZDeliveryMetadata = z.object({
  event_type: z.literal(DELIVERY_EVENT),
  event_payload: z.object({ key: z.string(), part: z.number().int().min(0), parts: z.number().int().min(1) }),
});

const isStaleChannel = (error: unknown) => (error as SlackCallError)?.code === ErrorCode.PlatformError && STALE_CHANNEL.has((error as SlackCallError).data?.error ?? '');

/**
 * Outbound messages (nudges by DM, cohort reminders in channels). Rate limits are not waited out
 * here: the job layer retries after Slack's Retry-After, so a 429 becomes a retryable DeliveryError.
 * Every part carries its delivery key in message metadata, and `recall` reads it back.
 */
export function createSender(tokenFor: (teamId: string) => Promise<string>, clientOptions: WebClientOptions): Pick<PlatformRuntime, 'send' | 'recall'> {
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

  async function send(target: DeliveryTarget, message: Message, options: SendOptions = {}): Promise<void> {
    const { idempotencyKey: key, skipParts: skip } = options;
    try {
      const client = clientFor(await tokenFor(target.workspaceExternalId));
      const parts = renderMessages(message);
      if (target.kind === 'channel') return await postParts(client, target.channelId, parts, key, skip);
      if (target.dmChannelId) {
        try {
          return await postParts(client, target.dmChannelId, parts, key, skip);
        } catch (error) {
          if (!isStaleChannel(error)) throw error;
        }
      }
      await postParts(client, await openDm(client, target), parts, key, skip);
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  /**
   * The parts of the message tagged `key` in the conversation since `since` (a minute early for
   * clock skew), newest first, a few small pages at most: a re-claim asks this only after a worker
   * died or a send failed unclearly, within minutes of the attempt.
   */
  async function recall(target: DeliveryTarget, key: string, since: Date): Promise<Recall> {
    try {
      const client = clientFor(await tokenFor(target.workspaceExternalId));
      const channel = target.kind === 'channel' ? target.channelId : (target.dmChannelId ?? (await openDm(client, target)));
      const oldest = ((since.getTime() - CLOCK_SKEW_MS) / 1000).toFixed(6);
      const found = new Set<number>();
      let total = 0;
      let cursor: string | undefined;
      for (let page = 0; page < HISTORY_PAGES; page++) {
        const history = await client.conversations.history({ channel, oldest, limit: HISTORY_PAGE, include_all_metadata: true, ...(cursor ? { cursor } : {}) });
        for (const m of history.messages ?? []) {
          const tagged = ZDeliveryMetadata.safeParse(m.metadata);
          if (!tagged.success || tagged.data.event_payload.key !== key) continue;
          found.add(tagged.data.event_payload.part);
          total = tagged.data.event_payload.parts;
        }
        if (total && found.size >= total) return { kind: 'delivered' };
        cursor = history.has_more ? history.response_metadata?.next_cursor || undefined : undefined;
        if (!cursor) return found.size ? { kind: 'partial', parts: [...found].sort((a, b) => a - b) } : { kind: 'absent' };
      }
      return { kind: 'unknown', reason: `more than ${HISTORY_PAGE * HISTORY_PAGES} messages since the attempt` };
    } catch (error) {
      const code = (error as SlackCallError)?.code === ErrorCode.PlatformError ? ((error as SlackCallError).data?.error ?? '') : '';
      if (UNREADABLE.has(code)) return { kind: 'unknown', reason: `Slack refused to show the history: ${code}` };
      throw toDeliveryError(error);
    }
  }

  return { send, recall };
}
