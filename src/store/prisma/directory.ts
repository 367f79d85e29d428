import type { WorkspaceLookup } from '../../platform/directory.js';
import type { DbClient } from './client.js';

/** Adapters' lookups outside the core (see src/platform/directory.ts): non-private columns only. */
export function createWorkspaceLookup(db: DbClient): WorkspaceLookup {
  return {
    async workspacesOfUser(platform, externalUserId, limit) {
      const identities = await db.identity.findMany({
        where: { externalUserId, workspace: { platform, uninstalledAt: null } },
        select: { workspace: { select: { externalId: true, name: true } } },
        orderBy: { id: 'asc' },
        take: limit,
      });
      return identities.map((i) => i.workspace);
    },
    async workspaceName(platform, externalId) {
      const workspace = await db.workspace.findUnique({ where: { platform_externalId: { platform, externalId } }, select: { name: true } });
      return workspace?.name ?? null;
    },
  };
}
