// Prisma rows → the plain subjects the nudge catalogue reads. Shared by the planner (in pages)
// and by the delivery check (one at a time), so both see the same facts the same way.
import type { EnrollmentSubject, MatchSubject, MeetingSubject, PersonFacts } from '../core/nudges/index.js';
import { ZProgramTemplate, type ProgramTemplate } from '../core/programs/template-schema.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';

export const personSelect = {
  id: true,
  displayName: true,
  timeZone: true,
  quietStartMinute: true,
  quietEndMinute: true,
  nudgeWeekday: true,
  nudgeMinute: true,
  withdrawnAt: true,
} satisfies Prisma.PersonSelect;

const programSelect = { id: true, name: true, workspaceId: true, template: true, templateVersion: true } satisfies Prisma.ProgramSelect;

export const enrollmentInclude = {
  person: { select: personSelect },
  pauses: { orderBy: { startedAt: 'asc' } },
  program: { select: programSelect },
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
type ProgramRow = Prisma.ProgramGetPayload<{ select: typeof programSelect }>;
export type EnrollmentRow = Prisma.EnrollmentGetPayload<{ include: typeof enrollmentInclude }>;
export type MatchRow = Prisma.MatchGetPayload<{ include: typeof matchInclude }>;
export type MeetingRow = Prisma.CohortMeetingGetPayload<{ include: typeof meetingInclude }>;

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

/** Templates by program id and version, fetched from Postgres only the first time. */
export function createProgramTemplates(prisma: PrismaClient) {
  const parse = createTemplateCache();
  return async (programId: string, templateVersion: number): Promise<ProgramTemplate | null> => {
    const cached = parse.peek(programId, templateVersion);
    if (cached) return cached;
    const program = await prisma.program.findUnique({ where: { id: programId }, select: programSelect });
    return program && parse(program);
  };
}

interface EnrollmentSqlRow {
  id: string;
  role: EnrollmentSubject['role'];
  status: EnrollmentSubject['status'];
  startDate: string | null;
  programId: string;
  templateVersion: number;
  programName: string;
  workspaceId: string;
  person: PersonFacts & { withdrawnAt: string | null };
  pauses: { start: string; end: string | null }[];
}

/**
 * One enrollment with its person, pauses and program in a single statement (the delivery
 * check runs this for most nudges; Prisma's include would take four round trips and the
 * template JSON every time).
 */
export async function loadEnrollmentSubject(prisma: PrismaClient, id: string, templates: ReturnType<typeof createProgramTemplates>): Promise<EnrollmentSubject | null> {
  const [row] = await prisma.$queryRawUnsafe<EnrollmentSqlRow[]>(
    `SELECT e."id", e."role"::text AS "role", e."status"::text AS "status", e."startDate", e."programId",
            pr."templateVersion", pr."name" AS "programName", pr."workspaceId",
            json_build_object('id', p."id", 'displayName', p."displayName", 'timeZone', p."timeZone",
              'quietStartMinute', p."quietStartMinute", 'quietEndMinute', p."quietEndMinute",
              'nudgeWeekday', p."nudgeWeekday", 'nudgeMinute', p."nudgeMinute", 'withdrawnAt', ${isoOf('p."withdrawnAt"')}) AS "person",
            COALESCE((SELECT json_agg(json_build_object('start', ${isoOf('pi."startedAt"')}, 'end', ${isoOf('pi."endedAt"')}) ORDER BY pi."startedAt")
                      FROM "PauseInterval" pi WHERE pi."enrollmentId" = e."id"), '[]'::json) AS "pauses"
     FROM "Enrollment" e JOIN "Person" p ON p."id" = e."personId" JOIN "Program" pr ON pr."id" = e."programId"
     WHERE e."id" = $1`,
    id,
  );
  if (!row) return null;
  const template = await templates(row.programId, row.templateVersion);
  if (!template) return null;
  const date = (iso: string | null) => (iso === null ? null : new Date(iso));
  return {
    id: row.id,
    role: row.role,
    status: row.status,
    startDate: row.startDate,
    pauses: row.pauses.map((p) => ({ start: new Date(p.start), end: date(p.end) })),
    person: { ...row.person, withdrawnAt: date(row.person.withdrawnAt) },
    workspaceId: row.workspaceId,
    programName: row.programName,
    template,
  };
}

/** A `timestamp` column (UTC by Prisma's convention) as ISO-8601 text with its Z, or null. */
const isoOf = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export function toEnrollmentSubject(row: EnrollmentRow, templates: TemplateCache): EnrollmentSubject {
  return {
    id: row.id,
    role: row.role,
    status: row.status,
    startDate: row.startDate,
    pauses: row.pauses.map((p) => ({ start: p.startedAt, end: p.endedAt })),
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
export async function coordinatorsOf(prisma: Prisma.TransactionClient, programIds: string[]): Promise<Map<string, PersonFacts[]>> {
  const rows = await prisma.enrollment.findMany({
    where: { programId: { in: [...new Set(programIds)] }, role: 'coordinator', status: 'active' },
    select: { programId: true, person: { select: personSelect } },
    orderBy: { id: 'asc' },
  });
  const byProgram = new Map<string, PersonFacts[]>();
  for (const row of rows) byProgram.set(row.programId, [...(byProgram.get(row.programId) ?? []), toPerson(row.person)]);
  return byProgram;
}
