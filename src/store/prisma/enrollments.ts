import type { Enrollment, EnrollmentStatus, Role } from '../../core/domain.js';
import type { EnrollmentRepository } from '../../core/ports/repositories.js';
import type { Enrollment as EnrollmentRow, PauseInterval } from '../../generated/prisma/client.js';
import type { DbClient } from './client.js';

const withPauses = { pauses: { orderBy: { startedAt: 'asc' as const } } };

const toEnrollment = (row: EnrollmentRow & { pauses: PauseInterval[] }): Enrollment => ({
  id: row.id,
  programId: row.programId,
  personId: row.personId,
  role: row.role,
  status: row.status,
  startDate: row.startDate,
  commitmentConfirmedAt: row.commitmentConfirmedAt,
  createdAt: row.createdAt,
  pauses: row.pauses.map((p) => ({ start: p.startedAt, end: p.endedAt })),
});

export class PrismaEnrollmentRepository implements EnrollmentRepository {
  constructor(private readonly db: DbClient) {}

  async create(input: { programId: string; personId: string; role: Role; status: EnrollmentStatus; startDate: string | null; commitmentConfirmedAt: Date | null }): Promise<Enrollment> {
    return toEnrollment(await this.db.enrollment.create({ data: input, include: withPauses }));
  }

  async get(enrollmentId: string): Promise<Enrollment | null> {
    const row = await this.db.enrollment.findUnique({ where: { id: enrollmentId }, include: withPauses });
    return row ? toEnrollment(row) : null;
  }

  async find(programId: string, personId: string, role: Role): Promise<Enrollment | null> {
    const row = await this.db.enrollment.findUnique({ where: { programId_personId_role: { programId, personId, role } }, include: withPauses });
    return row ? toEnrollment(row) : null;
  }

  async listForPerson(personId: string): Promise<Enrollment[]> {
    const rows = await this.db.enrollment.findMany({ where: { personId }, include: withPauses, orderBy: { createdAt: 'asc' } });
    return rows.map(toEnrollment);
  }

  async update(enrollmentId: string, patch: Partial<Pick<Enrollment, 'status' | 'startDate' | 'commitmentConfirmedAt'>>): Promise<Enrollment> {
    return toEnrollment(await this.db.enrollment.update({ where: { id: enrollmentId }, data: patch, include: withPauses }));
  }
}
