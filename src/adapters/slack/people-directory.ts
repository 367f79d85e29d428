import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';

export interface SlackProfile {
  timeZone?: string;
  displayName?: string;
  handle?: string;
}

/**
 * What Slack knows about a person that the core uses as defaults: their time zone (users.info,
 * Tier 4) and names. Remembered per process so a busy person costs one lookup, and bounded.
 */
export class SlackPeopleDirectory {
  private readonly cache = new Map<string, { profile: SlackProfile; expires: number }>();

  constructor(
    private readonly logger: Logger,
    private readonly ttlMs = 60 * 60_000,
    private readonly maxEntries = 10_000,
  ) {}

  /** The profile changed (Slack's user_change): the next request reads it again. */
  forget(teamId: string, userId: string): void {
    this.cache.delete(`${teamId}:${userId}`);
  }

  async profile(client: WebClient, teamId: string, userId: string, now = Date.now()): Promise<SlackProfile> {
    const key = `${teamId}:${userId}`;
    const cached = this.cache.get(key);
    if (cached && cached.expires > now) return cached.profile;
    let profile: SlackProfile = {};
    try {
      const { user } = await client.users.info({ user: userId });
      profile = {
        timeZone: user?.tz || undefined,
        displayName: user?.profile?.display_name || user?.profile?.real_name || user?.real_name || undefined,
        handle: user?.name || undefined,
      };
    } catch (error) {
      // Without it the person simply starts in UTC and can change it with `/mentor settings`.
      this.logger.warn({ err: error, userId }, 'could not read a Slack profile');
      return profile;
    }
    if (this.cache.size >= this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, { profile, expires: now + this.ttlMs });
    return profile;
  }
}
