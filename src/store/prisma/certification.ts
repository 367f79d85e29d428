import { randomBytes, randomUUID } from 'node:crypto';
import type { CertificationItem } from '../../core/domain.js';
import type { CertificationRepository, NewCertificationItem } from '../../core/ports/repositories.js';
import type { Cipher } from '../../security/crypto.js';
import type { CertificationItem as CertificationItemRow } from '../../generated/prisma/client.js';
import type { DbClient } from './client.js';
import { sealedColumn } from './sealed.js';

/** Crockford's base32: no I, L, O or U, so a code read aloud or retyped is hard to get wrong. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 10;
const MAX_DRAWS = 5;

/** 50 random bits. 256 is a multiple of 32, so masking each byte keeps every character uniform. */
export function drawVerificationCode(): string {
  return [...randomBytes(CODE_LENGTH)].map((b) => ALPHABET[b & 31]).join('');
}

export class PrismaCertificationRepository implements CertificationRepository {
  constructor(
    private readonly db: DbClient,
    private readonly cipher: Cipher,
    private readonly drawCode: () => string = drawVerificationCode,
  ) {}

  private toItem(row: CertificationItemRow): CertificationItem {
    return {
      id: row.id,
      enrollmentId: row.enrollmentId,
      kind: row.kind,
      title: this.titles.open(row.id, row.titleEnc),
      body: this.bodies.openOrNull(row.id, row.bodyEnc),
      status: row.status,
      verifiedById: row.verifiedById,
      verifiedAt: row.verifiedAt,
      verificationCode: row.verificationCode,
      createdAt: row.createdAt,
      moduleKey: row.moduleKey,
      reviewNote: this.notes.openOrNull(row.id, row.reviewNoteEnc),
    };
  }

  private get titles() {
    return sealedColumn(this.cipher, 'CertificationItem', 'titleEnc');
  }

  private get bodies() {
    return sealedColumn(this.cipher, 'CertificationItem', 'bodyEnc');
  }

  private get notes() {
    return sealedColumn(this.cipher, 'CertificationItem', 'reviewNoteEnc');
  }

  async create(input: NewCertificationItem): Promise<CertificationItem> {
    const { body, title, ...rest } = input;
    const id = randomUUID();
    return this.toItem(await this.db.certificationItem.create({ data: { ...rest, id, titleEnc: this.titles.seal(id, title), bodyEnc: this.bodies.sealOrNull(id, body) } }));
  }

  async get(itemId: string): Promise<CertificationItem | null> {
    const row = await this.db.certificationItem.findUnique({ where: { id: itemId } });
    return row ? this.toItem(row) : null;
  }

  async listForEnrollment(enrollmentId: string): Promise<CertificationItem[]> {
    const rows = await this.db.certificationItem.findMany({ where: { enrollmentId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    return rows.map((r) => this.toItem(r));
  }

  async resubmit(itemId: string, input: { title: string; body: string | null; at: Date; status?: 'draft' | 'submitted' }): Promise<CertificationItem> {
    const data = {
      titleEnc: this.titles.seal(itemId, input.title), bodyEnc: this.bodies.sealOrNull(itemId, input.body), status: input.status ?? 'submitted',
      verifiedById: null, verifiedAt: null, reviewNoteEnc: null, createdAt: input.at,
    };
    return this.toItem(await this.db.certificationItem.update({ where: { id: itemId }, data }));
  }

  async review(itemId: string, status: 'verified' | 'rejected', reviewerPersonId: string, at: Date, note: string | null = null): Promise<CertificationItem> {
    const data = { status, verifiedById: reviewerPersonId, verifiedAt: at, reviewNoteEnc: this.notes.sealOrNull(itemId, note) };
    return this.toItem(await this.db.certificationItem.update({ where: { id: itemId }, data }));
  }

  async closeWaiting(enrollmentId: string): Promise<number> {
    return (await this.db.certificationItem.updateMany({ where: { enrollmentId, status: 'submitted' }, data: { status: 'closed' } })).count;
  }

  /**
   * `ON CONFLICT DO NOTHING` (skipDuplicates) instead of catching a unique violation: inside the
   * command's transaction a failed INSERT would abort the whole transaction, a skipped one does not.
   */
  async issueCertificate(input: { enrollmentId: string; title: string; issuedByPersonId: string; at: Date; record: string }): Promise<CertificationItem> {
    for (let draw = 0; draw < MAX_DRAWS; draw++) {
      const id = randomUUID();
      const { count } = await this.db.certificationItem.createMany({
        data: [{
          id, enrollmentId: input.enrollmentId, kind: 'certificate', titleEnc: this.titles.seal(id, input.title), bodyEnc: this.bodies.seal(id, input.record), status: 'verified',
          verifiedById: input.issuedByPersonId, verifiedAt: input.at, verificationCode: this.drawCode(), createdAt: input.at,
        }],
        skipDuplicates: true,
      });
      if (count === 1) return (await this.get(id))!;
    }
    throw new Error(`no free verification code after ${MAX_DRAWS} draws`);
  }

  async findByVerificationCode(code: string): Promise<CertificationItem | null> {
    const row = await this.db.certificationItem.findUnique({ where: { verificationCode: code } });
    return row && row.kind === 'certificate' ? this.toItem(row) : null;
  }
}
