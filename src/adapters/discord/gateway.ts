import { Client, GatewayDispatchEvents, GatewayIntentBits } from 'discord.js';
import { safeError } from './safe-error.js';
import type { Logger } from '../../core/ports/logger.js';
import type { InteractionHandler } from './interaction-handler.js';
import { ZInteraction } from './interaction.js';
import type { InteractionWebhooks } from './webhooks.js';

export interface GatewayDeps {
  token: string;
  apiUrl?: string;
  handler: InteractionHandler;
  webhooks: InteractionWebhooks;
  logger: Logger;
  track: (work: Promise<void>) => void;
}

/**
 * The gateway transport, for bots without a public interactions URL. Deliberately thin: the raw
 * INTERACTION_CREATE payload (the same JSON the HTTP endpoint receives) goes to the shared
 * handler, and the first answer is POSTed to the interaction callback instead of being an HTTP
 * response. discord.js's own Interaction objects are not used, so both transports run the same
 * code. Only the Guilds intent: Trellis reads no messages. Not covered by tests (there is no
 * local gateway); the handler and the callback route it uses are.
 */
export function createGateway(deps: GatewayDeps) {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], ...(deps.apiUrl ? { rest: { api: deps.apiUrl } } : {}) });
  client.ws.on(GatewayDispatchEvents.InteractionCreate, (data: unknown) => {
    const parsed = ZInteraction.safeParse(data);
    if (!parsed.success) {
      deps.logger.warn({ issues: parsed.error.issues.length }, 'discord: gateway interaction in an unexpected shape');
      return;
    }
    const i = parsed.data;
    deps.track(deps.handler(i, (response) => deps.webhooks.callback(i.id, i.token, response)));
  });
  client.on('error', (error) => deps.logger.error({ error: safeError(error) }, 'discord: gateway error'));
  return {
    client,
    /** Guild names from the gateway cache (interactions carry only the id). */
    guildName: (guildId: string) => client.guilds.cache.get(guildId)?.name,
    async start() {
      await client.login(deps.token);
      deps.logger.info({ user: client.user?.tag }, 'discord: gateway connected');
    },
    async stop() {
      await client.destroy();
    },
  };
}
