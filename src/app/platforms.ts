import type { Express } from 'express';
import type { Message } from '../core/messages/model.js';
import type { OutboundSink } from './outbound.js';
import type { Services } from './services.js';
import { discordEnabled, slackEnabled } from '../config/env.js';

/** Where one message goes, resolved from the core's audience (see delivery.ts). */
export type DeliveryTarget =
  | {
      kind: 'dm';
      workspaceExternalId: string;
      userExternalId: string;
      /** Cached DM channel id, when known (Slack's conversations.open is Tier 3: open once, reuse). */
      dmChannelId: string | null;
      rememberDmChannel(channelId: string): Promise<void>;
    }
  | { kind: 'channel'; workspaceExternalId: string; channelId: string };

export interface SendOptions {
  idempotencyKey?: string;
}

/**
 * A running platform adapter as the processes see it: HTTP routes for the web process,
 * `send` for deliveries (throws DeliveryError), and a stop hook for shutdown.
 */
export interface PlatformRuntime {
  platform: 'slack' | 'discord' | 'console';
  mount?: (app: Express) => void;
  /** Long-lived connections (Socket Mode, Discord gateway). */
  start?: () => Promise<void>;
  /**
   * `options.idempotencyKey` is stable across retries of one delivery (the nudge key); a platform
   * with idempotent sends (Discord's message `nonce` + `enforce_nonce`, at most 25 characters,
   * so hash it) can use it to drop a resend after a lost "sent" commit. Others ignore it.
   */
  send(target: DeliveryTarget, message: Message, options?: SendOptions): Promise<void>;
  stop(): Promise<void>;
}

export interface PlatformOptions {
  /** Where adapters hand messages for other people and channels: the queued sink in production. */
  outbound?: OutboundSink;
}

/** Builds the adapters whose tokens are configured. Each adapter module is loaded only when used. */
export async function createPlatforms(services: Services, options: PlatformOptions = {}): Promise<PlatformRuntime[]> {
  const runtimes: PlatformRuntime[] = [];
  void services;
  if (slackEnabled(services.env)) {
    const { createSlackRuntime } = await import('../adapters/slack/index.js');
    runtimes.push(createSlackRuntime(services, () => runtimes, options.outbound));
  }
  if (discordEnabled(services.env)) {
    const { createDiscordRuntime } = await import('../adapters/discord/discord-runtime.js');
    runtimes.push(createDiscordRuntime(services, { platforms: () => runtimes, outbound: options.outbound }));
  }
  return runtimes;
}
