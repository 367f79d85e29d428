import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, MigrationError, migrate, readMigrations } from '../../../src/store/db/migrate.js';
import { throwawayDatabase, type ThrowawayDatabase } from './throwaway-db.js';

interface BookkeepingRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

const created: ThrowawayDatabase[] = [];
const tempDirs: string[] = [];
afterEach(async () => {
  await Promise.all(created.splice(0).map((db) => db.drop()));
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function emptyDatabase(): Promise<ThrowawayDatabase> {
  const db = throwawayDatabase('migrate');
  created.push(db);
  await db.create();
  return db;
}

/** A migrations folder in Prisma's layout: one directory per migration holding migration.sql. */
function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-migrations-'));
  tempDirs.push(dir);
  writeFileSync(join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
  for (const [name, sql] of Object.entries(files)) writeMigration(dir, name, sql);
  return dir;
}

function writeMigration(dir: string, name: string, sql: string): void {
  mkdirSync(join(dir, name), { recursive: true });
  writeFileSync(join(dir, name, 'migration.sql'), sql);
}

const rows = (db: ThrowawayDatabase) => db.query<BookkeepingRow>('SELECT * FROM "_prisma_migrations" ORDER BY migration_name');
const tables = async (db: ThrowawayDatabase) =>
  (await db.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`)).map((r) => r.table_name);

describe('migration runner on the real migrations', () => {
  const onDisk = readdirSync(MIGRATIONS_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

  it('applies every migration into an empty database and records each like Prisma does', async () => {
    const db = await emptyDatabase();
    const applied = await migrate(db.url);
    expect(onDisk.length).toBeGreaterThan(0);
    expect(applied).toEqual(onDisk);

    const recorded = await rows(db);
    expect(recorded.map((r) => r.migration_name)).toEqual(onDisk);
    for (const row of recorded) {
      const file = readFileSync(join(MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(file).digest('hex'));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.applied_steps_count).toBe(1);
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
    }
    expect(await tables(db)).toEqual(expect.arrayContaining(['_prisma_migrations', 'Person', 'Workspace']));
  });

  it('creates _prisma_migrations with exactly the columns Prisma Migrate creates', async () => {
    const db = await emptyDatabase();
    await migrate(db.url);
    const columns = await db.query<{ column_name: string; data_type: string; max: number | null; is_nullable: string; column_default: string | null }>(
      `SELECT column_name, data_type, character_maximum_length AS max, is_nullable, column_default
         FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: 'id', data_type: 'character varying', max: 36, is_nullable: 'NO', column_default: null },
      { column_name: 'checksum', data_type: 'character varying', max: 64, is_nullable: 'NO', column_default: null },
      { column_name: 'finished_at', data_type: 'timestamp with time zone', max: null, is_nullable: 'YES', column_default: null },
      { column_name: 'migration_name', data_type: 'character varying', max: 255, is_nullable: 'NO', column_default: null },
      { column_name: 'logs', data_type: 'text', max: null, is_nullable: 'YES', column_default: null },
      { column_name: 'rolled_back_at', data_type: 'timestamp with time zone', max: null, is_nullable: 'YES', column_default: null },
      { column_name: 'started_at', data_type: 'timestamp with time zone', max: null, is_nullable: 'NO', column_default: 'now()' },
      { column_name: 'applied_steps_count', data_type: 'integer', max: null, is_nullable: 'NO', column_default: '0' },
    ]);
    const [pk] = await db.query<{ conname: string }>(`SELECT conname FROM pg_constraint WHERE conrelid = '"_prisma_migrations"'::regclass AND contype = 'p'`);
    expect(pk?.conname).toBe('_prisma_migrations_pkey');
  });

  it('applies nothing on a second run', async () => {
    const db = await emptyDatabase();
    await migrate(db.url);
    const before = await rows(db);
    expect(await migrate(db.url)).toEqual([]);
    expect(await rows(db)).toEqual(before);
  });

  it('applies each migration exactly once when several processes migrate at the same time', async () => {
    const db = await emptyDatabase();
    const results = await Promise.all([migrate(db.url), migrate(db.url), migrate(db.url), migrate(db.url)]);
    expect(results.flat().sort()).toEqual(onDisk);
    expect(results.filter((names) => names.length > 0)).toHaveLength(1);
    expect((await rows(db)).map((r) => r.migration_name)).toEqual(onDisk);
  });

  it('reads the migrations folder in name order with the checksum of each file', () => {
    const files = readMigrations();
    expect(files.map((f) => f.name)).toEqual(onDisk);
    for (const f of files) expect(f.checksum).toBe(createHash('sha256').update(readFileSync(join(MIGRATIONS_DIR, f.name, 'migration.sql'))).digest('hex'));
  });
});

