// The contract between the processes and a platform adapter (Slack, Discord, the console):
// what a running adapter offers, and where one message goes. It imports nothing from src/app
// or src/adapters, so adapters, jobs and the wiring in src/app can all depend on it without
// a cycle.
import type { Express } from 'express';
import type { Platform } from '../core/domain.js';
import type { Message } from '../core/messages/model.js';
import type { ClaimedRequest } from './intake.js';

export type PlatformName = Platform;

/** Where one message goes, as the platform's own ids (built from a routed outbox row; see route.ts). */
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
  /**
   * Parts of a split message (by index) that an earlier attempt already delivered, as `recall`
   * found them: the send posts only the others.
   */
  skipParts?: readonly number[];
}

/**
 * What an earlier attempt of one delivery left on the platform, read back after a worker died (or
 * a send failed) between the platform's answer and the row being marked sent:
 * - `delivered`: every part of the message is there, so nothing is sent again;
 * - `partial`: these parts are there (a worker died between parts), so only the rest is sent;
 * - `absent`: nothing is there, so it is sent;
 * - `unknown`: the platform could not be asked (no read access to the channel, say); it is sent,
 *   because a lost nudge is worse than a rare repeat.
 */
export type Recall =
  | { kind: 'delivered' }
  | { kind: 'partial'; parts: number[] }
  | { kind: 'absent' }
  | { kind: 'unknown'; reason: string };

/**
 * A running platform adapter as the processes see it: HTTP routes for the web process,
 * `send` for deliveries (throws DeliveryError), and a stop hook for shutdown.
 */
export interface PlatformRuntime {
  platform: PlatformName;
  mount?: (app: Express) => void;
  /** Long-lived connections (Socket Mode, Discord gateway). */
  start?: () => Promise<void>;
  /**
   * `options.idempotencyKey` is stable across retries of one delivery (the nudge key); a platform
   * with idempotent sends (Discord's message `nonce` + `enforce_nonce`, at most 25 characters,
   * so hash it) can use it to drop a resend after a lost "sent" commit. Others ignore it.
   */
  send(target: DeliveryTarget, message: Message, options?: SendOptions): Promise<void>;
  /**
   * Looks for the message sent with `idempotencyKey` at `target` since `since` (Slack: the key
   * rides in every message's metadata). Asked only for a row whose earlier attempt may have reached
   * the platform; a platform without it (Discord, whose nonce dedupes the resend itself) is simply
   * sent to again.
   */
  recall?(target: DeliveryTarget, idempotencyKey: string, since: Date): Promise<Recall>;
  /**
   * Runs again a request this platform's web process wrote down and acknowledged but never
   * applied nor answered (the process died): the person is answered where they still can be.
   */
  replay?: (request: ClaimedRequest) => Promise<void>;
  stop(): Promise<void>;
}
