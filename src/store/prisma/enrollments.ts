import type { Enrollment, MentorEligibility, Role, SurveyAnswers } from '../../core/domain.js';
import type { EnrollmentRepository, NewEnrollment } from '../../core/ports/repositories.js';
import type { Cipher } from '../../security/crypto.js';
import type { Enrollment as EnrollmentRow, PauseInterval } from '../../generated/prisma/client.js';
import type { DbClient } from './client.js';
import { sealedColumn } from './sealed.js';
import { holidaysInclude, withHolidays, type HolidayRow } from './holidays.js';

// Program holidays count as pauses for everyone in the program (see holidays.ts).
const withPauses = { pauses: { orderBy: { startedAt: 'asc' as const } }, ...holidaysInclude };

const toEnrollment = (row: EnrollmentRow & { pauses: PauseInterval[]; program: { holidays: HolidayRow[] } }): Enrollment => ({
  id: row.id,
  programId: row.programId,
  personId: row.personId,
  role: row.role,
  status: row.status,
  startDate: row.startDate,
  commitmentConfirmedAt: row.commitmentConfirmedAt,
  createdAt: row.createdAt,
  pauses: withHolidays(row.pauses.map((p) => ({ start: p.startedAt, end: p.endedAt })), row.program.holidays),
});

export class PrismaEnrollmentRepository implements EnrollmentRepository {
  constructor(
    private readonly db: DbClient,
    private readonly cipher: Cipher,
  ) {}

  async create(input: NewEnrollment): Promise<Enrollment> {
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

  async listForProgram(programId: string, role?: Role): Promise<Enrollment[]> {
    const rows = await this.db.enrollment.findMany({ where: { programId, ...(role ? { role } : {}) }, include: withPauses, orderBy: { createdAt: 'asc' } });
    return rows.map(toEnrollment);
  }

  async update(enrollmentId: string, patch: Parameters<EnrollmentRepository['update']>[1]): Promise<Enrollment> {
    return toEnrollment(await this.db.enrollment.update({ where: { id: enrollmentId }, data: patch, include: withPauses }));
  }

  async getSupervisor(enrollmentId: string): Promise<string | null> {
    const row = await this.db.enrollment.findUnique({ where: { id: enrollmentId }, select: { supervisorPersonId: true } });
    return row?.supervisorPersonId ?? null;
  }

  async setSupervisor(enrollmentId: string, personId: string | null): Promise<void> {
    await this.db.enrollment.update({ where: { id: enrollmentId }, data: { supervisorPersonId: personId } });
  }

  async startPause(enrollmentId: string, at: Date): Promise<void> {
    await this.db.pauseInterval.create({ data: { enrollmentId, startedAt: at } });
  }

  async endPause(enrollmentId: string, at: Date): Promise<void> {
    await this.db.pauseInterval.updateMany({ where: { enrollmentId, endedAt: null }, data: { endedAt: at } });
  }

  async saveEligibility(e: MentorEligibility & { expectationsVersion: number }): Promise<void> {
    const id = e.enrollmentId;
    const seal = (column: 'answersEnc' | 'criteriaEnc' | 'fieldEnc', plain: string | null) => sealedColumn(this.cipher, 'MentorEligibility', column).sealOrNull(id, plain);
    const answersEnc = seal('answersEnc', e.answers && Object.keys(e.answers).length ? JSON.stringify(e.answers) : null);
    const data = { criteriaEnc: seal('criteriaEnc', JSON.stringify(e.criteria))!, fieldEnc: seal('fieldEnc', e.field), readinessConfirmed: e.readinessConfirmed, expectationsVersion: e.expectationsVersion, signedOffAt: e.signedOffAt, answersEnc };
    await this.db.mentorEligibility.upsert({ where: { enrollmentId: e.enrollmentId }, create: { enrollmentId: e.enrollmentId, ...data }, update: data });
  }

  async getEligibility(enrollmentId: string): Promise<MentorEligibility | null> {
    const row = await this.db.mentorEligibility.findUnique({ where: { enrollmentId } });
    if (!row) return null;
    const open = (column: 'answersEnc' | 'criteriaEnc' | 'fieldEnc', sealed: string | null) => sealedColumn(this.cipher, 'MentorEligibility', column).openOrNull(enrollmentId, sealed);
    const answers = row.answersEnc ? (JSON.parse(open('answersEnc', row.answersEnc)!) as Record<string, string>) : {};
    const criteria = JSON.parse(open('criteriaEnc', row.criteriaEnc)!) as string[];
    return { enrollmentId, criteria, field: open('fieldEnc', row.fieldEnc), readinessConfirmed: row.readinessConfirmed, signedOffAt: row.signedOffAt, answers };
  }

  async saveSurvey(enrollmentId: string, answers: SurveyAnswers, at: Date): Promise<void> {
    const answersEnc = sealedColumn(this.cipher, 'SurveyResponse', 'answersEnc').seal(enrollmentId, JSON.stringify(answers));
    await this.db.surveyResponse.upsert({ where: { enrollmentId }, create: { enrollmentId, answersEnc, submittedAt: at }, update: { answersEnc, submittedAt: at } });
  }

  async getSurvey(enrollmentId: string): Promise<SurveyAnswers | null> {
    const row = await this.db.surveyResponse.findUnique({ where: { enrollmentId } });
    return row ? (JSON.parse(sealedColumn(this.cipher, 'SurveyResponse', 'answersEnc').open(enrollmentId, row.answersEnc)) as SurveyAnswers) : null;
  }
}
