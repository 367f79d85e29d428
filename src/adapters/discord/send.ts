import { createHash } from 'node:crypto';
import { DiscordAPIError, type REST } from '@discordjs/rest';
import { Routes } from 'discord.js';
import { z } from 'zod';
import { DeliveryError } from '../../platform/delivery-error.js';
import type { DeliveryTarget, SendOptions } from '../../platform/contract.js';
import type { Message } from '../../core/messages/model.js';
import type { Logger } from '../../core/ports/logger.js';
import { renderMessage, type RenderOptions } from './render-message.js';
import { toDeliveryError } from './rest.js';

const ZChannel = z.object({ id: z.string().min(1) });
/** Discord's "Unknown Channel": a cached DM channel that no longer exists. */
const UNKNOWN_CHANNEL = 10003;

/**
 * The nonce of one page of a delivery: stable for the key (a resend carries the same one) and
 * within Discord's 25 characters — 22 hex digits of the key's SHA-256, then the page index.
 */
export const nonceFor = (key: string, page: number) => `${createHash('sha256').update(key).digest('hex').slice(0, 22)}${page.toString(36)}`;

export interface SendDeps {
  rest: REST;
  hasToken: boolean;
  logger: Logger;
  render?: Pick<RenderOptions, 'rewrite'>;
}

/**
 * Delivers one core message: to a person as a DM (the DM channel is opened once with
 * POST /users/@me/channels and its id cached on the identity), or to a server channel.
 * Throws DeliveryError; see toDeliveryError for what is retryable.
 */
export function createSender(deps: SendDeps) {
  async function openDm(userId: string): Promise<string> {
    const channel = ZChannel.parse(await deps.rest.post(Routes.userChannels(), { body: { recipient_id: userId } }));
    return channel.id;
  }

  async function post(channelId: string, message: Message, guildId: string | undefined, key: string | undefined): Promise<void> {
    const pages = renderMessage(message, { ...deps.render, guildId, onDroppedButtons: (labels) => deps.logger.warn({ labels }, 'discord: buttons too long for a custom_id were left out') });
    for (const [index, page] of pages.entries()) {
      // With a nonce and enforce_nonce, Discord returns the earlier message instead of posting a
      // second one when a retried delivery sends the same page again within a few minutes.
      const nonce = key ? { nonce: nonceFor(key, index), enforce_nonce: true } : {};
      await deps.rest.post(Routes.channelMessages(channelId), { body: { ...page, ...nonce } });
    }
  }

  async function sendDm(target: Extract<DeliveryTarget, { kind: 'dm' }>, message: Message, key: string | undefined): Promise<void> {
    let channelId = target.dmChannelId;
    if (!channelId) {
      channelId = await openDm(target.userExternalId);
      await target.rememberDmChannel(channelId);
    }
    try {
      // Buttons in DMs carry the server: interactions from DMs have no guild.
      await post(channelId, message, target.workspaceExternalId, key);
    } catch (error) {
      if (!(error instanceof DiscordAPIError && error.code === UNKNOWN_CHANNEL && target.dmChannelId)) throw error;
      const reopened = await openDm(target.userExternalId);
      await target.rememberDmChannel(reopened);
      await post(reopened, message, target.workspaceExternalId, key);
    }
  }

  return async function send(target: DeliveryTarget, message: Message, options: SendOptions = {}): Promise<void> {
    if (!deps.hasToken) throw new DeliveryError('DISCORD_TOKEN is not set, so Trellis cannot send Discord messages', false);
    const what = target.kind === 'dm' ? `discord DM to ${target.userExternalId}` : `discord channel ${target.channelId}`;
    try {
      if (target.kind === 'dm') await sendDm(target, message, options.idempotencyKey);
      else await post(target.channelId, message, undefined, options.idempotencyKey);
    } catch (error) {
      throw toDeliveryError(error, what);
    }
  };
}
