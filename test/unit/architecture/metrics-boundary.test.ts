import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The nudge engine reports to the operators through its JobMetrics port (src/jobs/metrics.ts);
// only the wiring and src/metrics know Prometheus, and only src/http/admin knows Bull Board.
const SRC = join(import.meta.dirname, '../../../src');
const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
const importing = (dir: string, re: RegExp) => files(join(SRC, dir)).filter((f) => re.test(readFileSync(f, 'utf8'))).map((f) => relative(SRC, f));

describe('metrics boundary', () => {
  it('src/jobs, src/core and src/platform import no metrics or dashboard library', () => {
    const library = /from ['"](prom-client|@bull-board\/[^'"]+)['"]/;
    expect([...importing('jobs', library), ...importing('core', library), ...importing('platform', library)]).toEqual([]);
  });

  it('the engine does report through the port (the check has something to find)', () => {
    expect(importing('jobs', /from '\.\/metrics\.js'/)).toEqual(expect.arrayContaining(['jobs/deliver-job.ts', 'jobs/engine.ts', 'jobs/dispatcher.ts']));
  });
});
