import type { PlatformName } from './contract.js';

/**
 * Where a platform's installation (its OAuth result, bot token included) is kept, one per
 * workspace, encrypted by the store (src/store/prisma/installations.ts). The adapter owns what
 * the installation means; the store only keeps it.
 */
export interface InstallationRecords {
  /** Keeps the installation and marks the workspace installed (creating it when new). */
  save(platform: PlatformName, externalId: string, record: { name: string; botUserId: string | null; installation: unknown; at: Date }): Promise<void>;
  /** The installation of a workspace that is installed, or null. */
  load(platform: PlatformName, externalId: string): Promise<unknown>;
  /** The app left the workspace: forget the installation, keep the people's data. */
  markUninstalled(platform: PlatformName, externalId: string, at: Date): Promise<void>;
  /** The app is back (single-workspace mode: the configured token works again). */
  markInstalled(platform: PlatformName, externalId: string): Promise<void>;
}
