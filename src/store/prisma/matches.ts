import type { Match } from '../../core/domain.js';
import type { MatchRepository } from '../../core/ports/repositories.js';
import type { Match as MatchRow } from '../../generated/prisma/client.js';
import type { DbClient } from './client.js';

const toMatch = (row: MatchRow): Match => ({
  id: row.id,
  programId: row.programId,
  mentorEnrollmentId: row.mentorEnrollmentId,
  menteeEnrollmentId: row.menteeEnrollmentId,
  status: row.status,
  proposedAt: row.proposedAt,
  activatedAt: row.activatedAt,
  firstCallDueAt: row.firstCallDueAt,
  firstCallAt: row.firstCallAt,
  endedAt: row.endedAt,
  endReason: row.endReason,
});

export class PrismaMatchRepository implements MatchRepository {
  constructor(private readonly db: DbClient) {}

  async create(input: Parameters<MatchRepository['create']>[0]): Promise<Match> {
    return toMatch(await this.db.match.create({ data: input }));
  }

  async completeIfActive(matchId: string, at: Date): Promise<boolean> {
    // One conditional UPDATE: concurrent workers race on the row lock, and only the first sees it active.
    const { count } = await this.db.match.updateMany({ where: { id: matchId, status: 'active' }, data: { status: 'ended', endedAt: at, endReason: 'completed' } });
    return count === 1;
  }

  async get(matchId: string): Promise<Match | null> {
    const row = await this.db.match.findUnique({ where: { id: matchId } });
    return row ? toMatch(row) : null;
  }

  async listOpenForEnrollment(enrollmentId: string): Promise<Match[]> {
    const rows = await this.db.match.findMany({
      where: { status: { in: ['proposed', 'active'] }, OR: [{ mentorEnrollmentId: enrollmentId }, { menteeEnrollmentId: enrollmentId }] },
      orderBy: { proposedAt: 'asc' },
    });
    return rows.map(toMatch);
  }

  async listForEnrollment(enrollmentId: string): Promise<Match[]> {
    const rows = await this.db.match.findMany({ where: { OR: [{ mentorEnrollmentId: enrollmentId }, { menteeEnrollmentId: enrollmentId }] }, orderBy: { proposedAt: 'asc' } });
    return rows.map(toMatch);
  }

  countActiveForMentor(mentorEnrollmentId: string): Promise<number> {
    return this.db.match.count({ where: { mentorEnrollmentId, status: { in: ['proposed', 'active'] } } });
  }

  async update(matchId: string, patch: Parameters<MatchRepository['update']>[1]): Promise<Match> {
    return toMatch(await this.db.match.update({ where: { id: matchId }, data: patch }));
  }

  async addExclusion(input: Parameters<MatchRepository['addExclusion']>[0]): Promise<boolean> {
    const made = await this.db.matchExclusion.createMany({ data: [input], skipDuplicates: true });
    return made.count === 1;
  }

  async excludedMentors(menteeEnrollmentId: string): Promise<string[]> {
    const rows = await this.db.matchExclusion.findMany({ where: { menteeEnrollmentId }, select: { mentorEnrollmentId: true } });
    return rows.map((r) => r.mentorEnrollmentId);
  }
}
