import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = new URL('../../../src/core/', import.meta.url).pathname;
const FORBIDDEN = [/^@slack\//, /^discord\.js$/, /^@discordjs\//, /^bullmq$/, /^ioredis$/, /^@prisma\//, /^prisma/, /^pg$/, /^express$/, /generated\/prisma/, /\/(adapters|store|jobs|db|http|app|processes)\//];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

function imports(source: string): string[] {
  return [...source.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? '');
}

describe('src/core', () => {
  const files = sourceFiles(CORE);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('imports no platform SDK, Prisma, BullMQ, Redis, HTTP server or outer layer', () => {
    const offenders = files.flatMap((file) =>
      imports(readFileSync(file, 'utf8'))
        .filter((spec) => FORBIDDEN.some((re) => re.test(spec)))
        .map((spec) => `${relative(CORE, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('reads the time only from the injected clock', () => {
    const offenders = files.filter((file) => /Date\.now\(\)|new Date\(\)/.test(readFileSync(file, 'utf8'))).map((f) => relative(CORE, f));
    expect(offenders).toEqual([]);
  });

  it('the check itself catches a forbidden import', () => {
    expect(imports("import { App } from '@slack/bolt';").some((s) => FORBIDDEN.some((re) => re.test(s)))).toBe(true);
    expect(imports("const q = await import('bullmq');").some((s) => FORBIDDEN.some((re) => re.test(s)))).toBe(true);
  });
});
