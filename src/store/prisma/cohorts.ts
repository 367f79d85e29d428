import type { Cohort, CohortMeeting, Enrollment, MeetingRsvp, RsvpResponse } from '../../core/domain.js';
import type { CohortRepository } from '../../core/ports/repositories.js';
import { randomUUID } from 'node:crypto';
import type { Cipher } from '../../security/crypto.js';
import { holidaysInclude, withHolidays } from './holidays.js';
import type { DbClient } from './client.js';
import { sealedColumn } from './sealed.js';

const meetingFields = { id: true, cohortId: true, titleEnc: true, startsAt: true, durationMinutes: true, cancelledAt: true, sequence: true } as const;
const cohortFields = { id: true, programId: true, name: true, channelId: true } as const;

export class PrismaCohortRepository implements CohortRepository {
  constructor(
    private readonly db: DbClient,
    private readonly cipher: Cipher,
  ) {}

  /** Meeting titles are sealed: a title can say what the meeting is for. */
  private toMeeting(row: { id: string; cohortId: string; titleEnc: string; startsAt: Date; durationMinutes: number; cancelledAt: Date | null; sequence: number }): CohortMeeting {
    const { titleEnc, ...rest } = row;
    return { ...rest, title: sealedColumn(this.cipher, 'CohortMeeting', 'titleEnc').open(row.id, titleEnc) };
  }

  create(input: { programId: string; name: string; channelId: string }): Promise<Cohort> {
    return this.db.cohort.create({ data: input, select: cohortFields });
  }

  findByName(programId: string, name: string): Promise<Cohort | null> {
    return this.db.cohort.findFirst({ where: { programId, name: { equals: name, mode: 'insensitive' } }, select: cohortFields });
  }

  findById(cohortId: string): Promise<Cohort | null> {
    return this.db.cohort.findUnique({ where: { id: cohortId }, select: cohortFields });
  }

  listForProgram(programId: string): Promise<Cohort[]> {
    return this.db.cohort.findMany({ where: { programId }, select: cohortFields, orderBy: { createdAt: 'asc' } });
  }

  listForEnrollment(enrollmentId: string): Promise<Cohort[]> {
    return this.db.cohort.findMany({ where: { members: { some: { enrollmentId } } }, select: cohortFields, orderBy: { createdAt: 'asc' } });
  }

  async addMember(cohortId: string, enrollmentId: string): Promise<boolean> {
    const result = await this.db.cohortMember.createMany({ data: [{ cohortId, enrollmentId }], skipDuplicates: true });
    return result.count === 1;
  }

  async removeMember(cohortId: string, enrollmentId: string): Promise<boolean> {
    const result = await this.db.cohortMember.deleteMany({ where: { cohortId, enrollmentId } });
    return result.count === 1;
  }

  async members(cohortId: string): Promise<Enrollment[]> {
    const rows = await this.db.cohortMember.findMany({ where: { cohortId }, include: { enrollment: { include: { pauses: true, ...holidaysInclude } } }, orderBy: { addedAt: 'asc' } });
    return rows.map(({ enrollment: e }) => ({
      id: e.id, programId: e.programId, personId: e.personId, role: e.role, status: e.status, startDate: e.startDate,
      commitmentConfirmedAt: e.commitmentConfirmedAt, createdAt: e.createdAt, pauses: withHolidays(e.pauses.map((p) => ({ start: p.startedAt, end: p.endedAt })), e.program.holidays),
    }));
  }

  async createMeeting(input: { cohortId: string; title: string; startsAt: Date; durationMinutes: number }): Promise<CohortMeeting> {
    const { title, ...rest } = input;
    const id = randomUUID();
    return this.toMeeting(await this.db.cohortMeeting.create({ data: { ...rest, id, titleEnc: sealedColumn(this.cipher, 'CohortMeeting', 'titleEnc').seal(id, title) }, select: meetingFields }));
  }

  async getMeeting(meetingId: string): Promise<CohortMeeting | null> {
    const row = await this.db.cohortMeeting.findUnique({ where: { id: meetingId }, select: meetingFields });
    return row && this.toMeeting(row);
  }

  async listMeetings(cohortId: string): Promise<CohortMeeting[]> {
    const rows = await this.db.cohortMeeting.findMany({ where: { cohortId }, select: meetingFields, orderBy: { startsAt: 'asc' } });
    return rows.map((r) => this.toMeeting(r));
  }

  async rsvp(meetingId: string, personId: string, response: RsvpResponse, at: Date): Promise<void> {
    await this.db.meetingRsvp.upsert({ where: { meetingId_personId: { meetingId, personId } }, create: { meetingId, personId, response, respondedAt: at }, update: { response, respondedAt: at } });
  }

  async markAttendance(meetingId: string, personId: string, attended: boolean, at: Date): Promise<void> {
    await this.db.meetingRsvp.upsert({
      where: { meetingId_personId: { meetingId, personId } },
      create: { meetingId, personId, response: attended ? 'yes' : 'no', attended, respondedAt: at },
      update: { attended },
    });
  }

  async moveMeeting(meetingId: string, startsAt: Date): Promise<CohortMeeting> {
    return this.toMeeting(await this.db.cohortMeeting.update({ where: { id: meetingId }, data: { startsAt, sequence: { increment: 1 } }, select: meetingFields }));
  }

  async cancelMeeting(meetingId: string, at: Date): Promise<CohortMeeting> {
    return this.toMeeting(await this.db.cohortMeeting.update({ where: { id: meetingId }, data: { cancelledAt: at, sequence: { increment: 1 } }, select: meetingFields }));
  }

  rsvps(meetingId: string): Promise<MeetingRsvp[]> {
    return this.db.meetingRsvp.findMany({ where: { meetingId }, select: { meetingId: true, personId: true, response: true, attended: true } });
  }
}
