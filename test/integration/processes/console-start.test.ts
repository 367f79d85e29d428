import { afterEach, describe, expect, it } from 'vitest';
import { coreModules } from '../../../src/core/modules.js';
import { throwawayDatabase, type ThrowawayDatabase } from '../migrations/throwaway-db.js';
import { cleanEnv, finish, start } from './spawn.js';
import { textNaming } from '../../../src/core/commands/naming.js';

const databases: ThrowawayDatabase[] = [];
afterEach(async () => {
  await Promise.all(databases.splice(0).map((db) => db.drop()));
});

describe('npm start without platform tokens', () => {
  it("runs the console: `printf 'as ana\\n/mentor help\\n' | npm start` prints the help and exits 0", async () => {
    const db = throwawayDatabase('console');
    databases.push(db);
    const run = start(['start'], cleanEnv({ DATABASE_URL: db.url }), 'npm');
    run.child.stdin!.end('as ana\n/mentor help\n');
    const code = await finish(run, 90_000);
    expect(code, run.stderr()).toBe(0);
    const out = run.stdout();
    expect(out).toMatch(/no Slack or Discord token is set/);
    expect(out).toContain('[to ana (private)] Trellis — your mentorship companion');
    for (const command of coreModules().commands) expect(out).toContain(textNaming.usage(command));
    expect(await db.exists()).toBe(true);
  }, 120_000);
});
