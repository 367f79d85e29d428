// Running again a Discord interaction that a web process wrote down, acknowledged (deferred, most
// likely) and then died on (the durable intake, src/platform/intake.ts). The interaction's own
// HTTP answer is gone, so what the handler would have sent as its first answer goes where the
// person can still see it: the deferred message it left (edited through the interaction webhook,
// valid 15 minutes), else a follow-up, else a DM.
import { Routes } from 'discord.js';
import type { REST } from '@discordjs/rest';
import { z } from 'zod';
import type { Logger } from '../../core/ports/logger.js';
import type { IntakeRecords } from '../../platform/intake.js';
import type { InteractionHandler, Respond } from './interaction-handler.js';
import { interactionUser, ZInteraction, type Interaction } from './interaction.js';
import { Callback } from './limits.js';
import { notice, type InitialResponse } from './reply-plan.js';
import { safeError } from './safe-error.js';
import type { InteractionWebhooks } from './webhooks.js';

export const FORM_NOT_OPENED = "Sorry — that form didn't open: we had a hiccup on our side just as you asked. Nothing was changed. Please try again.";

const ZChannel = z.object({ id: z.string().min(1) });

export interface DiscordReplayDeps {
  /** A handler that waits for the core instead of deferring (there is no 3-second answer to give now). */
  handler: InteractionHandler;
  webhooks: InteractionWebhooks;
  rest: REST;
  intake: IntakeRecords;
  logger: Logger;
  applicationId?: string;
  now?: () => number;
}

export function createDiscordReplay(deps: DiscordReplayDeps) {
  const now = deps.now ?? Date.now;

  async function dm(i: Interaction, body: unknown): Promise<void> {
    const userId = interactionUser(i)?.id;
    if (!userId) throw new Error('the interaction names no user to write to');
    const channel = ZChannel.parse(await deps.rest.post(Routes.userChannels(), { body: { recipient_id: userId } }));
    // A DM is never ephemeral: Discord refuses the flag there.
    await deps.rest.post(Routes.channelMessages(channel.id), { body: { ...(body as object), flags: undefined } });
  }

  /** A message for the person: in place of the deferral, else as a follow-up, else by DM. */
  async function deliver(i: Interaction, body: unknown): Promise<void> {
    const appId = i.application_id ?? deps.applicationId;
    if (appId) {
      try {
        return await deps.webhooks.editOriginal(appId, i.token, body);
      } catch (error) {
        deps.logger.warn({ error: safeError(error), interaction: i.id }, 'discord: a replay could not edit the deferred answer; trying a follow-up');
      }
      try {
        return await deps.webhooks.followUp(appId, i.token, body);
      } catch (error) {
        deps.logger.warn({ error: safeError(error), interaction: i.id }, 'discord: a replay could not follow up; answering by DM');
      }
    }
    await dm(i, body);
  }

  function respondFor(i: Interaction): Respond {
    return async (response: InitialResponse) => {
      if (response.type === Callback.Message) return deliver(i, response.data);
      // A modal can only be the first answer within 3 seconds: too late now.
      if (response.type === Callback.Modal) {
        const sorry = notice(FORM_NOT_OPENED);
        return deliver(i, 'data' in sorry ? sorry.data : {});
      }
      if (response.type === Callback.UpdateMessage) {
        const appId = i.application_id ?? deps.applicationId;
        // The pressed message loses its buttons; cosmetic, so a failure is only logged.
        if (appId) await deps.webhooks.editOriginal(appId, i.token, response.data).catch((error: unknown) => deps.logger.warn({ error: safeError(error), interaction: i.id }, 'discord: a replay could not update the pressed message'));
      }
      // Pong, deferrals, autocomplete: nothing to show.
    };
  }

  /** Runs the written-down interaction again and answers the person; throws when it cannot be read. */
  return async function replay(id: string, payload: unknown): Promise<void> {
    const i = ZInteraction.parse(payload);
    await deps.handler(i, respondFor(i));
    await deps.intake.answered(id, new Date(now()));
  };
}
