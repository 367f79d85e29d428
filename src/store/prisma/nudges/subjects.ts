// Prisma rows → the plain subjects the nudge catalogue reads. Shared by the planner's pages and
// the delivery check's single reads, so both see the same facts the same way.
import type { MatchSubject, MeetingSubject, PersonFacts, EnrollmentSubject } from '../../../core/nudges/index.js';
import { ZProgramTemplate, type ProgramTemplate } from '../../../core/programs/template-schema.js';
import type { Prisma } from '../../../generated/prisma/client.js';
import type { DbClient } from '../client.js';
import { withHolidays } from '../holidays.js';

export const personSelect = {
  id: true,
  displayName: true,
  timeZone: true,
  quietStartMinute: true,
  quietEndMinute: true,
  nudgeWeekday: true,
  nudgeMinute: true,
  awayUntil: true,
  mutedNudgeKinds: true,
  withdrawnAt: true,
} satisfies Prisma.PersonSelect;

export const programSelect = { id: true, name: true, workspaceId: true, template: true, templateVersion: true } satisfies Prisma.ProgramSelect;

export const enrollmentInclude = {
  person: { select: personSelect },
  pauses: { orderBy: { startedAt: 'asc' } },
  program: { select: { ...programSelect, holidays: { select: { startsAt: true, endsAt: true } } } },
} satisfies Prisma.EnrollmentInclude;

export const matchInclude = {
  program: { select: programSelect },
  mentor: { select: { id: true, person: { select: personSelect } } },
  mentee: { select: { id: true, person: { select: personSelect } } },
} satisfies Prisma.MatchInclude;

export const meetingInclude = {
  cohort: { select: { name: true, channelId: true, program: { select: { workspaceId: true } } } },
} satisfies Prisma.CohortMeetingInclude;

type PersonRow = Prisma.PersonGetPayload<{ select: typeof personSelect }>;
export type ProgramRow = Prisma.ProgramGetPayload<{ select: typeof programSelect }>;
type EnrollmentRow = Prisma.EnrollmentGetPayload<{ include: typeof enrollmentInclude }>;
type MatchRow = Prisma.MatchGetPayload<{ include: typeof matchInclude }>;
type MeetingRow = Prisma.CohortMeetingGetPayload<{ include: typeof meetingInclude }>;

export const toPerson = (row: PersonRow): PersonFacts => ({ ...row });

/**
 * Programs keep a snapshot of their template; it is validated once per program version and
 * reused (the planner reads thousands of enrollments of the same few programs).
 */
export function createTemplateCache(limit = 1_000) {
  const cache = new Map<string, ProgramTemplate>();
  const parse = (program: ProgramRow): ProgramTemplate => {
    const id = `${program.id}@${program.templateVersion}`;
    let template = cache.get(id);
    if (!template) {
      if (cache.size >= limit) cache.clear();
      template = ZProgramTemplate.parse(program.template);
      cache.set(id, template);
    }
    return template;
  };
  return Object.assign(parse, { peek: (programId: string, version: number) => cache.get(`${programId}@${version}`) });
}
export type TemplateCache = ReturnType<typeof createTemplateCache>;

export function toEnrollmentSubject(row: EnrollmentRow, templates: TemplateCache): EnrollmentSubject {
  return {
    id: row.id,
    role: row.role,
    status: row.status,
    startDate: row.startDate,
    pauses: withHolidays(row.pauses.map((p) => ({ start: p.startedAt, end: p.endedAt })), row.program.holidays),
    person: toPerson(row.person),
    workspaceId: row.program.workspaceId,
    programName: row.program.name,
    template: templates(row.program),
  };
}

export function toMatchSubject(row: MatchRow, coordinators: PersonFacts[], templates: TemplateCache): MatchSubject {
  return {
    id: row.id,
    status: row.status,
    activatedAt: row.activatedAt,
    firstCallDueAt: row.firstCallDueAt,
    firstCallAt: row.firstCallAt,
    endedAt: row.endedAt,
    workspaceId: row.program.workspaceId,
    programName: row.program.name,
    template: templates(row.program),
    mentor: { enrollmentId: row.mentor.id, person: toPerson(row.mentor.person) },
    mentee: { enrollmentId: row.mentee.id, person: toPerson(row.mentee.person) },
    coordinators,
  };
}

export function toMeetingSubject(row: MeetingRow): MeetingSubject {
  return {
    id: row.id,
    title: row.title,
    startsAt: row.startsAt,
    durationMinutes: row.durationMinutes,
    cancelledAt: row.cancelledAt,
    cohortName: row.cohort.name,
    channelId: row.cohort.channelId,
    workspaceId: row.cohort.program.workspaceId,
  };
}

/** Active coordinators of each program, fetched once per program. */
export async function coordinatorsOf(db: DbClient, programIds: string[]): Promise<Map<string, PersonFacts[]>> {
  const rows = await db.enrollment.findMany({
    where: { programId: { in: [...new Set(programIds)] }, role: 'coordinator', status: 'active' },
    select: { programId: true, person: { select: personSelect } },
    orderBy: { id: 'asc' },
  });
  const byProgram = new Map<string, PersonFacts[]>();
  for (const row of rows) byProgram.set(row.programId, [...(byProgram.get(row.programId) ?? []), toPerson(row.person)]);
  return byProgram;
}
