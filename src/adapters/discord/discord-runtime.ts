import type { Express } from 'express';
import { createDelivery } from '../../app/delivery.js';
import type { OutboundSink } from '../../app/outbound.js';
import type { PlatformRuntime } from '../../app/platforms.js';
import type { Services } from '../../app/services.js';
import type { Trellis } from '../../core/trellis.js';
import { commandTable } from './command-table.js';
import { FormStash } from './form-stash.js';
import { createGateway } from './gateway.js';
import { mountInteractionsEndpoint } from './http-endpoint.js';
import { createInteractionHandler } from './interaction-handler.js';
import { createRest } from './rest.js';
import { createSender } from './send.js';
import type { OptionHints } from './usage-options.js';
import { ed25519PublicKey } from './verify.js';
import { createInteractionWebhooks } from './webhooks.js';
import { createWorkspaceDirectory } from './workspace-directory.js';
import { defaultOptionHints } from './option-hints.js';
import { discordUsageRewriter } from './discord-usage.js';

export interface DiscordRuntimeOptions {
  /** Where messages for other people and channels go: the delivery queue in production; sent at once without it. */
  outbound?: OutboundSink;
  /** Replaces services.trellis (tests slow it down to exercise deferral). */
  trellis?: Pick<Trellis, 'handle' | 'router'>;
  deferAfterMs?: number;
  maxRateLimitWaitMs?: number;
  optionHints?: OptionHints;
  /** Every running platform, so messages for people on other platforms reach them too. */
  platforms?: () => PlatformRuntime[];
  now?: () => number;
}

export type DiscordRuntime = PlatformRuntime & {
  /** Resolves when every interaction received so far is fully handled (follow-ups and outbound too). */
  idle(): Promise<void>;
};

/**
 * The Discord adapter as the processes see it. The interactions endpoint is mounted when
 * DISCORD_PUBLIC_KEY is set; otherwise, with DISCORD_TOKEN, `start()` connects to the gateway
 * (Discord sends interactions to one or the other, never both). `send` needs DISCORD_TOKEN.
 */
export function createDiscordRuntime(services: Pick<Services, 'env' | 'logger' | 'prisma' | 'trellis' | 'templates'>, options: DiscordRuntimeOptions = {}): DiscordRuntime {
  const { env, logger } = services;
  const trellis = options.trellis ?? services.trellis;
  const rest = createRest({ apiUrl: env.DISCORD_API_URL, token: env.DISCORD_TOKEN, maxRateLimitWaitMs: options.maxRateLimitWaitMs });
  const webhooks = createInteractionWebhooks(rest);
  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };
  const useGateway = Boolean(env.DISCORD_TOKEN && !env.DISCORD_PUBLIC_KEY);
  let gateway: ReturnType<typeof createGateway> | undefined;
  const directory = createWorkspaceDirectory(services.prisma, (id) => gateway?.guildName(id));
  const table = commandTable(trellis.router.commands, options.optionHints ?? defaultOptionHints());
  const render = { rewrite: discordUsageRewriter(table) };
  const send = createSender({ rest, hasToken: Boolean(env.DISCORD_TOKEN), logger, render });

  // The web process passes the job layer's queued sink (src/jobs, rate-limited and retried).
  // Without one, messages for others are sent right after the reply through the running
  // platforms; failures are then logged, not retried.
  const runtime: DiscordRuntime = {
    platform: 'discord',
    send,
    idle: async () => {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
    // No new interactions first, then the ones in hand finish (their follow-ups use REST only).
    async stop() {
      await gateway?.stop();
      await runtime.idle();
    },
  };
  const directDelivery: OutboundSink = async (items) => {
    const delivery = createDelivery(services.prisma, options.platforms?.() ?? [runtime]);
    for (const item of items) await delivery.send(item).catch((error: unknown) => logger.error({ err: error }, 'discord: outbound message not delivered'));
  };
  const handler = createInteractionHandler({
    trellis,
    table,
    render,
    webhooks,
    directory,
    templates: () => services.templates.list(),
    stash: new FormStash(),
    outbound: options.outbound ?? directDelivery,
    logger,
    applicationId: env.DISCORD_APPLICATION_ID,
    deferAfterMs: options.deferAfterMs,
    now: options.now,
  });
  if (env.DISCORD_PUBLIC_KEY) {
    const publicKey = ed25519PublicKey(env.DISCORD_PUBLIC_KEY);
    runtime.mount = (app: Express) => mountInteractionsEndpoint(app, { publicKey, handler, logger, track, now: options.now });
  }
  if (useGateway) {
    gateway = createGateway({ token: env.DISCORD_TOKEN!, apiUrl: env.DISCORD_API_URL, handler, webhooks, logger, track });
    runtime.start = () => gateway!.start();
  }
  return runtime;
}
