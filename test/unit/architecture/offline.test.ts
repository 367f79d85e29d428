/**
 * Unit tests never touch Postgres or Redis. Two guards keep it so:
 * - test/support/unit-offline.ts (the unit project's setup file) makes every connection attempt
 *   throw and fail the test; the first tests below try the real clients against the real local
 *   servers, so they pass only while that guard is installed;
 * - no file under test/unit imports a module whose job is to connect (the scan below), so a
 *   misplaced test is named before it runs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import ts from 'typescript';
import { describe, expect, inject, it } from 'vitest';
import config from '../../../vitest.config.js';
import { createPrisma } from '../../../src/store/db/prisma.js';
import { takeBlockedConnections } from '../../support/unit-offline.js';

const ROOT = resolve(new URL('../../../', import.meta.url).pathname);
const UNIT = join(ROOT, 'test/unit');
const THIS_FILE = new URL(import.meta.url).pathname;

describe('the unit project', () => {
  it('has no database set up for it and the offline guard installed', () => {
    const unit = config.test?.projects?.find((p) => typeof p === 'object' && 'test' in p && p.test?.name === 'unit') as
      | { test: { globalSetup?: unknown; setupFiles?: string[] } }
      | undefined;
    expect(unit?.test.globalSetup).toBeUndefined();
    expect(unit?.test.setupFiles).toContain('test/support/unit-offline.ts');
    expect(config.test?.globalSetup).toBeUndefined();
    expect(inject('databaseUrl')).toBeUndefined();
  });

  it('refuses a pg connection to the local Postgres', async () => {
    const client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
    await expect(client.connect()).rejects.toThrow(/Unit tests must not open connections: tried 127\.0\.0\.1:5432 \(Postgres\)/);
    expect(takeBlockedConnections()).toEqual(['127.0.0.1:5432 (Postgres)']);
  });

  it('refuses Prisma (the app’s own client and pool) before any query reaches Postgres', async () => {
    const prisma = createPrisma('postgresql://postgres@127.0.0.1:5432/postgres', 1);
    await expect(prisma.$queryRaw`select 1`).rejects.toThrow(/Unit tests must not open connections/);
    await prisma.$disconnect();
    expect(takeBlockedConnections()).toEqual(['127.0.0.1:5432 (Postgres)']);
  });

  it('refuses an ioredis (and so BullMQ) connection to the local Redis', async () => {
    const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    const errors: Error[] = [];
    redis.on('error', (error: Error) => errors.push(error));
    await expect(redis.connect()).rejects.toThrow();
    redis.disconnect();
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/Unit tests must not open connections: tried 127\.0\.0\.1:6379 \(Redis\)/)]);
    expect(takeBlockedConnections()).toEqual(['127.0.0.1:6379 (Redis)']);
  });
});

/** Modules whose purpose is a connection: the drivers, the app's wiring, the test database helpers. */
const CONNECTING = [
  /^pg$/,
  /^ioredis$/,
  /^bullmq$/,
  /^@prisma\//,
  /^src\/generated\/prisma\//,
  /^src\/db\/(prisma|database|migrate)\.[jt]s$/,
  /^src\/store\//,
  /^src\/app\/services\.[jt]s$/,
  /^test\/support\/(db|services|console-session|core-harness|global-setup)\.[jt]s$/,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Static, side-effect, type-only, re-export and dynamic imports, as TypeScript itself reads them (not text in strings). */
const imports = (source: string): string[] => ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);

/** A relative specifier as a path from the repository root; a package name as it is. */
const normalise = (file: string, spec: string) => (spec.startsWith('.') ? relative(ROOT, resolve(dirname(file), spec)) : spec);

function offenders(file: string, source: string): string[] {
  const connecting = imports(source)
    .filter((spec) => CONNECTING.some((re) => re.test(normalise(file, spec))))
    .map((spec) => `${relative(ROOT, file)} imports ${spec}`);
  const injected = /inject\(\s*['"](databaseUrl|redisUrl)['"]/.test(source) ? [`${relative(ROOT, file)} injects a database or Redis URL`] : [];
  return [...connecting, ...injected];
}

describe('test/unit', () => {
  const files = sourceFiles(UNIT).filter((f) => f !== THIS_FILE);

  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('imports no driver, store, app wiring or test database (such tests belong in test/integration)', () => {
    expect(files.flatMap((file) => offenders(file, readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('the scan itself catches a misplaced test', () => {
    const file = join(UNIT, 'core/misplaced.test.ts');
    expect(offenders(file, "import { testPrisma } from '../../support/db.js';")).toEqual(['test/unit/core/misplaced.test.ts imports ../../support/db.js']);
    expect(offenders(file, "import { createPrismaStore } from '../../../src/store/prisma/index.js';")).toHaveLength(1);
    expect(offenders(file, "import 'pg';\nconst { Queue } = await import('bullmq');")).toHaveLength(2);
    expect(offenders(file, "const url = inject('databaseUrl');")).toHaveLength(1);
    expect(offenders(file, "import { tokenize } from '../../../src/core/commands/tokenize.js';")).toEqual([]);
  });
});