describe('migration runner on its own migrations folder', () => {
  const first = { '20260101000000_first': 'CREATE TABLE "First" (id INT PRIMARY KEY);\n' };

  it('applies only the new migrations, in name order', async () => {
    const db = await emptyDatabase();
    const dir = migrationsDir({ '20260102000000_second': 'ALTER TABLE "First" ADD COLUMN name TEXT;\n', ...first });
    expect(await migrate(db.url, dir)).toEqual(['20260101000000_first', '20260102000000_second']);
    writeMigration(dir, '20260103000000_third', 'CREATE TABLE "Third" (id INT);\n');
    expect(await migrate(db.url, dir)).toEqual(['20260103000000_third']);
    expect(await tables(db)).toEqual(['First', 'Third', '_prisma_migrations']);
  });

  it('refuses a migration that was edited after it was applied, and applies nothing after it', async () => {
    const db = await emptyDatabase();
    const dir = migrationsDir(first);
    await migrate(db.url, dir);
    writeMigration(dir, '20260101000000_first', 'CREATE TABLE "First" (id BIGINT PRIMARY KEY);\n');
    writeMigration(dir, '20260102000000_second', 'CREATE TABLE "Second" (id INT);\n');
    const failure = migrate(db.url, dir);
    await expect(failure).rejects.toBeInstanceOf(MigrationError);
    await expect(failure).rejects.toThrow('migration 20260101000000_first was edited after it was applied');
    expect(await tables(db)).not.toContain('Second');
  });

  it('accepts an applied migration whose line endings changed (a CRLF checkout), as Prisma does', async () => {
    const db = await emptyDatabase();
    const dir = migrationsDir({ '20260101000000_first': 'CREATE TABLE "First" (\n  id INT PRIMARY KEY\n);\n' });
    await migrate(db.url, dir);
    writeMigration(dir, '20260101000000_first', 'CREATE TABLE "First" (\r\n  id INT PRIMARY KEY\r\n);\r\n');
    expect(await migrate(db.url, dir)).toEqual([]);
  });

  it('rolls a failing migration back completely and records nothing for it', async () => {
    const db = await emptyDatabase();
    const dir = migrationsDir({
      ...first,
      '20260102000000_broken': 'CREATE TABLE "Half" (id INT);\nINSERT INTO "Half" VALUES (1);\nINSERT INTO "NoSuchTable" VALUES (1);\n',
      '20260103000000_after': 'CREATE TABLE "After" (id INT);\n',
    });
    const failure = migrate(db.url, dir);
    await expect(failure).rejects.toBeInstanceOf(MigrationError);
    await expect(failure).rejects.toThrow(/migration 20260102000000_broken failed: .*NoSuchTable/);
    expect(await tables(db)).toEqual(['First', '_prisma_migrations']);
    expect((await rows(db)).map((r) => r.migration_name)).toEqual(['20260101000000_first']);
  });

  it('applies a fixed migration on the next run after a failure', async () => {
    const db = await emptyDatabase();
    const dir = migrationsDir({ ...first, '20260102000000_broken': 'CREATE TABLE "Half" (id INT REFERENCES "Nowhere"(id));\n' });
    await expect(migrate(db.url, dir)).rejects.toBeInstanceOf(MigrationError);
    writeMigration(dir, '20260102000000_broken', 'CREATE TABLE "Half" (id INT REFERENCES "First"(id));\n');
    expect(await migrate(db.url, dir)).toEqual(['20260102000000_broken']);
  });

  it('refuses to start over a migration Prisma recorded as failed and never rolled back', async () => {
    const db = await emptyDatabase();
    const dir = migrationsDir(first);
    await migrate(db.url, dir);
    await db.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ('00000000-0000-4000-8000-000000000001', 'x', '20260102000000_failed', now())`);
    writeMigration(dir, '20260103000000_next', 'CREATE TABLE "Next" (id INT);\n');
    await expect(migrate(db.url, dir)).rejects.toThrow(/20260102000000_failed failed earlier.*prisma migrate resolve --rolled-back 20260102000000_failed/);
    expect(await tables(db)).not.toContain('Next');
  });

  it('ignores files and folders that are not migrations', async () => {
    const db = await emptyDatabase();
    const dir = migrationsDir(first);
    mkdirSync(join(dir, 'notes'));
    writeFileSync(join(dir, 'README.md'), 'not a migration');
    expect(await migrate(db.url, dir)).toEqual(['20260101000000_first']);
  });
});
