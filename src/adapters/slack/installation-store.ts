import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import { z } from 'zod';
import { TrellisError } from '../../core/errors.js';
import type { InstallationRecords } from '../../platform/installations.js';

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

/** What we stored is Slack's own Installation; checked only for the parts we read. */
const ZStoredInstallation = z.looseObject({ bot: z.looseObject({ token: z.string(), userId: z.string().optional(), id: z.string().optional() }).optional() });

/** An org-wide install is stored under the enterprise id, a workspace install under the team id. */
const keyOf = (q: WorkspaceKey): string | undefined => (q.isEnterpriseInstall ? q.enterpriseId : q.teamId);

export class InstallationNotFoundError extends TrellisError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { code: 'INSTALLATION_NOT_FOUND', cause: options?.cause });
    this.name = 'InstallationNotFoundError';
  }
}

/**
 * Slack installations, kept by the store (src/platform/installations.ts): one per team (or org),
 * the installation JSON (bot token included) encrypted there. Lookups are cached briefly because
 * Bolt authorizes every request before it can acknowledge it.
 */
export class SlackInstallationStore implements InstallationStore {
  private readonly cache = new Map<string, { installation: Installation; expires: number }>();

  constructor(
    private readonly records: InstallationRecords,
    private readonly cacheMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async storeInstallation(installation: Installation): Promise<void> {
    const key = installation.isEnterpriseInstall ? installation.enterprise?.id : installation.team?.id;
    if (!key) throw new Error('installation has neither a team nor an enterprise id');
    const name = (installation.isEnterpriseInstall ? installation.enterprise?.name : installation.team?.name) ?? key;
    await this.records.save('slack', key, { name, botUserId: installation.bot?.userId ?? null, installation, at: new Date(this.now()) });
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
    await this.records.markUninstalled('slack', key, new Date(this.now()));
  }

  /** Single-workspace mode: the bot token in the environment works again (after a reinstall). */
  async markInstalled(teamId: string): Promise<void> {
    await this.records.markInstalled('slack', teamId);
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
    const stored = await this.records.load('slack', key);
    if (!stored) return null;
    const installation = ZStoredInstallation.parse(stored) as unknown as Installation;
    this.cache.set(key, { installation, expires: this.now() + this.cacheMs });
    return installation;
  }
}
