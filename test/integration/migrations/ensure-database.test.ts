import { afterEach, describe, expect, it } from 'vitest';
import { ensureDatabase } from '../../../src/store/db/database.js';
import { throwawayDatabase, type ThrowawayDatabase } from './throwaway-db.js';

const created: ThrowawayDatabase[] = [];
afterEach(async () => {
  await Promise.all(created.splice(0).map((db) => db.drop()));
});
const fresh = (): ThrowawayDatabase => {
  const db = throwawayDatabase('ensure');
  created.push(db);
  return db;
};

describe('ensureDatabase', () => {
  it('creates the database named in the URL when it is missing', async () => {
    const db = fresh();
    expect(await db.exists()).toBe(false);
    await ensureDatabase(db.url);
    expect(await db.exists()).toBe(true);
    expect(await db.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('leaves an existing database and its data alone', async () => {
    const db = fresh();
    await ensureDatabase(db.url);
    await db.query('CREATE TABLE kept (id INT)');
    await db.query('INSERT INTO kept VALUES (42)');
    await ensureDatabase(db.url);
    expect(await db.query<{ id: number }>('SELECT id FROM kept')).toEqual([{ id: 42 }]);
  });

  it('succeeds for every caller when several processes create the same database at once', async () => {
    const db = fresh();
    await Promise.all([ensureDatabase(db.url), ensureDatabase(db.url), ensureDatabase(db.url), ensureDatabase(db.url)]);
    expect(await db.exists()).toBe(true);
  });

  it('handles a database name that needs quoting', async () => {
    const db = throwawayDatabase('ensure', '-Mixed "q"');
    created.push(db);
    await ensureDatabase(db.url);
    await ensureDatabase(db.url);
    expect(await db.exists()).toBe(true);
  });

  it('refuses a URL that names no database', async () => {
    const db = fresh();
    const bare = new URL(db.url);
    bare.pathname = '/';
    await expect(ensureDatabase(bare.toString())).rejects.toThrow(/names no database/);
  });
});
