import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { dropDatabase, ensureDatabase } from '../../src/store/db/database.js';
import { migrate } from '../../src/store/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    redisUrl: string;
  }
}

const BASE = process.env.TEST_DATABASE_BASE_URL ?? 'postgresql://postgres@127.0.0.1:5432';

/** One fresh database per run, built from the migrations, dropped at the end. */
export default async function setup(project: TestProject) {
  const databaseUrl = `${BASE}/trellis_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  await ensureDatabase(databaseUrl);
  await migrate(databaseUrl);
  project.provide('databaseUrl', databaseUrl);
  project.provide('redisUrl', process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
  return async () => {
    await dropDatabase(databaseUrl);
  };
}
