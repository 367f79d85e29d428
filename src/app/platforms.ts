import type { Express } from 'express';
import type { Message } from '../core/messages/model.js';
import type { Services } from './services.js';

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

/**
 * A running platform adapter as the processes see it: HTTP routes for the web process,
 * `send` for deliveries (throws DeliveryError), and a stop hook for shutdown.
 */
export interface PlatformRuntime {
  platform: 'slack' | 'discord' | 'console';
  mount?: (app: Express) => void;
  /** Long-lived connections (Socket Mode, Discord gateway). */
  start?: () => Promise<void>;
  send(target: DeliveryTarget, message: Message): Promise<void>;
  stop(): Promise<void>;
}

/** Builds the adapters whose tokens are configured. Each adapter module is loaded only when used. */
export async function createPlatforms(services: Services): Promise<PlatformRuntime[]> {
  const runtimes: PlatformRuntime[] = [];
  void services;
  return runtimes;
}
