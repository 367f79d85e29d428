import { randomUUID } from 'node:crypto';
import type { SessionLog } from '../../core/domain.js';
import type { NewSessionLog, SessionLogRepository } from '../../core/ports/repositories.js';
import type { SessionLog as SessionLogRow } from '../../generated/prisma/client.js';
import type { Cipher } from '../../security/crypto.js';
import type { DbClient } from './client.js';
import { sealedColumn } from './sealed.js';

export class PrismaSessionLogRepository implements SessionLogRepository {
  constructor(
    private readonly db: DbClient,
    private readonly cipher: Cipher,
  ) {}

  private get notes() {
    return sealedColumn(this.cipher, 'SessionLog', 'notesEnc');
  }

  private toSessionLog(row: SessionLogRow): SessionLog {
    return {
      id: row.id,
      enrollmentId: row.enrollmentId,
      sessionKey: row.sessionKey,
      minutes: row.minutes,
      occurredOn: row.occurredOn,
      notes: this.notes.openOrNull(row.id, row.notesEnc),
      checkIns: row.checkIns,
      checkInReasons: row.checkInReasons,
      createdAt: row.createdAt,
    };
  }

  async create(input: NewSessionLog): Promise<SessionLog> {
    const { notes, ...rest } = input;
    const id = randomUUID();
    const row = await this.db.sessionLog.create({ data: { ...rest, id, notesEnc: this.notes.sealOrNull(id, notes) } });
    return this.toSessionLog(row);
  }

  async listForEnrollment(enrollmentId: string): Promise<SessionLog[]> {
    const rows = await this.db.sessionLog.findMany({ where: { enrollmentId }, orderBy: [{ occurredOn: 'asc' }, { createdAt: 'asc' }] });
    return rows.map((r) => this.toSessionLog(r));
  }
}
