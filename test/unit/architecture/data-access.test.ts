import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// One data-access layer: everything that reads or writes Postgres lives in src/store, behind
// ports; the jobs, adapters and core use the ports only, and only the wiring (src/app,
// src/processes) opens the store.
const SRC = join(import.meta.dirname, '../../../src');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'generated') return [];
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
const outside = (...folders: string[]) => files(SRC).filter((f) => !folders.some((d) => relative(SRC, f).startsWith(`${d}/`)));

const DATABASE = [/from ['"][^'"]*generated\/prisma[^'"]*['"]/, /from ['"]@prisma\//, /from ['"]pg['"]/, /\$queryRaw/, /\$executeRaw/, /\bPrismaClient\b/];

describe('data access', () => {
  it('nothing outside src/store imports Prisma or pg, or sends SQL', () => {
    const offenders = outside('store').flatMap((f) => (DATABASE.some((re) => re.test(readFileSync(f, 'utf8'))) ? [relative(SRC, f)] : []));
    expect(offenders).toEqual([]);
  });

  it('the core, the jobs, the platform contract and the adapters reach the store only through ports', () => {
    const layered = files(SRC).filter((f) => /^(core|jobs|platform|adapters|http)\//.test(relative(SRC, f)));
    const offenders = layered.filter((f) => /from ['"][^'"]*\/store\//.test(readFileSync(f, 'utf8'))).map((f) => relative(SRC, f));
    expect(offenders).toEqual([]);
  });
});
