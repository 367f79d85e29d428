import type { PlatformName } from './contract.js';

/**
 * What an adapter may look up outside the core (implemented in src/store): which workspace a
 * user belongs to, a workspace's name, program names for autocomplete. Non-private columns only.
 */
export interface WorkspaceLookup {
  /** Installed workspaces of the platform where the user has an identity, at most `limit`. */
  workspacesOfUser(platform: PlatformName, externalUserId: string, limit: number): Promise<{ externalId: string; name: string }[]>;
  /** The stored name of a workspace, or null when it is unknown. */
  workspaceName(platform: PlatformName, externalId: string): Promise<string | null>;
  /** Programs of a workspace whose slug starts with, or whose name contains, `typed`; by slug. */
  programChoices(platform: PlatformName, workspaceExternalId: string, typed: string, limit: number): Promise<{ slug: string; name: string }[]>;
}
