import pg from 'pg';
import { dropDatabase, ensureDatabase } from '../../../src/store/db/database.js';
import { testDatabaseUrl, uniqueName } from '../../support/db.js';

export interface ThrowawayDatabase {
  url: string;
  name: string;
  /** Creates it (tests of ensureDatabase and of processes leave this to the code under test). */
  create(): Promise<void>;
  drop(): Promise<void>;
  exists(): Promise<boolean>;
  /** One query on a short-lived connection. */
  query<R extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<R[]>;
}

/** A database of its own on the test server, uniquely named so tests and runs never collide. */
export function throwawayDatabase(prefix: string, suffix = ''): ThrowawayDatabase {
  const url = new URL(testDatabaseUrl());
  const name = uniqueName(`trellis_${prefix}`).replace(/-/g, '_') + suffix;
  url.pathname = `/${encodeURIComponent(name)}`;
  const text = url.toString();
  const admin = new URL(testDatabaseUrl());
  admin.pathname = '/postgres';
  const run = async <R extends pg.QueryResultRow>(connectionString: string, sql: string, params: unknown[] = []) => {
    const client = new pg.Client({ connectionString });
    await client.connect();
    try {
      return (await client.query<R>(sql, params)).rows;
    } finally {
      await client.end();
    }
  };
  return {
    url: text,
    name,
    create: () => ensureDatabase(text),
    drop: () => dropDatabase(text),
    exists: async () => (await run(admin.toString(), 'SELECT 1 FROM pg_database WHERE datname = $1', [name])).length === 1,
    query: (sql, params) => run(text, sql, params),
  };
}
