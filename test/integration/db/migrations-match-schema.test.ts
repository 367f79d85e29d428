import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMigrations } from '../../../src/store/db/migrate.js';
import { readSchemaModel } from '../../support/schema-model.js';
import { testDatabaseUrl } from '../../support/db.js';

// The database under test was built by our migration runner (test/support/global-setup.ts).
const expected = readSchemaModel(new URL('../../../prisma/schema.prisma', import.meta.url).pathname);
let client: pg.Client;

beforeAll(async () => {
  client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
});
afterAll(() => client.end());

describe('the database built from prisma/migrations', () => {
  it('has exactly the tables schema.prisma declares', async () => {
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
    );
    expect(rows.map((r) => r.table_name).sort()).toEqual(expected.tables);
  });

  it('has every column with the declared type and nullability, and no others', async () => {
    const { rows } = await client.query<{ table_name: string; column_name: string; udt_name: string; is_nullable: string }>(
      `SELECT table_name, column_name, udt_name, is_nullable FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    const actual = rows.map((r) => `${r.table_name}.${r.column_name} ${r.udt_name}${r.is_nullable === 'YES' ? '?' : ''}`).sort();
    const wanted = expected.columns.map((c) => `${c.table}.${c.column} ${c.udt}${c.nullable ? '?' : ''}`).sort();
    expect(actual).toEqual(wanted);
  });

  it('enforces every unique constraint the schema declares, and no others', async () => {
    const { rows } = await client.query<{ table_name: string; columns: string }>(
      `SELECT t.relname AS table_name, string_agg(a.attname, ',' ORDER BY k.ord) AS columns
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       WHERE i.indisunique AND NOT i.indisprimary AND t.relname <> '_prisma_migrations'
       GROUP BY t.relname, i.indexrelid`,
    );
    expect(rows.map((r) => `${r.table_name}(${r.columns})`).sort()).toEqual(expected.uniques);
  });

  it('has the enum types with the declared values', async () => {
    const { rows } = await client.query<{ typname: string; values: string[] }>(
      `SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.typname, r.values]))).toEqual(expected.enums);
  });

  it("keeps Prisma's _prisma_migrations bookkeeping, one finished row per migration with its checksum", async () => {
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    const files = readMigrations();
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(files.map((f) => [f.name, f.checksum]));
    expect(rows.every((r) => r.finished_at !== null && r.applied_steps_count === 1)).toBe(true);
  });
});
