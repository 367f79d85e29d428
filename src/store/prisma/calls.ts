import { randomUUID } from 'node:crypto';
import type { CallLog } from '../../core/domain.js';
import type { CallLogRepository, NewCallLog } from '../../core/ports/repositories.js';
import type { Cipher } from '../../security/crypto.js';
import type { CallLog as CallLogRow } from '../../generated/prisma/client.js';
import type { DbClient } from './client.js';
import { sealedColumn } from './sealed.js';

export class PrismaCallLogRepository implements CallLogRepository {
  constructor(
    private readonly db: DbClient,
    private readonly cipher: Cipher,
  ) {}

  private get notes() {
    return sealedColumn(this.cipher, 'CallLog', 'notesEnc');
  }

  private toCallLog(row: CallLogRow): CallLog {
    return {
      id: row.id,
      enrollmentId: row.enrollmentId,
      matchId: row.matchId,
      counterpartPersonId: row.counterpartPersonId,
      kind: row.kind,
      minutes: row.minutes,
      occurredOn: row.occurredOn,
      notes: this.notes.openOrNull(row.id, row.notesEnc),
      confirmation: row.confirmation,
      checkIn: row.checkIn,
      meetingArranged: row.meetingArranged,
      meetingArrangedOn: row.meetingArrangedOn,
      createdAt: row.createdAt,
    };
  }

  async create(input: NewCallLog): Promise<CallLog> {
    const { notes, ...rest } = input;
    const id = randomUUID();
    const row = await this.db.callLog.create({ data: { ...rest, id, notesEnc: this.notes.sealOrNull(id, notes) } });
    return this.toCallLog(row);
  }

  async get(callId: string): Promise<CallLog | null> {
    const row = await this.db.callLog.findUnique({ where: { id: callId } });
    return row ? this.toCallLog(row) : null;
  }

  async listForEnrollment(enrollmentId: string): Promise<CallLog[]> {
    const rows = await this.db.callLog.findMany({ where: { enrollmentId }, orderBy: [{ occurredOn: 'asc' }, { createdAt: 'asc' }] });
    return rows.map((r) => this.toCallLog(r));
  }

  async listForMatch(matchId: string): Promise<CallLog[]> {
    const rows = await this.db.callLog.findMany({ where: { matchId }, orderBy: [{ occurredOn: 'asc' }, { createdAt: 'asc' }] });
    return rows.map((r) => this.toCallLog(r));
  }

  async setConfirmation(callId: string, confirmation: 'confirmed' | 'disputed', at: Date): Promise<CallLog> {
    return this.toCallLog(await this.db.callLog.update({ where: { id: callId }, data: { confirmation, confirmedAt: at } }));
  }
}
