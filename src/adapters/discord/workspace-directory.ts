import type { WorkspaceLookup } from '../../platform/directory.js';

export type DmGuild = { guildId: string; name: string } | 'none' | 'several';

/**
 * What the adapter must look up outside the core: which server a DM interaction belongs to
 * (Discord sends no guild with DMs) and the server's name; autocomplete is the core's (see
 * core/commands/complete.ts). It reads through the store's lookup port
 * (src/platform/directory.ts); only non-private columns.
 */
export interface WorkspaceDirectory {
  guildForDmUser(userId: string): Promise<DmGuild>;
  guildName(guildId: string): Promise<string>;
}

export function createWorkspaceDirectory(lookup: WorkspaceLookup, liveGuildName?: (guildId: string) => string | undefined): WorkspaceDirectory {
  // The name only matters when a workspace is first created, so one lookup per server is enough.
  const names = new Map<string, string>();
  return {
    async guildForDmUser(userId) {
      const workspaces = await lookup.workspacesOfUser('discord', userId, 2);
      if (workspaces.length === 0) return 'none';
      if (workspaces.length > 1) return 'several';
      return { guildId: workspaces[0]!.externalId, name: workspaces[0]!.name };
    },
    async guildName(guildId) {
      const live = liveGuildName?.(guildId) ?? names.get(guildId);
      if (live) return live;
      const name = await lookup.workspaceName('discord', guildId);
      if (names.size >= 10_000) names.clear();
      if (name) names.set(guildId, name);
      return name ?? `Discord server ${guildId}`;
    },
  };
}
