import { randomUUID } from 'node:crypto';
import type { Reflection } from '../../core/domain.js';
import type { ReflectionRepository } from '../../core/ports/repositories.js';
import type { Cipher } from '../../security/crypto.js';
import type { Reflection as ReflectionRow } from '../../generated/prisma/client.js';
import type { DbClient } from './client.js';
import { sealedColumn } from './sealed.js';

export class PrismaReflectionRepository implements ReflectionRepository {
  constructor(
    private readonly db: DbClient,
    private readonly cipher: Cipher,
  ) {}

  private get answers() {
    return sealedColumn(this.cipher, 'Reflection', 'answerEnc');
  }

  private toReflection(row: ReflectionRow): Reflection {
    return {
      id: row.id,
      enrollmentId: row.enrollmentId,
      promptKey: row.promptKey,
      week: row.week,
      answer: this.answers.open(row.id, row.answerEnc),
      shared: row.shared,
      checkIn: row.checkIn,
      createdAt: row.createdAt,
    };
  }

  async create(input: Parameters<ReflectionRepository['create']>[0]): Promise<Reflection> {
    const { answer, ...rest } = input;
    const id = randomUUID();
    return this.toReflection(await this.db.reflection.create({ data: { ...rest, id, answerEnc: this.answers.seal(id, answer) } }));
  }

  async get(reflectionId: string): Promise<Reflection | null> {
    const row = await this.db.reflection.findUnique({ where: { id: reflectionId } });
    return row ? this.toReflection(row) : null;
  }

  async listForEnrollment(enrollmentId: string): Promise<Reflection[]> {
    const rows = await this.db.reflection.findMany({ where: { enrollmentId }, orderBy: { createdAt: 'asc' } });
    return rows.map((r) => this.toReflection(r));
  }

  async listShared(enrollmentIds: string[]): Promise<Reflection[]> {
    const rows = await this.db.reflection.findMany({ where: { enrollmentId: { in: enrollmentIds }, shared: true }, orderBy: { createdAt: 'asc' } });
    return rows.map((r) => this.toReflection(r));
  }

  countForEnrollment(enrollmentId: string): Promise<number> {
    return this.db.reflection.count({ where: { enrollmentId } });
  }

  async setShared(reflectionId: string, shared: boolean, at: Date): Promise<Reflection> {
    return this.toReflection(await this.db.reflection.update({ where: { id: reflectionId }, data: { shared, sharedAt: shared ? at : null } }));
  }
}
