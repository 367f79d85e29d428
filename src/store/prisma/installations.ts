import type { Cipher } from '../../security/crypto.js';
import type { InstallationRecords } from '../../platform/installations.js';
import type { DbClient } from './client.js';

/** Installations on their Workspace row, the JSON (bot token included) encrypted with the app's key. */
export function createInstallationRecords(db: DbClient, cipher: Cipher): InstallationRecords {
  return {
    async save(platform, externalId, { name, botUserId, installation, at }) {
      const data = { name, botUserId, installationEnc: cipher.encrypt(JSON.stringify(installation)), installedAt: at, uninstalledAt: null };
      await db.workspace.upsert({ where: { platform_externalId: { platform, externalId } }, create: { platform, externalId, ...data }, update: data });
    },
    async load(platform, externalId) {
      const row = await db.workspace.findUnique({ where: { platform_externalId: { platform, externalId } }, select: { installationEnc: true, uninstalledAt: true } });
      if (!row?.installationEnc || row.uninstalledAt) return null;
      return JSON.parse(cipher.decrypt(row.installationEnc)) as unknown;
    },
    async markUninstalled(platform, externalId, at) {
      await db.workspace.updateMany({ where: { platform, externalId }, data: { installationEnc: null, uninstalledAt: at } });
    },
    async markInstalled(platform, externalId) {
      await db.workspace.updateMany({ where: { platform, externalId }, data: { uninstalledAt: null } });
    },
  };
}
