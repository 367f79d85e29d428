import type { ConsentRecord } from '../../core/domain.js';
import type { ConsentRepository } from '../../core/ports/repositories.js';
import type { DbClient } from './client.js';

export class PrismaConsentRepository implements ConsentRepository {
  constructor(private readonly db: DbClient) {}

  async create(input: Omit<ConsentRecord, 'id' | 'revokedAt'>): Promise<ConsentRecord> {
    return this.db.consentRecord.create({ data: input });
  }

  inForce(matchId: string, now: Date): Promise<ConsentRecord | null> {
    return this.db.consentRecord.findFirst({ where: { matchId, revokedAt: null, expiresAt: { gt: now }, signedAt: { lte: now } }, orderBy: { signedAt: 'desc' } });
  }

  async revoke(consentId: string, at: Date): Promise<void> {
    await this.db.consentRecord.update({ where: { id: consentId }, data: { revokedAt: at } });
  }
}
