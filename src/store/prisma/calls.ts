import type { CallLog } from '../../core/domain.js';
import type { CallLogRepository } from '../../core/ports/repositories.js';
import type { Cipher } from '../../db/crypto.js';
import type { CallLog as CallLogRow } from '../../generated/prisma/client.js';
import type { DbClient } from './client.js';

export class PrismaCallLogRepository implements CallLogRepository {
  constructor(
    private readonly db: DbClient,
    private readonly cipher: Cipher,
  ) {}

  private toCallLog(row: CallLogRow): CallLog {
    return {
      id: row.id,
      enrollmentId: row.enrollmentId,
      matchId: row.matchId,
      counterpartPersonId: row.counterpartPersonId,
      kind: row.kind,
      minutes: row.minutes,
      occurredOn: row.occurredOn,
      notes: row.notesEnc === null ? null : this.cipher.decrypt(row.notesEnc),
      confirmation: row.confirmation,
      checkIn: row.checkIn,
      createdAt: row.createdAt,
    };
  }

  async listForEnrollment(enrollmentId: string): Promise<CallLog[]> {
    const rows = await this.db.callLog.findMany({ where: { enrollmentId }, orderBy: [{ occurredOn: 'asc' }, { createdAt: 'asc' }] });
    return rows.map((r) => this.toCallLog(r));
  }
}
