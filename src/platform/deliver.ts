// Sends one routed message through the platform runtime this process runs for its platform.
// No lookups: the route came from the row, the cached DM channel with it.
import type { Message } from '../core/messages/model.js';
import type { DeliveryTarget, PlatformRuntime, SendOptions } from './contract.js';
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
}

export function createDelivery(platforms: PlatformRuntime[], dmChannels: DmChannelCache): Delivery {
  const byPlatform = new Map(platforms.map((p) => [p.platform, p]));

  function targetOf({ route, dmChannelId }: RoutedMessage): DeliveryTarget {
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
  };
}
