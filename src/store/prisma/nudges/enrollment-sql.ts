// Enrollments with their person, pauses and program in a single statement: the delivery check
// needs this for most nudges (a worker asks for a whole batch at once), and Prisma's include would
// take four round trips and the template JSON every time (the template comes from the cache).
import type { EnrollmentSubject, PersonFacts } from '../../../core/nudges/index.js';
import type { ProgramTemplate } from '../../../core/programs/template-schema.js';
import type { DbClient } from '../client.js';
import { holdsOf, withHolidays } from '../holidays.js';
import { programSelect, type TemplateCache } from './subjects.js';

interface EnrollmentSqlRow {
  id: string;
  role: EnrollmentSubject['role'];
  status: EnrollmentSubject['status'];
  startDate: string | null;
  programId: string;
  templateVersion: number;
  programName: string;
  workspaceId: string;
  person: PersonFacts & { withdrawnAt: string | null; awayUntil: string | null };
  pauses: { start: string; end: string | null }[];
  holidays: { start: string; end: string; shiftsClock: boolean }[];
}

/** A `timestamp` column (UTC by Prisma's convention) as ISO-8601 text with its Z, or null. */
const isoOf = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const SELECT_ENROLLMENTS = `SELECT e."id", e."role"::text AS "role", e."status"::text AS "status", e."startDate", e."programId",
            pr."templateVersion", pr."name" AS "programName", pr."workspaceId",
            json_build_object('id', p."id", 'displayName', p."displayName", 'timeZone', p."timeZone",
              'quietStartMinute', p."quietStartMinute", 'quietEndMinute', p."quietEndMinute",
              'nudgeWeekday', p."nudgeWeekday", 'nudgeMinute', p."nudgeMinute", 'withdrawnAt', ${isoOf('p."withdrawnAt"')},
              'awayUntil', ${isoOf('p."awayUntil"')}, 'mutedNudgeKinds', p."mutedNudgeKinds") AS "person",
            COALESCE((SELECT json_agg(json_build_object('start', ${isoOf('pi."startedAt"')}, 'end', ${isoOf('pi."endedAt"')}) ORDER BY pi."startedAt")
                      FROM "PauseInterval" pi WHERE pi."enrollmentId" = e."id"), '[]'::json) AS "pauses",
            COALESCE((SELECT json_agg(json_build_object('start', ${isoOf('h."startsAt"')}, 'end', ${isoOf('h."endsAt"')}, 'shiftsClock', h."shiftsClock"))
                      FROM "ProgramHoliday" h WHERE h."programId" = e."programId"), '[]'::json) AS "holidays"
     FROM "Enrollment" e JOIN "Person" p ON p."id" = e."personId" JOIN "Program" pr ON pr."id" = e."programId"`;

const ENROLLMENT_SQL = `${SELECT_ENROLLMENTS} WHERE e."id" = ANY($1::text[])`;

/**
 * The planner's page: live enrollments (active, started, mentee or mentor, person not withdrawn)
 * after a cursor, optionally in some workspaces. One statement per page; the template, which is
 * the same for thousands of rows, is not read again for each of them.
 */
const LIVE_PAGE_SQL = `${SELECT_ENROLLMENTS}
     WHERE e."id" > $1 AND e."status" = 'active' AND e."startDate" IS NOT NULL AND e."role" IN ('mentee', 'mentor')
       AND p."withdrawnAt" IS NULL AND ($3::text[] IS NULL OR pr."workspaceId" = ANY($3::text[]))
     ORDER BY e."id" LIMIT $2`;

/**
 * The stepped-care page: live trainees (active, started, person not withdrawn) in programs whose
 * template sets `steppedCare`, who have an active match (weeks without a mentor are never held
 * against anyone), after a cursor, optionally in some workspaces.
 */
