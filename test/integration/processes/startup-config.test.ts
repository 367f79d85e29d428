import { describe, expect, it } from 'vitest';
import { cleanEnv, finish, start } from './spawn.js';

describe('start-up with a bad environment', () => {
  it('exits 1 with exactly one line on stderr naming PORT, and no stack trace', async () => {
    const run = start(['src/main.ts'], cleanEnv({ PORT: 'abc' }));
    run.child.stdin!.end();
    const code = await finish(run, 20_000);
    expect(code).toBe(1);
    const lines = run.stderr().split('\n').filter((l) => l.trim() !== '');
    expect(lines).toEqual([expect.stringMatching(/^Configuration error: PORT must be a number$/)]);
    expect(run.stderr()).not.toMatch(/\bat .+:\d+:\d+/);
    expect(run.stdout()).toBe('');
  });

  it('gives the web process the same one line for a bad REDIS_URL', async () => {
    const run = start(['src/processes/web.ts'], cleanEnv({ REDIS_URL: 'nope' }));
    const code = await finish(run, 20_000);
    expect(code).toBe(1);
    expect(run.stderr().trim().split('\n')).toEqual([expect.stringMatching(/^Configuration error: REDIS_URL /)]);
  });
});

describe('start-up when Postgres cannot be reached', () => {
  it('exits 1 with one line saying why, and no stack trace', async () => {
    const run = start(['src/main.ts'], cleanEnv({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/trellis_unreachable' }));
    run.child.stdin!.end('as ana\n/mentor help\n');
    expect(await finish(run, 20_000)).toBe(1);
    expect(run.stderr().trim().split('\n')).toEqual([expect.stringMatching(/^Trellis could not start: .*ECONNREFUSED/)]);
  });
});
