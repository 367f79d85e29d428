// Which active matches may have reached their program's end: the trainee's start date plus the
// template's weeks is on or before tomorrow (UTC; no zone is more than a day ahead). Pauses and
// clock-stopping holidays only move an end later, so this never misses one; the core checks each
// candidate on the trainee's own clock before completing it.
import type { Page } from '../../../jobs/ports.js';
import type { DbClient } from '../client.js';

const CANDIDATES_SQL = `SELECT m."id" FROM "Match" m
     JOIN "Enrollment" e ON e."id" = m."menteeEnrollmentId"
     JOIN "Program" p ON p."id" = m."programId"
     WHERE m."id" > $1 AND m."status" = 'active' AND e."startDate" IS NOT NULL
       AND jsonb_typeof(p."template"::jsonb -> 'weeks') = 'number'
       AND e."startDate"::date + ((p."template"::jsonb ->> 'weeks')::int * 7) <= $3::date + 1
       AND ($4::text[] IS NULL OR p."workspaceId" = ANY($4::text[]))
     ORDER BY m."id" LIMIT $2`;

export async function programEndCandidates(db: DbClient, page: Page, by: Date): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(CANDIDATES_SQL, page.after ?? '', page.limit, by.toISOString().slice(0, 10), page.scope ?? null);
  return rows.map((r) => r.id);
}
