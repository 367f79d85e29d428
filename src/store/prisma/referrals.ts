import type { Contact, PeerReferral } from '../../core/domain.js';
import type { PeerReferralRepository } from '../../core/ports/privacy.js';
import type { Prisma, PeerReferral as PeerReferralRow } from '../../generated/prisma/client.js';
import type { Cipher } from '../../security/crypto.js';
import type { DbClient } from './client.js';
import { sealedColumn } from './sealed.js';

const toReferral = ({ firstNameEnc: _f, phoneEnc: _p, withdrawnById: _w, ...rest }: PeerReferralRow): PeerReferral => rest;

/** The one rule for "a peer referral's release is in force" at `now`: signed, not withdrawn, not expired. */
export const referralInForceWhere = (now: Date) =>
  ({ status: 'released', withdrawnAt: null, expiresAt: { gt: now }, signedAt: { lte: now } }) satisfies Prisma.PeerReferralWhereInput;

/** Peer referrals; the volunteer's contact is sealed to the referral's row and erased on withdrawal. */
export class PrismaPeerReferralRepository implements PeerReferralRepository {
  constructor(
    private readonly db: DbClient,
    private readonly cipher: Cipher,
  ) {}

  async create(input: { programId: string; requesterPersonId: string; requestedAt: Date }): Promise<PeerReferral> {
    return toReferral(await this.db.peerReferral.create({ data: input }));
  }

  async get(referralId: string): Promise<PeerReferral | null> {
    const row = await this.db.peerReferral.findUnique({ where: { id: referralId } });
    return row && toReferral(row);
  }

  async listOpen(personId: string, now: Date, programId?: string): Promise<PeerReferral[]> {
    const rows = await this.db.peerReferral.findMany({
      where: {
        ...(programId ? { programId } : {}),
        OR: [{ requesterPersonId: personId }, { volunteerPersonId: personId }],
        AND: [{ OR: [{ status: { in: ['requested', 'asked'] } }, referralInForceWhere(now)] }],
      },
      orderBy: { requestedAt: 'asc' },
    });
    return rows.map(toReferral);
  }

  async ask(referralId: string, volunteerPersonId: string, at: Date): Promise<PeerReferral> {
    return toReferral(await this.db.peerReferral.update({ where: { id: referralId }, data: { status: 'asked', volunteerPersonId, askedAt: at } }));
  }

  async unask(referralId: string): Promise<PeerReferral> {
    return toReferral(await this.db.peerReferral.update({ where: { id: referralId }, data: { status: 'requested', volunteerPersonId: null, askedAt: null } }));
  }

  async release(referralId: string, input: Parameters<PeerReferralRepository['release']>[1]): Promise<PeerReferral> {
    const { contact, ...rest } = input;
    const data = {
      ...rest,
      status: 'released' as const,
      firstNameEnc: sealedColumn(this.cipher, 'PeerReferral', 'firstNameEnc').seal(referralId, contact.firstName),
      phoneEnc: sealedColumn(this.cipher, 'PeerReferral', 'phoneEnc').seal(referralId, contact.phone),
    };
    return toReferral(await this.db.peerReferral.update({ where: { id: referralId }, data }));
  }

  async withdraw(referralId: string, byPersonId: string, at: Date): Promise<PeerReferral> {
    const data = { status: 'withdrawn' as const, withdrawnAt: at, withdrawnById: byPersonId, firstNameEnc: null, phoneEnc: null };
    return toReferral(await this.db.peerReferral.update({ where: { id: referralId }, data }));
  }

  async contactInForce(referralId: string, now: Date): Promise<Contact | null> {
    const row = await this.db.peerReferral.findFirst({ where: { id: referralId, ...referralInForceWhere(now) }, select: { firstNameEnc: true, phoneEnc: true } });
    if (!row) return null;
    return {
      firstName: sealedColumn(this.cipher, 'PeerReferral', 'firstNameEnc').openOrNull(referralId, row.firstNameEnc),
      phone: sealedColumn(this.cipher, 'PeerReferral', 'phoneEnc').openOrNull(referralId, row.phoneEnc),
    };
  }
}
