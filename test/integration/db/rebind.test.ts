import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropDatabase, ensureDatabase } from '../../../src/store/db/database.js';
import { migrate, MIGRATIONS_DIR } from '../../../src/store/db/migrate.js';
import { openDatabase, type Database } from '../../../src/store/open.js';
import { testCipher, testDatabaseUrl } from '../../support/db.js';

// A database as it was before binding: built from the migrations up to the one before
// 20261204140000_private_titles, with rows written the old way (unbound `v1` ciphertexts, plain
// criteria and titles). Opening it runs the migrations and the release step that binds them.
const url = testDatabaseUrl().replace(/\/([^/]+)$/, `/$1_rebind`);
const FIRST_BOUND = '20261204140000_private_titles';
let db: Database;
let sql: pg.Client;
const ids = { person: 'p-1', other: 'p-2', enrollment: 'e-1', meeting: 'm-1', item: 'c-1', call: 'call-1' };

async function seedOldRows(client: pg.Client): Promise<void> {
  const v1 = (plain: string) => testCipher.encrypt(plain);
  await client.query(`INSERT INTO "Workspace" (id, platform, "externalId", name) VALUES ('w-1', 'console', 'rebind', 'w')`);
  await client.query(`INSERT INTO "Person" (id, "displayName", "firstNameEnc", "phoneEnc") VALUES ($1, 'Uma', $2, $3), ($4, 'Mo', $5, NULL)`,
    [ids.person, v1('Zoë'), v1('+15550100199'), ids.other, v1('Moe')]);
  await client.query(`INSERT INTO "Program" (id, "workspaceId", slug, name, "templateId", "templateVersion", template) VALUES ('pr-1', 'w-1', 'p', 'P', 't', 1, '{}')`);
  await client.query(`INSERT INTO "Enrollment" (id, "programId", "personId", role) VALUES ($1, 'pr-1', $2, 'mentor')`, [ids.enrollment, ids.person]);
  await client.query(`INSERT INTO "MentorEligibility" (id, "enrollmentId", criteria, field, "readinessConfirmed", "expectationsVersion", "signedOffAt") VALUES ('me-1', $1, ARRAY['recovery-time'], 'nursing', true, 1, now())`, [ids.enrollment]);
  await client.query(`INSERT INTO "CallLog" (id, "enrollmentId", kind, minutes, "occurredOn", "notesEnc") VALUES ($1, $2, 'phone', 30, '2026-03-02', $3)`, [ids.call, ids.enrollment, v1('call notes')]);
  await client.query(`INSERT INTO "CertificationItem" (id, "enrollmentId", kind, title, "bodyEnc") VALUES ($1, $2, 'case_record', 'Case of J.', $3)`, [ids.item, ids.enrollment, v1('case body')]);
  await client.query(`INSERT INTO "Cohort" (id, "programId", name, "channelId") VALUES ('co-1', 'pr-1', 'c', 'ch')`);
  await client.query(`INSERT INTO "CohortMeeting" (id, "cohortId", title, "startsAt", "durationMinutes") VALUES ($1, 'co-1', 'Relapse support', now(), 60)`, [ids.meeting]);
  await client.query(`INSERT INTO "EvaluationResponse" (id, "programId", occasion, answers, "submittedAt") VALUES ('ev-1', 'pr-1', 'end', $1, now())`, [JSON.stringify({ ratings: { a: 4 }, commentEnc: v1('a comment') })]);
}

beforeAll(async () => {
  const older = mkdtempSync(join(tmpdir(), 'trellis-migrations-'));
  for (const name of readdirSync(MIGRATIONS_DIR)) if (name < FIRST_BOUND) cpSync(join(MIGRATIONS_DIR, name), join(older, name), { recursive: true });
  await ensureDatabase(url);
  await migrate(url, older);
  rmSync(older, { recursive: true });
  sql = new pg.Client({ connectionString: url });
  await sql.connect();
  await seedOldRows(sql);
  db = await openDatabase(url, testCipher);
});
afterAll(async () => {
  await sql.end();
  await db.close();
  await dropDatabase(url);
});

describe('the release step binds encrypted values to their rows', () => {
  it('re-seals old ciphertexts and encrypts plain criteria, fields and titles, all readable through the store', async () => {
    expect(db.rebound).toMatchObject({ 'Person.firstNameEnc': 2, 'Person.phoneEnc': 1, 'MentorEligibility.criteriaEnc': 1, 'MentorEligibility.fieldEnc': 1, 'CertificationItem.titleEnc': 1, 'CohortMeeting.titleEnc': 1, 'CallLog.notesEnc': 1, 'EvaluationResponse.answers': 1 });
    expect(await db.store.people.getContact(ids.person)).toEqual({ firstName: 'Zoë', phone: '+15550100199' });
    expect(await db.store.enrollments.getEligibility(ids.enrollment)).toMatchObject({ criteria: ['recovery-time'], field: 'nursing' });
    expect((await db.store.certification.get(ids.item))).toMatchObject({ title: 'Case of J.', body: 'case body' });
    expect((await db.store.cohorts.getMeeting(ids.meeting))?.title).toBe('Relapse support');
    expect((await db.store.calls.get(ids.call))?.notes).toBe('call notes');
    expect((await db.store.evaluations.listAnswers('pr-1'))[0]?.comment).toBe('a comment');
    const { rows } = await sql.query(`SELECT "criteriaEnc", "fieldEnc" FROM "MentorEligibility"`);
    expect(JSON.stringify(rows)).not.toMatch(/recovery-time|nursing|plain:/);
    expect(rows[0].criteriaEnc).toMatch(/^v2\./);
  });

  it('is idempotent: a second run finds nothing to do', async () => {
    const again = await openDatabase(url, testCipher);
    expect(again.rebound).toEqual({});
    await again.close();
  });

  it('a ciphertext moved to another row or column no longer opens', async () => {
    await sql.query(`UPDATE "Person" SET "firstNameEnc" = (SELECT "firstNameEnc" FROM "Person" WHERE id = $1) WHERE id = $2`, [ids.person, ids.other]);
    await expect(db.store.people.getContact(ids.other)).rejects.toThrow();
    await sql.query(`UPDATE "Person" SET "phoneEnc" = "firstNameEnc" WHERE id = $1`, [ids.person]);
    await expect(db.store.people.getContact(ids.person)).rejects.toThrow();
  });
});
