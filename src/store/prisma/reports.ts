import type { CheckInReason, Match } from '../../core/domain.js';
import type { CallFact, ReportRepository } from '../../core/ports/repositories.js';
import type { DbClient } from './client.js';

/** Selects name columns explicitly: notes and answers are never read, so never decrypted. */
export class PrismaReportRepository implements ReportRepository {
  constructor(private readonly db: DbClient) {}

  calls(programId: string): Promise<CallFact[]> {
    return this.db.callLog.findMany({
      where: { enrollment: { programId } },
      select: { id: true, enrollmentId: true, matchId: true, counterpartPersonId: true, kind: true, minutes: true, occurredOn: true, confirmation: true },
      orderBy: [{ occurredOn: 'asc' }, { createdAt: 'asc' }],
    });
  }

  reflectionWeeks(programId: string): Promise<{ enrollmentId: string; week: number }[]> {
    return this.db.reflection.findMany({ where: { enrollment: { programId } }, select: { enrollmentId: true, week: true }, distinct: ['enrollmentId', 'week'] });
  }

  async checkIns(programId: string): Promise<{ enrollmentId: string; reason: CheckInReason }[]> {
    const where = { enrollment: { programId }, checkIn: { not: null } };
    const [calls, reflections, sessions] = await Promise.all([
      this.db.callLog.findMany({ where, select: { enrollmentId: true, checkIn: true } }),
      this.db.reflection.findMany({ where, select: { enrollmentId: true, checkIn: true } }),
      // A logged session may name several situations; each reason counts once per session.
      this.db.sessionLog.findMany({ where: { enrollment: { programId }, NOT: { checkInReasons: { isEmpty: true } } }, select: { enrollmentId: true, checkInReasons: true } }),
    ]);
    const fromSessions = sessions.flatMap((s) => [...new Set(s.checkInReasons)].map((reason) => ({ enrollmentId: s.enrollmentId, reason })));
    return [...[...calls, ...reflections].map((r) => ({ enrollmentId: r.enrollmentId, reason: r.checkIn! })), ...fromSessions];
  }

  matches(programId: string): Promise<Match[]> {
    return this.db.match.findMany({
      where: { programId },
      select: {
        id: true, programId: true, mentorEnrollmentId: true, menteeEnrollmentId: true, status: true, proposedAt: true,
        activatedAt: true, firstCallDueAt: true, firstCallAt: true, endedAt: true, endReason: true,
      },
      orderBy: { proposedAt: 'asc' },
    });
  }
}
