// A route: an audience (a person or a channel) resolved ONCE — by the store's resolver, when an
// outbox row is written or a planned nudge is dispatched — to a platform, the workspace it goes
// through, and the platform's own ids. It is stored on the row; delivery reads it and never
// looks the audience up again.
import { z } from 'zod';

export const ZStoredTarget = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('dm'), identityId: z.string().min(1), workspaceExternalId: z.string().min(1), userExternalId: z.string().min(1) }),
  z.strictObject({ kind: z.literal('channel'), workspaceExternalId: z.string().min(1), channelId: z.string().min(1) }),
]);
export type StoredTarget = z.infer<typeof ZStoredTarget>;

export const ZPlatformName = z.enum(['slack', 'discord', 'console']);

export const ZRoute = z.strictObject({ platform: ZPlatformName, workspaceId: z.string().min(1), target: ZStoredTarget });
export type Route = z.infer<typeof ZRoute>;

/** Where a DM channel opened by a platform is remembered (the identity's cached channel). */
export interface DmChannelCache {
  remember(identityId: string, channelId: string): Promise<void>;
}
