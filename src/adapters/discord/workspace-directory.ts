import type { PrismaClient } from '../../generated/prisma/client.js';

export type DmGuild = { guildId: string; name: string } | 'none' | 'several';

/**
 * What the adapter must look up outside the core: which server a DM interaction belongs to
 * (Discord sends no guild with DMs) and program names for autocomplete. Both read only
 * non-private columns.
 */
export interface WorkspaceDirectory {
  guildForDmUser(userId: string): Promise<DmGuild>;
  guildName(guildId: string): Promise<string>;
  programChoices(guildId: string, typed: string): Promise<{ name: string; value: string }[]>;
}

export function createWorkspaceDirectory(prisma: PrismaClient, liveGuildName?: (guildId: string) => string | undefined): WorkspaceDirectory {
  // The name only matters when a workspace is first created, so one lookup per server is enough.
  const names = new Map<string, string>();
  return {
    async guildForDmUser(userId) {
      const identities = await prisma.identity.findMany({
        where: { externalUserId: userId, workspace: { platform: 'discord', uninstalledAt: null } },
        include: { workspace: true },
        take: 2,
      });
      if (identities.length === 0) return 'none';
      if (identities.length > 1) return 'several';
      return { guildId: identities[0]!.workspace.externalId, name: identities[0]!.workspace.name };
    },
    async guildName(guildId) {
      const live = liveGuildName?.(guildId) ?? names.get(guildId);
      if (live) return live;
      const workspace = await prisma.workspace.findUnique({ where: { platform_externalId: { platform: 'discord', externalId: guildId } } });
      if (names.size >= 10_000) names.clear();
      if (workspace) names.set(guildId, workspace.name);
      return workspace?.name ?? `Discord server ${guildId}`;
    },
    async programChoices(guildId, typed) {
      const programs = await prisma.program.findMany({
        where: {
          workspace: { platform: 'discord', externalId: guildId },
          OR: [{ slug: { startsWith: typed.toLowerCase() } }, { name: { contains: typed, mode: 'insensitive' } }],
        },
        orderBy: { slug: 'asc' },
        take: 25,
      });
      return programs.map((p) => ({ name: `${p.name} (${p.slug})`.slice(0, 100), value: p.slug }));
    },
  };
}
