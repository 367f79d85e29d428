import type { REST } from '@discordjs/rest';
import { WebSocketManager, WebSocketShardEvents } from '@discordjs/ws';
import { GatewayDispatchEvents, GatewayIntentBits } from 'discord.js';
import { safeError } from './safe-error.js';
import type { Logger } from '../../core/ports/logger.js';
import type { InteractionHandler } from './interaction-handler.js';
import { ZInteraction } from './interaction.js';
import type { InteractionWebhooks } from './webhooks.js';

export interface GatewayDeps {
  token: string;
  /** The runtime's REST client: it also answers where the gateway is (GET /gateway/bot). */
  rest: REST;
  handler: InteractionHandler;
  webhooks: InteractionWebhooks;
  logger: Logger;
  track: (work: Promise<void>) => void;
}

/**
 * The gateway transport, for bots without a public interactions URL. Deliberately thin: the raw
 * INTERACTION_CREATE payload (the same JSON the HTTP endpoint receives) goes to the shared
 * handler, and the first answer is POSTed to the interaction callback instead of being an HTTP
 * response, so both transports run the same code.
 *
 * It is @discordjs/ws — the gateway library inside discord.js, kept by the same maintainers —
 * without discord.js's Client on top: the Client would also build its own Interaction object from
 * every payload and cache guilds, channels and members Trellis never reads, and a payload it
 * cannot model (a field it expects and Discord left out) throws there as an unhandled rejection,
 * which ends the process. @discordjs/ws keeps the protocol: it asks REST where the gateway is,
 * identifies (v10, JSON, no compression, the Guilds intent only: Trellis reads no messages),
 * heartbeats, resumes a dropped session (Discord replays what was missed) or identifies afresh.
 * test/integration/discord/gateway.test.ts runs all of it against a local fake gateway.
 */
export function createGateway(deps: GatewayDeps) {
  const manager = new WebSocketManager({ token: deps.token, intents: GatewayIntentBits.Guilds, rest: deps.rest });
  // Interactions carry only a guild's id; its name (for a workspace seen the first time) comes from GUILD_CREATE.
  const guildNames = new Map<string, string>();
  manager.on(WebSocketShardEvents.Dispatch, ({ data }) => {
    switch (data.t) {
      case GatewayDispatchEvents.InteractionCreate: {
        const parsed = ZInteraction.safeParse(data.d);
        if (!parsed.success) {
          deps.logger.warn({ issues: parsed.error.issues.length }, 'discord: gateway interaction in an unexpected shape');
          return;
        }
        const i = parsed.data;
        deps.track(deps.handler(i, (response) => deps.webhooks.callback(i.id, i.token, response)));
        return;
      }
      case GatewayDispatchEvents.GuildCreate:
      case GatewayDispatchEvents.GuildUpdate:
        guildNames.set(data.d.id, data.d.name);
        return;
      case GatewayDispatchEvents.GuildDelete:
        // `unavailable` means an outage, not that the bot left.
        if (!data.d.unavailable) guildNames.delete(data.d.id);
        return;
      default:
        return;
    }
  });
  manager.on(WebSocketShardEvents.Ready, ({ data }) => deps.logger.info({ user: data.user.username, guilds: data.guilds.length }, 'discord: gateway session started'));
  manager.on(WebSocketShardEvents.Resumed, () => deps.logger.info({}, 'discord: gateway session resumed'));
  // 1000 is our own stop; anything else is a drop @discordjs/ws recovers from by itself.
  manager.on(WebSocketShardEvents.Closed, ({ code }) => (code === 1000 ? deps.logger.info : deps.logger.warn).call(deps.logger, { code }, 'discord: gateway connection closed'));
  manager.on(WebSocketShardEvents.Error, ({ error }) => deps.logger.error({ error: safeError(error) }, 'discord: gateway error'));
  return {
    guildName: (guildId: string) => guildNames.get(guildId),
    /** Resolves once the session is ready (READY received). */
    async start() {
      await manager.connect();
      deps.logger.info({}, 'discord: gateway connected');
    },
    async stop() {
      await manager.destroy();
    },
  };
}
