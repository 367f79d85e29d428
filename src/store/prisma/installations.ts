import type { Cipher } from '../../security/crypto.js';
import type { InstallationRecords } from '../../platform/installations.js';
import type { DbClient } from './client.js';
import { sealedColumn } from './sealed.js';

/** Installations on their Workspace row, the JSON (bot token included) encrypted with the app's key. */
export function createInstallationRecords(db: DbClient, cipher: Cipher): InstallationRecords {
  const sealed = sealedColumn(cipher, 'Workspace', 'installationEnc');
  return {
    async save(platform, externalId, { name, botUserId, installation, at }) {
      // The row id is needed to bind the sealed token to it: create the row first if it is new.
      await db.workspace.createMany({ data: [{ platform, externalId, name }], skipDuplicates: true });
      const { id } = await db.workspace.findUniqueOrThrow({ where: { platform_externalId: { platform, externalId } }, select: { id: true } });
      const data = { name, botUserId, installationEnc: sealed.seal(id, JSON.stringify(installation)), installedAt: at, uninstalledAt: null };
      await db.workspace.update({ where: { id }, data });
    },
    async load(platform, externalId) {
      const row = await db.workspace.findUnique({ where: { platform_externalId: { platform, externalId } }, select: { id: true, installationEnc: true, uninstalledAt: true } });
      if (!row?.installationEnc || row.uninstalledAt) return null;
      return JSON.parse(sealed.open(row.id, row.installationEnc)) as unknown;
    },
    async markUninstalled(platform, externalId, at) {
      await db.workspace.updateMany({ where: { platform, externalId }, data: { installationEnc: null, uninstalledAt: at } });
    },
    async markInstalled(platform, externalId) {
      await db.workspace.updateMany({ where: { platform, externalId }, data: { uninstalledAt: null } });
    },
  };
}
