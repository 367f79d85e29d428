import type { Express } from 'express';
import type { Services } from '../../app/services.js';
import type { PlatformRuntime } from '../../platform/contract.js';
import type { Trellis } from '../../core/trellis.js';
import { commandTable } from './command-table.js';
import { FormStash } from './form-stash.js';
import { createRedisFormStore } from './redis-form-store.js';
import { closeRedis, createRedis } from '../../app/redis.js';
import { createGateway } from './gateway.js';
import { mountInteractionsEndpoint } from './http-endpoint.js';
import { createInteractionHandler } from './interaction-handler.js';
import { createRest } from './rest.js';
import { createSender } from './send.js';
import { ed25519PublicKey } from './verify.js';
import { createInteractionWebhooks } from './webhooks.js';
import { createWorkspaceDirectory } from './workspace-directory.js';
import { discordUsageRewriter } from './discord-usage.js';
import { createDiscordReplay } from './replay.js';

export interface DiscordRuntimeOptions {
  /** Replaces services.trellis (tests slow it down to exercise deferral). */
  trellis?: Pick<Trellis, 'handle' | 'complete' | 'router'>;
  deferAfterMs?: number;
  maxRateLimitWaitMs?: number;
  now?: () => number;
}

export type DiscordRuntime = PlatformRuntime & {
  /** Resolves when every interaction received so far is fully handled (follow-ups too). */
  idle(): Promise<void>;
};

/**
 * The Discord adapter as the processes see it. The interactions endpoint is mounted when
 * DISCORD_PUBLIC_KEY is set; otherwise, with DISCORD_TOKEN, `start()` connects to the gateway
 * (Discord sends interactions to one or the other, never both). `send` needs DISCORD_TOKEN.
 */
export function createDiscordRuntime(services: Pick<Services, 'env' | 'logger' | 'directory' | 'trellis'> & Partial<Pick<Services, 'cipher' | 'intake'>>, options: DiscordRuntimeOptions = {}): DiscordRuntime {
  const { env, logger } = services;
  // Stashed forms are shared through Redis (sealed), so any web process takes the submission.
  let formRedis: ReturnType<typeof createRedis> | undefined;
  const redisForForms = () => (formRedis ??= createRedis(env.REDIS_URL, logger));
  const stash = new FormStash(Date.now, undefined, undefined, services.cipher ? createRedisFormStore(redisForForms, services.cipher, env.TRELLIS_QUEUE_PREFIX) : undefined);
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
  const directory = createWorkspaceDirectory(services.directory, (id) => gateway?.guildName(id));
  // Registration (register.ts), decoding, usage lines and prose all read this one table.
  const table = commandTable(trellis.router.commands);
  const render = { rewrite: discordUsageRewriter(table) };
  const send = createSender({ rest, hasToken: Boolean(env.DISCORD_TOKEN), logger, render });

  // What a command owes others is not sent from here: the core writes it to the outbox in the
  // command's transaction, and the delivery workers (src/jobs) send it, rate-limited and retried.
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
      if (formRedis) await closeRedis(formRedis);
    },
  };
  const handlerDeps = { trellis, table, render, webhooks, directory, stash, logger, applicationId: env.DISCORD_APPLICATION_ID, now: options.now };
  const handler = createInteractionHandler({ ...handlerDeps, deferAfterMs: options.deferAfterMs });
  if (env.DISCORD_PUBLIC_KEY) {
    const publicKey = ed25519PublicKey(env.DISCORD_PUBLIC_KEY);
    const { intake } = services;
    runtime.mount = (app: Express) => mountInteractionsEndpoint(app, { publicKey, handler, logger, track, now: options.now, intake });
    if (intake) {
      // A replay has no 3-second answer to give: it waits for the core (within the token's 15 minutes).
      const replay = createDiscordReplay({ handler: createInteractionHandler({ ...handlerDeps, deferAfterMs: 10 * 60_000 }), webhooks, rest, intake, logger, applicationId: env.DISCORD_APPLICATION_ID, now: options.now });
      runtime.replay = async (request) => {
        const work = replay(request.id, request.payload);
        track(work);
        await work;
      };
    }
  }
  if (useGateway) {
    gateway = createGateway({ token: env.DISCORD_TOKEN!, rest, handler, webhooks, logger, track });
    runtime.start = () => gateway!.start();
  }
  return runtime;
}
