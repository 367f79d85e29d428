import type { REST } from '@discordjs/rest';
import { Routes } from 'discord.js';

/**
 * The interaction-token endpoints: no bot token needed (the interaction token is the credential,
 * valid 15 minutes), and exempt from the global rate limit.
 */
export interface InteractionWebhooks {
  /** The initial response when it is not an HTTP reply (gateway transport). */
  callback(interactionId: string, token: string, body: unknown): Promise<void>;
  editOriginal(applicationId: string, token: string, body: unknown): Promise<void>;
  deleteOriginal(applicationId: string, token: string): Promise<void>;
  followUp(applicationId: string, token: string, body: unknown): Promise<void>;
}

export function createInteractionWebhooks(rest: REST): InteractionWebhooks {
  return {
    async callback(interactionId, token, body) {
      await rest.post(Routes.interactionCallback(interactionId, token), { body, auth: false });
    },
    async editOriginal(applicationId, token, body) {
      await rest.patch(Routes.webhookMessage(applicationId, token, '@original'), { body, auth: false });
    },
    async deleteOriginal(applicationId, token) {
      await rest.delete(Routes.webhookMessage(applicationId, token, '@original'), { auth: false });
    },
    async followUp(applicationId, token, body) {
      await rest.post(Routes.webhook(applicationId, token), { body, auth: false });
    },
  };
}
