import type { ConsentRecord } from '../../core/domain.js';
import type { ConsentRepository } from '../../core/ports/repositories.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { DbClient } from './client.js';

/**
 * The one rule for "a release of information is in force" at `now`: signed, not revoked, not
 * expired. The core's consent checks and the nudge engine's delivery facts both use it.
 */
export const releaseInForceWhere = (matchId: string, now: Date) =>
  ({ matchId, revokedAt: null, expiresAt: { gt: now }, signedAt: { lte: now } }) satisfies Prisma.ConsentRecordWhereInput;

export class PrismaConsentRepository implements ConsentRepository {
  constructor(private readonly db: DbClient) {}

  async create(input: Omit<ConsentRecord, 'id' | 'revokedAt'>): Promise<ConsentRecord> {
    return this.db.consentRecord.create({ data: input });
  }

  inForce(matchId: string, now: Date): Promise<ConsentRecord | null> {
    return this.db.consentRecord.findFirst({ where: releaseInForceWhere(matchId, now), orderBy: { signedAt: 'desc' } });
  }

  async revoke(consentId: string, at: Date): Promise<void> {
    await this.db.consentRecord.update({ where: { id: consentId }, data: { revokedAt: at } });
  }
}
