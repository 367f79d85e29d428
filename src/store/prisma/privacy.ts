// A person's withdrawal, and the retention rule for private notes. Erasing means the sealed text
// is gone from its row (set to null, or the row deleted): with no ciphertext left, no key can
// bring it back. What stays is what the program's history needs without content: that a match
// existed and when, call lengths and kinds, evaluation receipts, the audit trail.
import type { ErasureCounts, PrivacyRepository } from '../../core/ports/privacy.js';
import type { DbClient } from './client.js';
import { OPEN_STATUSES } from '../../jobs/ports.js';

export class PrismaPrivacyRepository implements PrivacyRepository {
  constructor(private readonly db: DbClient) {}

  async revokeReleases(personId: string, at: Date): Promise<{ consentId: string; matchId: string }[]> {
    const where = { revokedAt: null, expiresAt: { gt: at }, OR: [{ grantorPersonId: personId }, { recipientPersonId: personId }] };
    const rows = await this.db.consentRecord.findMany({ where, select: { id: true, matchId: true } });
    await this.db.consentRecord.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { revokedAt: at } });
    return rows.map((r) => ({ consentId: r.id, matchId: r.matchId }));
  }

  async erasePerson(personId: string, at: Date): Promise<ErasureCounts> {
    const db = this.db;
    const mine = { enrollment: { personId } };
    const reflections = await db.reflection.deleteMany({ where: mine });
    const callNotes = await db.callLog.updateMany({ where: { ...mine, OR: [{ notesEnc: { not: null } }, { meetingArrangedOn: { not: null } }] }, data: { notesEnc: null, meetingArrangedOn: null } });
    const sessionNotes = await db.sessionLog.updateMany({ where: { ...mine, notesEnc: { not: null } }, data: { notesEnc: null } });
    const surveys = await db.surveyResponse.deleteMany({ where: mine });
    const eligibility = await db.mentorEligibility.deleteMany({ where: mine });
    // Drafts, case records, contracts and assessments go; an issued certificate is the program's record that it was earned.
    const portfolioItems = await db.certificationItem.deleteMany({ where: { ...mine, kind: { not: 'certificate' } } });
    // The certificate row stays, but not what it attested (name, hours, the mentor's name, an override's reason).
    await db.certificationItem.updateMany({ where: { ...mine, kind: 'certificate', bodyEnc: { not: null } }, data: { bodyEnc: null } });
    const referralContacts = await db.peerReferral.updateMany({ where: { volunteerPersonId: personId, OR: [{ firstNameEnc: { not: null } }, { phoneEnc: { not: null } }] }, data: { firstNameEnc: null, phoneEnc: null } });
    const nudgesCancelled = await db.plannedNudge.updateMany({ where: { personId, status: { in: [...OPEN_STATUSES] } }, data: { status: 'cancelled', lastError: 'withdrawn' } });
    // Messages to them, sent or not, keep only their ids: the sealed text is dropped.
    const messagesErased = await db.$executeRaw`UPDATE "PlannedNudge" SET "refs" = "refs" - 'sealed' WHERE "personId" = ${personId} AND "refs" ? 'sealed'`;
    await db.person.update({ where: { id: personId }, data: { firstNameEnc: null, phoneEnc: null, withdrawnAt: at } });
    await db.$executeRaw`UPDATE "Person" SET "availability" = NULL WHERE "id" = ${personId}`;
    await db.enrollment.updateMany({ where: { personId, status: { in: ['pending', 'active', 'paused'] } }, data: { status: 'withdrawn' } });
    return {
      reflections: reflections.count, callNotes: callNotes.count, sessionNotes: sessionNotes.count, surveys: surveys.count, eligibility: eligibility.count,
      portfolioItems: portfolioItems.count, referralContacts: referralContacts.count, nudgesCancelled: nudgesCancelled.count, messagesErased,
    };
  }
}

const DAY_MS = 86_400_000;

/**
 * The daily retention rule (the nudge engine's cleanup job runs it): in each program whose template
 * sets `privateNotesRetentionDays`, once a relationship has ended longer ago than that, its call
 * notes are erased, and so are the journal and session notes of anyone whose every match there
 * ended that long ago.
 * A person's participation ends with their last match: programs that step back keep nothing after.
 */
export async function erasePrivateNotesPastRetention(db: DbClient, now: Date, workspaceIds?: string[]): Promise<number> {
  const programs = await db.program.findMany({
    where: workspaceIds ? { workspaceId: { in: workspaceIds } } : {},
    select: { id: true, template: true },
  });
  let erased = 0;
  for (const program of programs) {
    const days = (program.template as { privateNotesRetentionDays?: unknown }).privateNotesRetentionDays;
    if (typeof days !== 'number' || days <= 0) continue;
    const before = new Date(now.getTime() - days * DAY_MS);
    const ended = { programId: program.id, status: 'ended' as const, endedAt: { lt: before } };
    const notes = await db.callLog.updateMany({ where: { match: { is: ended }, notesEnc: { not: null } }, data: { notesEnc: null, meetingArrangedOn: null } });
    // Journals: enrollments with a match that ended before the cutoff and none open or ended since.
    const recent = { OR: [{ status: { not: 'ended' as const } }, { endedAt: { gte: before } }] };
    const stale = { programId: program.id, OR: [{ mentorMatches: { some: ended, none: recent } }, { menteeMatches: { some: ended, none: recent } }] };
    const journals = await db.reflection.deleteMany({ where: { enrollment: stale } });
    // Session notes are the provider's own, like a journal: kept while any relationship goes on.
    const sessions = await db.sessionLog.updateMany({ where: { enrollment: stale, notesEnc: { not: null } }, data: { notesEnc: null } });
    erased += notes.count + journals.count + sessions.count;
  }
  return erased;
}
