import type { CalendarFeedRepository } from '../../core/ports/repositories.js';
import type { DbClient } from './client.js';

export class PrismaCalendarFeedRepository implements CalendarFeedRepository {
  constructor(private readonly db: DbClient) {}

  async seedOf(personId: string): Promise<string | null> {
    const row = await this.db.calendarFeed.findUnique({ where: { personId }, select: { seed: true } });
    return row?.seed ?? null;
  }

  async replace(personId: string, seed: string, tokenHash: string): Promise<void> {
    await this.db.calendarFeed.upsert({ where: { personId }, create: { personId, seed, tokenHash }, update: { seed, tokenHash, createdAt: new Date() } });
  }

  async personByTokenHash(tokenHash: string): Promise<string | null> {
    const row = await this.db.calendarFeed.findUnique({ where: { tokenHash }, select: { personId: true } });
    return row?.personId ?? null;
  }
}
