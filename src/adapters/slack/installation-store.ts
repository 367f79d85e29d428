import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import type { Cipher } from '../../db/crypto.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { TrellisError } from '../../core/errors.js';

export interface BotCredentials {
  botToken: string;
  botUserId?: string;
  botId?: string;
}

export interface WorkspaceKey {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
}

/** An org-wide install is stored under the enterprise id, a workspace install under the team id. */
const keyOf = (q: WorkspaceKey): string | undefined => (q.isEnterpriseInstall ? q.enterpriseId : q.teamId);

export class InstallationNotFoundError extends TrellisError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { code: 'INSTALLATION_NOT_FOUND', cause: options?.cause });
    this.name = 'InstallationNotFoundError';
  }
}

/**
 * Slack installations in Postgres: one Workspace row per team (or org), the installation JSON
 * (bot token included) encrypted with the app's key. Lookups are cached briefly because Bolt
 * authorizes every request before it can acknowledge it.
 */
export class PrismaInstallationStore implements InstallationStore {
  private readonly cache = new Map<string, { installation: Installation; expires: number }>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly cipher: Cipher,
    private readonly cacheMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async storeInstallation(installation: Installation): Promise<void> {
    const key = installation.isEnterpriseInstall ? installation.enterprise?.id : installation.team?.id;
    if (!key) throw new Error('installation has neither a team nor an enterprise id');
    const name = (installation.isEnterpriseInstall ? installation.enterprise?.name : installation.team?.name) ?? key;
    const data = { name, botUserId: installation.bot?.userId ?? null, installationEnc: this.cipher.encrypt(JSON.stringify(installation)), installedAt: new Date(this.now()), uninstalledAt: null };
    await this.prisma.workspace.upsert({
      where: { platform_externalId: { platform: 'slack', externalId: key } },
      create: { platform: 'slack', externalId: key, ...data },
      update: data,
    });
    this.cache.delete(key);
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const found = (await this.load(keyOf(query))) ?? (query.enterpriseId ? await this.load(query.enterpriseId) : null);
    if (!found) throw new InstallationNotFoundError(`Trellis is not installed in Slack workspace ${keyOf(query) ?? '(unknown)'}`);
    return found;
  }

  /** The app was uninstalled or its bot token revoked: forget the token, keep the people's data. */
  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.markUninstalled(query);
  }

  async markUninstalled(query: WorkspaceKey): Promise<void> {
    const key = keyOf(query) ?? query.enterpriseId;
    if (!key) return;
    this.cache.delete(key);
    await this.prisma.workspace.updateMany({
      where: { platform: 'slack', externalId: key },
      data: { installationEnc: null, uninstalledAt: new Date(this.now()) },
    });
  }

  /** Single-workspace mode: the bot token in the environment works again (after a reinstall). */
  async markInstalled(teamId: string): Promise<void> {
    await this.prisma.workspace.updateMany({ where: { platform: 'slack', externalId: teamId }, data: { uninstalledAt: null } });
  }

  async credentialsFor(query: WorkspaceKey): Promise<BotCredentials> {
    const installation = await this.fetchInstallation(query as InstallationQuery<boolean>);
    if (!installation.bot?.token) throw new InstallationNotFoundError('the installation has no bot token');
    return { botToken: installation.bot.token, botUserId: installation.bot.userId, botId: installation.bot.id };
  }

  private async load(key: string | undefined): Promise<Installation | null> {
    if (!key) return null;
    const cached = this.cache.get(key);
    if (cached && cached.expires > this.now()) return cached.installation;
    const row = await this.prisma.workspace.findUnique({ where: { platform_externalId: { platform: 'slack', externalId: key } } });
    if (!row?.installationEnc || row.uninstalledAt) return null;
    const installation = JSON.parse(this.cipher.decrypt(row.installationEnc)) as Installation;
    this.cache.set(key, { installation, expires: this.now() + this.cacheMs });
    return installation;
  }
}