const STEPPED_CARE_PAGE_SQL = `${SELECT_ENROLLMENTS}
     WHERE e."id" > $1 AND e."status" = 'active' AND e."startDate" IS NOT NULL AND e."role" = 'mentee'
       AND p."withdrawnAt" IS NULL AND ($3::text[] IS NULL OR pr."workspaceId" = ANY($3::text[]))
       AND pr."template" -> 'steppedCare' IS NOT NULL
       AND EXISTS (SELECT 1 FROM "Match" m WHERE m."menteeEnrollmentId" = e."id" AND m."status" = 'active')
     ORDER BY e."id" LIMIT $2`;

/** Templates by program id and version, fetched from Postgres only the first time. */
export function createProgramTemplates(db: DbClient, cache: TemplateCache) {
  return async (programId: string, templateVersion: number): Promise<ProgramTemplate | null> => {
    const cached = cache.peek(programId, templateVersion);
    if (cached) return cached;
    const program = await db.program.findUnique({ where: { id: programId }, select: programSelect });
    return program && cache(program);
  };
}

/** The enrollments with these ids, in the order asked; null for one that is gone. */
export async function loadEnrollmentSubjects(db: DbClient, ids: string[], templates: ReturnType<typeof createProgramTemplates>): Promise<(EnrollmentSubject | null)[]> {
  if (!ids.length) return [];
  const rows = await db.$queryRawUnsafe<EnrollmentSqlRow[]>(ENROLLMENT_SQL, ids);
  const byId = new Map<string, EnrollmentSubject>();
  for (const row of rows) {
    const subject = await toSubject(row, templates);
    if (subject) byId.set(row.id, subject);
  }
  return ids.map((id) => byId.get(id) ?? null);
}

/** One page of live enrollments for the planner, by id after `after`. */
export async function liveEnrollmentPage(db: DbClient, page: { after?: string; limit: number; scope?: readonly string[] | null }, templates: ReturnType<typeof createProgramTemplates>): Promise<EnrollmentSubject[]> {
  const rows = await db.$queryRawUnsafe<EnrollmentSqlRow[]>(LIVE_PAGE_SQL, page.after ?? '', page.limit, page.scope ?? null);
  const subjects: EnrollmentSubject[] = [];
  for (const row of rows) {
    const subject = await toSubject(row, templates);
    if (subject) subjects.push(subject);
  }
  return subjects;
}

/** One page of trainees in stepped care, by enrollment id after `after`. */
export async function steppedCarePage(db: DbClient, page: { after?: string; limit: number; scope?: readonly string[] | null }, templates: ReturnType<typeof createProgramTemplates>): Promise<EnrollmentSubject[]> {
  const rows = await db.$queryRawUnsafe<EnrollmentSqlRow[]>(STEPPED_CARE_PAGE_SQL, page.after ?? '', page.limit, page.scope ?? null);
  const subjects: EnrollmentSubject[] = [];
  for (const row of rows) {
    const subject = await toSubject(row, templates);
    if (subject) subjects.push(subject);
  }
  return subjects;
}

async function toSubject(row: EnrollmentSqlRow, templates: ReturnType<typeof createProgramTemplates>): Promise<EnrollmentSubject | null> {
  const template = await templates(row.programId, row.templateVersion);
  if (!template) return null;
  const date = (iso: string | null) => (iso === null ? null : new Date(iso));
  const holidays = row.holidays.map((h) => ({ startsAt: new Date(h.start), endsAt: new Date(h.end), shiftsClock: h.shiftsClock }));
  return {
    id: row.id,
    role: row.role,
    status: row.status,
    startDate: row.startDate,
    pauses: withHolidays(row.pauses.map((p) => ({ start: new Date(p.start), end: date(p.end) })), holidays),
    holds: holdsOf(holidays),
    person: { ...row.person, withdrawnAt: date(row.person.withdrawnAt), awayUntil: date(row.person.awayUntil) },
    workspaceId: row.workspaceId,
    programName: row.programName,
    template,
  };
}
