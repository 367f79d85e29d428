import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { TrellisError } from '../../core/errors.js';

/**
 * Applies prisma/migrations offline, keeping Prisma's own `_prisma_migrations` bookkeeping
 * (same table, sha256 checksums, one row per migration), so `prisma migrate deploy` in production
 * sees the same history. We can't run Prisma's schema engine here: it is a native download.
 */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../prisma/migrations/', import.meta.url));

const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

// Prisma Migrate's own advisory lock id, so this runner and `prisma migrate deploy` never run at once.
export const MIGRATION_LOCK_ID = 72_707_369;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(dir, name, 'migration.sql'));
      return { name, sql: bytes.toString('utf8'), checksum: sha256(bytes) };
    });
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * Prisma's rule for "unchanged": the file's sha256, also with its line endings switched
 * (git may check a file out with CRLF), so a Windows checkout is not refused as edited.
 */
export function matchesChecksum(migration: MigrationFile, recorded: string): boolean {
  if (migration.checksum === recorded) return true;
  return [migration.sql.replace(/\r\n/g, '\n'), migration.sql.replace(/\r?\n/g, '\r\n')].some((text) => sha256(text) === recorded);
}

export class MigrationError extends TrellisError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { code: 'MIGRATION_FAILED', cause: options?.cause });
    this.name = 'MigrationError';
  }
}

/** Returns the names applied by this call. Safe to run from several processes at once. */
export async function migrate(databaseUrl: string, dir = MIGRATIONS_DIR): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await client.query(BOOKKEEPING);
    const rows = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"',
    );
    const failed = rows.rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
    if (failed) {
      throw new MigrationError(
        `migration ${failed.migration_name} failed earlier and was never rolled back; repair the database, then run: prisma migrate resolve --rolled-back ${failed.migration_name}`,
      );
    }
    const done = new Map(rows.rows.filter((r) => r.finished_at).map((r) => [r.migration_name, r.checksum]));
    for (const migration of readMigrations(dir)) {
      const checksum = done.get(migration.name);
      if (checksum !== undefined) {
        if (!matchesChecksum(migration, checksum)) {
          throw new MigrationError(`migration ${migration.name} was edited after it was applied; restore it and add a new migration instead`);
        }
        continue;
      }
      await applyOne(client, migration);
      applied.push(migration.name);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await client.end();
  }
}

async function applyOne(client: pg.Client, migration: MigrationFile): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
       VALUES ($1, $2, clock_timestamp(), $3, 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw new MigrationError(`migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
  }
}
