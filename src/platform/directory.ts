import type { PlatformName } from './contract.js';

/**
 * What an adapter may look up outside the core (implemented in src/store): which workspace a
 * user belongs to, and a workspace's name (autocomplete is the core's: Trellis.complete). Non-private columns only.
 */
export interface WorkspaceLookup {
  /** Installed workspaces of the platform where the user has an identity, at most `limit`. */
  workspacesOfUser(platform: PlatformName, externalUserId: string, limit: number): Promise<{ externalId: string; name: string }[]>;
  /** The stored name of a workspace, or null when it is unknown. */
  workspaceName(platform: PlatformName, externalId: string): Promise<string | null>;
}
