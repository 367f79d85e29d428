import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import madge from 'madge';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../../../', import.meta.url).pathname;

/**
 * The module graph as madge reads it, with the project's tsconfig (NodeNext: `./x.js` means
 * `./x.ts`). Type-only imports count: a cycle of types is still two modules that each need the
 * other. Prisma's generated client (gitignored, not ours) is left out.
 */
function graphOf(dir: string, baseDir = ROOT) {
  return madge(dir, {
    baseDir,
    fileExtensions: ['ts'],
    tsConfig: join(ROOT, 'tsconfig.json'),
    excludeRegExp: [/(^|\/)generated\//, /\.d\.ts$/],
  });
}

const describeCycle = (cycle: string[]) => [...cycle, cycle[0]].join(' -> ');

describe('src', () => {
  it('has no import cycles', async () => {
    const graph = await graphOf(join(ROOT, 'src'));
    expect.soft(graph.circular().map(describeCycle), 'import cycles in src').toEqual([]);
    // Every file was read and every relative import resolved, so a cycle cannot hide behind a miss.
    // Packages that publish only an `exports` map (vega-lite) are not resolved by madge; they are
    // outside src and cannot hide a cycle in it, so only relative imports must all resolve.
    expect.soft(graph.warnings().skipped.filter((s) => s.startsWith('.') || s.startsWith('/')), 'imports madge could not resolve').toEqual([]);
    expect(Object.keys(graph.obj()).length).toBeGreaterThan(100);
  }, 60_000);

  describe('the check itself', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-cycles-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('finds a cycle made only of type imports with .js specifiers, across folders', async () => {
      mkdirSync(join(dir, 'app'));
      mkdirSync(join(dir, 'adapters'));
      writeFileSync(join(dir, 'app', 'platforms.ts'), "import type { Adapter } from '../adapters/index.js';\nexport interface Platform { adapter: Adapter }\n");
      writeFileSync(join(dir, 'adapters', 'index.ts'), "import type { Platform } from '../app/platforms.js';\nexport interface Adapter { platform?: Platform }\n");
      writeFileSync(join(dir, 'main.ts'), "import { type Platform } from './app/platforms.js';\nexport const p: Platform | undefined = undefined;\n");
      const graph = await graphOf(dir, dir);
      expect(graph.warnings().skipped).toEqual([]);
      expect(graph.circular().map(describeCycle)).toEqual(['adapters/index.ts -> app/platforms.ts -> adapters/index.ts']);
    }, 60_000);
  });
});
