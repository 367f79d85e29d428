import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Message, Reply } from '../../core/messages/model.js';
import { LIMITS } from './limits.js';
import { renderMessages, type SlackMessage } from './render-blocks.js';
import { renderModal, renderResultModal } from './render-modal.js';
import { postToResponseUrl } from './response-url.js';

export { ResponseUrlError } from './response-url.js';

/** Everything a request gives us to answer the person who made it. */
export interface ReplyRoute {
  client: WebClient;
  userId: string;
  /** The slash command's or message button's response_url: answers in place, ephemeral or not. */
  responseUrl?: string;
  /** Valid for three seconds after Slack sent the request: opens a modal. */
  triggerId?: string;
  channelId?: string;
  /** Where the request came from: a modal's buttons push a view instead of opening one. */
  surface: 'command' | 'message' | 'home' | 'modal' | 'submission';
  /** A message button was pressed: its label and the message's text (a form it opens replaces that message once sent). */
  pressed?: { label?: string; text?: string };
  /**
   * Run again by another web process after the first died (the durable intake): the trigger_id
   * has expired, so no modal opens, and a response_url that no longer answers gives way to a DM.
   */
  replay?: boolean;
}

async function openDm(client: WebClient, userId: string): Promise<string> {
  const opened = await client.conversations.open({ users: userId });
  if (!opened.channel?.id) throw new Error('conversations.open returned no channel');
  return opened.channel.id;
}

/** The metadata event type every delivered message carries, with its delivery key (src/adapters/slack/deliver.ts reads it back). */
export const DELIVERY_EVENT = 'trellis_delivery';

/**
 * Posts a message's parts in order. A delivery (`key` given) tags each part with the key, its
 * index and the number of parts, so that after a worker died a re-claim can find in the
 * conversation's history what already arrived (`skip`: the parts it found).
 */
export async function postParts(client: WebClient, channel: string, parts: SlackMessage[], key?: string, skip: readonly number[] = []): Promise<void> {
  for (const [index, part] of parts.entries()) {
    if (skip.includes(index)) continue;
    const metadata = key ? { metadata: { event_type: DELIVERY_EVENT, event_payload: { key, part: index, parts: parts.length } } } : {};
    await client.chat.postMessage({ channel, text: part.text, blocks: part.blocks, ...metadata });
  }
}

export function createReplier(logger: Logger) {
  async function sendMessage(route: ReplyRoute, msg: Message, visibility: Reply['visibility']): Promise<void> {
    const parts = renderMessages(msg);
    if (route.responseUrl) {
      // A response_url takes five messages; past that, say where the rest went rather than fail.
      const usable = parts.slice(0, LIMITS.responseUrlUses);
      let sent = 0;
      try {
        for (const part of usable) {
          await postToResponseUrl(route.responseUrl, { response_type: visibility === 'channel' ? 'in_channel' : 'ephemeral', replace_original: false, text: part.text, blocks: part.blocks });
          sent++;
        }
      } catch (error) {
        // A replay may come after the response_url's 30 minutes: the rest goes by DM.
        if (!route.replay) throw error;
        logger.warn({ err: error }, 'a replayed request could not be answered on its response_url; answering by DM');
        await postParts(route.client, await openDm(route.client, route.userId), parts.slice(sent));
        return;
      }
      if (parts.length > usable.length) await postParts(route.client, await openDm(route.client, route.userId), parts.slice(usable.length));
      return;
    }
    if ((route.surface === 'home' || route.surface === 'modal') && route.triggerId && !route.replay && parts.length === 1) {
      const view = renderResultModal(msg);
      if (route.surface === 'modal') await route.client.views.push({ trigger_id: route.triggerId, view });
      else await route.client.views.open({ trigger_id: route.triggerId, view });
      return;
    }
    await postParts(route.client, await openDm(route.client, route.userId), parts);
  }

  /** Shows the core's reply to the person: a modal for a form, otherwise a message where they are. */
  async function reply(route: ReplyRoute, answer: Reply): Promise<void> {
    if (answer.form && route.replay) {
      // Slack opens a modal only within 3 seconds of the request: a replay comes too late.
      await sendMessage(route, { text: FORM_NOT_OPENED, blocks: [{ type: 'text', text: FORM_NOT_OPENED }] }, 'private');
    } else if (answer.form) {
      if (!route.triggerId) throw new Error('a form needs a trigger_id');
      const view = renderModal(answer.form, { channelId: route.channelId, responseUrl: route.responseUrl, pressed: route.pressed });
      try {
        if (route.surface === 'modal') await route.client.views.push({ trigger_id: route.triggerId, view });
        else await route.client.views.open({ trigger_id: route.triggerId, view });
      } catch (error) {
        logger.warn({ err: error, form: answer.form.id }, 'could not open a modal');
        await sendMessage(route, { text: FORM_FAILED, blocks: [{ type: 'text', text: FORM_FAILED }] }, 'private');
      }
    }
    if (answer.message) await sendMessage(route, answer.message, answer.visibility);
  }

  /** Our own failure (not the core's): a private, generic answer; the details go to the log. */
  async function apologize(route: ReplyRoute): Promise<void> {
    const apology: Message = { text: APOLOGY, blocks: [{ type: 'text', text: APOLOGY }] };
    try {
      await sendMessage(route, apology, 'private');
    } catch {
      // The way we were answering is what failed: fall back to a DM.
      try {
        await sendMessage({ client: route.client, userId: route.userId, surface: 'command' }, apology, 'private');
      } catch (error) {
        logger.error({ err: error }, 'could not even apologise to a Slack user');
      }
    }
  }

  return { reply, apologize };
}

export const FORM_FAILED = 'Slack did not let me open the form in time. Please run the command again.';
export const FORM_NOT_OPENED = "Sorry — that form didn't open: we had a hiccup on our side just as you asked. Nothing was changed. Please try again.";
export const APOLOGY = 'Something went wrong on our side while answering you. Please check `/mentor status` before you try again.';
export type Replier = ReturnType<typeof createReplier>;
