// One enrollment with its person, pauses and program in a single statement: the delivery check
// runs this for most nudges, and Prisma's include would take four round trips and the template
// JSON every time (the template comes from the cache instead).
import type { EnrollmentSubject, PersonFacts } from '../../../core/nudges/index.js';
import type { ProgramTemplate } from '../../../core/programs/template-schema.js';
import type { DbClient } from '../client.js';
import { programSelect, type TemplateCache } from './subjects.js';
import { withHolidays } from '../holidays.js';

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
  holidays: { start: string; end: string }[];
}

/** A `timestamp` column (UTC by Prisma's convention) as ISO-8601 text with its Z, or null. */
const isoOf = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const ENROLLMENT_SQL = `SELECT e."id", e."role"::text AS "role", e."status"::text AS "status", e."startDate", e."programId",
            pr."templateVersion", pr."name" AS "programName", pr."workspaceId",
            json_build_object('id', p."id", 'displayName', p."displayName", 'timeZone', p."timeZone",
              'quietStartMinute', p."quietStartMinute", 'quietEndMinute', p."quietEndMinute",
              'nudgeWeekday', p."nudgeWeekday", 'nudgeMinute', p."nudgeMinute", 'withdrawnAt', ${isoOf('p."withdrawnAt"')},
              'awayUntil', ${isoOf('p."awayUntil"')}, 'mutedNudgeKinds', p."mutedNudgeKinds") AS "person",
            COALESCE((SELECT json_agg(json_build_object('start', ${isoOf('pi."startedAt"')}, 'end', ${isoOf('pi."endedAt"')}) ORDER BY pi."startedAt")
                      FROM "PauseInterval" pi WHERE pi."enrollmentId" = e."id"), '[]'::json) AS "pauses",
            COALESCE((SELECT json_agg(json_build_object('start', ${isoOf('h."startsAt"')}, 'end', ${isoOf('h."endsAt"')}))
                      FROM "ProgramHoliday" h WHERE h."programId" = e."programId"), '[]'::json) AS "holidays"
     FROM "Enrollment" e JOIN "Person" p ON p."id" = e."personId" JOIN "Program" pr ON pr."id" = e."programId"
     WHERE e."id" = $1`;

/** Templates by program id and version, fetched from Postgres only the first time. */
export function createProgramTemplates(db: DbClient, cache: TemplateCache) {
  return async (programId: string, templateVersion: number): Promise<ProgramTemplate | null> => {
    const cached = cache.peek(programId, templateVersion);
    if (cached) return cached;
    const program = await db.program.findUnique({ where: { id: programId }, select: programSelect });
    return program && cache(program);
  };
}

export async function loadEnrollmentSubject(db: DbClient, id: string, templates: ReturnType<typeof createProgramTemplates>): Promise<EnrollmentSubject | null> {
  const [row] = await db.$queryRawUnsafe<EnrollmentSqlRow[]>(ENROLLMENT_SQL, id);
  if (!row) return null;
  const template = await templates(row.programId, row.templateVersion);
  if (!template) return null;
  const date = (iso: string | null) => (iso === null ? null : new Date(iso));
  return {
    id: row.id,
    role: row.role,
    status: row.status,
    startDate: row.startDate,
    pauses: withHolidays(row.pauses.map((p) => ({ start: new Date(p.start), end: date(p.end) })), row.holidays.map((h) => ({ startsAt: new Date(h.start), endsAt: new Date(h.end) }))),
    person: { ...row.person, withdrawnAt: date(row.person.withdrawnAt), awayUntil: date(row.person.awayUntil) },
    workspaceId: row.workspaceId,
    programName: row.programName,
    template,
  };
}
