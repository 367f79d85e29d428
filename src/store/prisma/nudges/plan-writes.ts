// The planner's write: PlannedNudge rows for a batch of occurrences. New keys are inserted; a row
// still only planned follows a changed due time; a cancelled row comes back; everything else — an
// unchanged row, or one queued, claimed or sent — is left exactly as it is (not even `updatedAt`).
//
// A first pass over a 100,000-person week writes ~365,000 rows, and Postgres' share of that was
// the larger half of the time. Measured per 365,000 rows (backend CPU, psql, 2026-11-30):
// - the rows travel as one tab-separated text parameter, split by `string_to_table`/`split_part`:
//   0.46 s to parse, against 1.81 s for the same rows as a JSON array (`json_to_recordset`);
// - the key is the primary key (migration 20261214200000): the separate uuid `id` nobody read cost
//   an index and an id per row — 1.37 s of 5.56 s.
// Rows that would stay as they are are left out before the INSERT (an index probe each): ON
// CONFLICT DO UPDATE … WHERE locks every conflicting row even when it changes nothing, which made a
// pass over an unchanged 100,000-person week cost seconds of row locks.
import type { Occurrence } from '../../../core/nudges/index.js';
import type { DbClient } from '../client.js';
import { NOW, utcText } from './sql.js';

/** Rows per statement: fewer round trips, while one statement's locks and memory stay small. */
const CHUNK = 5_000;
/** A column's null, as COPY spells it; no id or kind contains a backslash (`TSV_UNSAFE`). */
const NULL = '\\N';
/** Text the tab-separated form cannot carry as is; a batch with any goes as JSON instead. */
const TSV_UNSAFE = /[\t\n\\]/;

const field = (line: string, n: number) => `split_part(${line}, E'\\t', ${n})`;

/** Each line: key, kind, personId, channel, dueAt (ms since the epoch, UTC), refs (JSON). */
const FROM_TSV = `(SELECT ${field('l', 1)} AS k, ${field('l', 2)} AS kind, NULLIF(${field('l', 3)}, '${NULL}') AS p,
         NULLIF(${field('l', 4)}, '${NULL}') AS c, (timestamp '1970-01-01' + ${field('l', 5)}::bigint * interval '1 millisecond')::timestamp(3) AS d,
         ${field('l', 6)}::jsonb AS r
    FROM string_to_table($1::text, E'\\n') AS l) AS t`;

/** The general form, for text with tabs, newlines or backslashes: one JSON array. */
const FROM_JSON = `(SELECT j.k, j.kind, j.p, j.c, j.d::timestamp(3) AS d, j.r
    FROM json_to_recordset($1::json) AS j(k text, kind text, p text, c text, d text, r jsonb)) AS t`;

const upsertFrom = (rows: string) => `INSERT INTO "PlannedNudge" ("key","kind","personId","channel","dueAt","status","attempts","refs","createdAt","updatedAt")
  SELECT t.k, t.kind, t.p, t.c, t.d, 'planned', 0, t.r, ${NOW}, ${NOW}
  FROM ${rows}
  WHERE NOT EXISTS (SELECT 1 FROM "PlannedNudge" n WHERE n."key" = t.k
                    AND n."status" <> 'cancelled' AND (n."status" <> 'planned' OR n."dueAt" = t.d))
  ON CONFLICT ("key") DO UPDATE SET "dueAt" = EXCLUDED."dueAt", "status" = 'planned', "updatedAt" = ${NOW}
  WHERE "PlannedNudge"."status" = 'cancelled'
     OR ("PlannedNudge"."status" = 'planned' AND "PlannedNudge"."dueAt" <> EXCLUDED."dueAt")`;

const UPSERT_TSV = upsertFrom(FROM_TSV);
const UPSERT_JSON = upsertFrom(FROM_JSON);

const tsvSafe = (o: Occurrence) => !TSV_UNSAFE.test(o.key) && !TSV_UNSAFE.test(o.kind) && !(o.personId && TSV_UNSAFE.test(o.personId)) && !(o.channel && TSV_UNSAFE.test(o.channel));

/** One chunk as the statement and its single text parameter. */
function encode(chunk: Occurrence[]): [sql: string, rows: string] {
  if (chunk.every(tsvSafe)) {
    // JSON.stringify escapes tabs and newlines inside refs, so a line stays one line.
    const lines = chunk.map((o) => `${o.key}\t${o.kind}\t${o.personId ?? NULL}\t${o.channel ?? NULL}\t${o.dueAt.getTime()}\t${JSON.stringify(o.refs)}`);
    return [UPSERT_TSV, lines.join('\n')];
  }
  const rows = chunk.map((o) => ({ k: o.key, kind: o.kind, p: o.personId, c: o.channel, d: utcText(o.dueAt), r: o.refs }));
  return [UPSERT_JSON, JSON.stringify(rows)];
}

/** Writes a batch of occurrences; returns how many rows were inserted or changed. */
export async function upsertPlanned(db: DbClient, occurrences: Occurrence[]): Promise<number> {
  let changed = 0;
  for (let i = 0; i < occurrences.length; i += CHUNK) {
    const [sql, rows] = encode(occurrences.slice(i, i + CHUNK));
    changed += await db.$executeRawUnsafe(sql, rows);
  }
  return changed;
}
