import type { Outbound } from '../core/messages/model.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { DeliveryError } from './delivery-error.js';
import type { DeliveryTarget, PlatformRuntime, SendOptions } from './platforms.js';

export interface Delivery {
  /** Sends one message to its audience; throws DeliveryError. */
  send(outbound: Outbound, options?: SendOptions): Promise<void>;
  /**
   * Resolves the audience now and returns the platform call, so a caller can check a rate limit
   * between the database lookup and the send (src/jobs does). Throws DeliveryError when nothing
   * can reach the audience.
   */
  prepare(outbound: Outbound): Promise<(options?: SendOptions) => Promise<void>>;
}

/**
 * Resolves the core's audiences to platform targets: a person gets a DM on the first of their
 * identities whose platform is running; a channel message goes to that workspace's platform.
 */
export function createDelivery(prisma: PrismaClient, platforms: PlatformRuntime[]): Delivery {
  const byPlatform = new Map(platforms.map((p) => [p.platform, p]));

  async function resolve(outbound: Outbound): Promise<{ runtime: PlatformRuntime; target: DeliveryTarget }> {
    if (outbound.to.kind === 'channel') {
      const workspace = await prisma.workspace.findUnique({ where: { id: outbound.to.workspaceId } });
      const runtime = workspace && byPlatform.get(workspace.platform);
      if (!workspace || !runtime) throw new DeliveryError(`no running platform for workspace ${outbound.to.workspaceId}`, false);
      return { runtime, target: { kind: 'channel', workspaceExternalId: workspace.externalId, channelId: outbound.to.channelId } };
    }
    const identities = await prisma.identity.findMany({ where: { personId: outbound.to.personId }, include: { workspace: true }, orderBy: { id: 'asc' } });
    for (const identity of identities) {
      const runtime = byPlatform.get(identity.workspace.platform);
      if (!runtime || identity.workspace.uninstalledAt) continue;
      return {
        runtime,
        target: {
          kind: 'dm',
          workspaceExternalId: identity.workspace.externalId,
          userExternalId: identity.externalUserId,
          dmChannelId: identity.dmChannelId,
          rememberDmChannel: async (channelId) => {
            await prisma.identity.update({ where: { id: identity.id }, data: { dmChannelId: channelId } });
          },
        },
      };
    }
    throw new DeliveryError(`person ${outbound.to.personId} has no identity on a running platform`, false);
  }

  async function prepare(outbound: Outbound) {
    const { runtime, target } = await resolve(outbound);
    return (options?: SendOptions) => runtime.send(target, outbound.message, options);
  }

  return {
    prepare,
    async send(outbound, options) {
      await (await prepare(outbound))(options);
    },
  };
}
