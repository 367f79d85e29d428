// Sends one routed message through the platform runtime this process runs for its platform.
// No lookups: the route came from the row, the cached DM channel with it.
import type { Message } from '../core/messages/model.js';
import type { DeliveryTarget, PlatformRuntime, Recall, SendOptions } from './contract.js';
import { DeliveryError } from './delivery-error.js';
import type { DmChannelCache, Route } from './route.js';

export interface RoutedMessage {
  route: Pick<Route, 'platform' | 'target'>;
  /** The identity's cached DM channel, read with the row. */
  dmChannelId: string | null;
  message: Message;
}

export type PlatformCall = (options?: SendOptions) => Promise<void>;

export interface Delivery {
  /**
   * The platform call for one routed message, so a caller can check a rate limit right before
   * it (src/jobs does). Throws a final DeliveryError when this process runs no such platform.
   */
  prepare(routed: RoutedMessage): PlatformCall;
  /**
   * What an earlier attempt with this key left at the route since `since` (the platform's
   * `recall`); null when the platform has none and dedupes a resend itself (Discord's nonce).
   */
  recall(routed: Omit<RoutedMessage, 'message'>, key: string, since: Date): Promise<Recall | null>;
}

export function createDelivery(platforms: PlatformRuntime[], dmChannels: DmChannelCache): Delivery {
  const byPlatform = new Map(platforms.map((p) => [p.platform, p]));

  function targetOf({ route, dmChannelId }: Omit<RoutedMessage, 'message'>): DeliveryTarget {
    const t = route.target;
    if (t.kind === 'channel') return t;
    return {
      kind: 'dm',
      workspaceExternalId: t.workspaceExternalId,
      userExternalId: t.userExternalId,
      dmChannelId,
      rememberDmChannel: (channelId) => dmChannels.remember(t.identityId, channelId),
    };
  }

  return {
    prepare(routed) {
      const runtime = byPlatform.get(routed.route.platform);
      if (!runtime) throw new DeliveryError(`no running ${routed.route.platform} platform in this process`, false);
      const target = targetOf(routed);
      return (options) => runtime.send(target, routed.message, options);
    },
    async recall(routed, key, since) {
      const runtime = byPlatform.get(routed.route.platform);
      if (!runtime) throw new DeliveryError(`no running ${routed.route.platform} platform in this process`, false);
      return runtime.recall ? runtime.recall(targetOf(routed), key, since) : null;
    },
  };
}
