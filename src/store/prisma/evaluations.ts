import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { EvaluationAnswer } from '../../core/domain.js';
import type { EvaluationRepository } from '../../core/ports/repositories.js';
import type { Cipher } from '../../security/crypto.js';
import type { DbClient } from './client.js';
import { sealedColumn } from './sealed.js';

/** What `EvaluationResponse.answers` holds: ratings in the clear (they are only counted), the comment sealed. */
const ZStoredAnswers = z.object({ ratings: z.record(z.string(), z.number().int()), commentEnc: z.string().nullable() });

export class PrismaEvaluationRepository implements EvaluationRepository {
  constructor(
    private readonly db: DbClient,
    private readonly cipher: Cipher,
  ) {}

  private get comments() {
    return sealedColumn(this.cipher, 'EvaluationResponse', 'answers');
  }

  async hasAnswered(enrollmentId: string, occasion: string): Promise<boolean> {
    return (await this.db.evaluationReceipt.count({ where: { enrollmentId, occasion } })) > 0;
  }

  async record(input: Parameters<EvaluationRepository['record']>[0]): Promise<boolean> {
    const write = async (db: DbClient): Promise<boolean> => {
      // The receipt goes first and skips on the unique (enrollment, occasion): a second answer,
      // even one racing the first, writes nothing instead of aborting the transaction.
      const { count } = await db.evaluationReceipt.createMany({ data: [input.receipt], skipDuplicates: true });
      if (count === 0) return false;
      const { programId, occasion, submittedAt, ratings, comment } = input.answer;
      const id = randomUUID();
      const answers = { ratings, commentEnc: this.comments.sealOrNull(id, comment) } satisfies z.infer<typeof ZStoredAnswers>;
      await db.evaluationResponse.create({ data: { id, programId, occasion, submittedAt, answers } });
      return true;
    };
    return '$transaction' in this.db ? this.db.$transaction((tx) => write(tx)) : write(this.db);
  }

  async listAnswers(programId: string): Promise<EvaluationAnswer[]> {
    const rows = await this.db.evaluationResponse.findMany({ where: { programId }, select: { id: true, occasion: true, answers: true } });
    return rows.map((row) => {
      const stored = ZStoredAnswers.parse(row.answers);
      return { occasion: row.occasion, ratings: stored.ratings, comment: this.comments.openOrNull(row.id, stored.commentEnc) };
    });
  }

  async answeredOccasions(enrollmentId: string): Promise<string[]> {
    const rows = await this.db.evaluationReceipt.findMany({ where: { enrollmentId }, select: { occasion: true }, orderBy: { answeredAt: 'asc' } });
    return rows.map((r) => r.occasion);
  }
}
