import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../../src/store/db/migrate.js';
import { throwawayDatabase, type ThrowawayDatabase } from '../migrations/throwaway-db.js';
import { cleanEnv, finish, start } from './spawn.js';

const databases: ThrowawayDatabase[] = [];
afterEach(async () => {
  await Promise.all(databases.splice(0).map((db) => db.drop()));
});

describe('release process', () => {
  it('creates the database, applies every migration and says which; a second run says it is up to date', async () => {
    const db = throwawayDatabase('release');
    databases.push(db);
    const names = readdirSync(MIGRATIONS_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

    const first = start(['src/processes/release.ts'], cleanEnv({ DATABASE_URL: db.url }));
    expect(await finish(first, 30_000)).toBe(0);
    expect(first.stdout()).toBe(`Applied ${names.length} migration(s): ${names.join(', ')}\n`);
    expect((await db.query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations" ORDER BY 1')).map((r) => r.migration_name)).toEqual(names);

    const second = start(['src/processes/release.ts'], cleanEnv({ DATABASE_URL: db.url }));
    expect(await finish(second, 30_000)).toBe(0);
    expect(second.stdout()).toBe('Database is up to date.\n');
  }, 60_000);

  it('exits 1 with one line when Postgres cannot be reached', async () => {
    const run = start(['src/processes/release.ts'], cleanEnv({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/trellis_nowhere' }));
    expect(await finish(run, 30_000)).toBe(1);
    expect(run.stderr().trim().split('\n')).toEqual([expect.stringMatching(/^Trellis could not start: .+/)]);
  }, 60_000);
});
