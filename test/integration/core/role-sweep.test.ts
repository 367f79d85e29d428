// Every coordinator command, refused to everyone who is not the program's coordinator.
//
// The list comes from the declarations (`requires: 'coordinator'`), and each command's arguments
// are built from its ArgSpecs, so a new coordinator command is swept without touching this file.
// Each is run (a) by a plain participant of the program, (b) by the coordinator of another program
// in the same workspace naming this one with `--program`, and (c) by a coordinator from another
// workspace naming it too. Each must be refused privately, send nothing to anyone, and change
// nothing in the database: every table's rows are hashed before and after. The line is checked to
// read cleanly against the declaration, and the real coordinator then runs it and must not be
// refused, so the sweep cannot pass by refusing everybody.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argsOf } from '../../../src/core/commands/arguments/declared.js';
import type { ArgSpec } from '../../../src/core/commands/arguments/kinds.js';
import { readText } from '../../../src/core/commands/arguments/read.js';
import { tokenize } from '../../../src/core/commands/tokenize.js';
import type { CommandSpec } from '../../../src/core/commands/types.js';
import type { Outcome } from '../../../src/core/messages/model.js';
import { renderPlain } from '../../../src/core/messages/plain-text.js';
import { coreModules } from '../../../src/core/modules.js';
import type { ActorInput } from '../../../src/core/trellis.js';
import { CoreHarness } from '../../support/core-harness.js';
import { uniqueName } from '../../support/db.js';
import { throwawayDatabase, type ThrowawayDatabase } from '../migrations/throwaway-db.js';

const SLUG = 'peers';
const COORDINATOR_COMMANDS = coreModules().commands.filter((c) => c.requires === 'coordinator');

/** How the router refuses someone who does not coordinate the program (resolveCoordinatedProgram). */
const ROLE_REFUSAL = /^(Only a program coordinator can do that\.|You don't coordinate a program called `peers`\.)/;
/** Answers that mean the coordinator was refused, or the command broke. */
const NOT_RUN = [ROLE_REFUSAL, /^Something went wrong/];

/** People of the program, by the name an argument gives them. */
const PEOPLE: Record<string, string[]> = { mentor: ['@mo'], people: ['@bea', '@mo'] };
const WORDS = ['circle', '60', '1', 'yes', 'off', 'mon', '12:00-13:00'];

/** A plausible value for one declared argument, as typed text. */
function sample(arg: ArgSpec): string {
  switch (arg.kind) {
    case 'person':
      return (PEOPLE[arg.name] ?? ['@bea']).slice(0, arg.variadic ? undefined : 1).join(' ');
    case 'program':
      return SLUG;
    case 'template':
      return 'peer-recovery';
    case 'choice':
      return arg.choices![0]!;
    case 'duration':
      return '45m';
    case 'date':
      return '2026-03-20';
    case 'time':
      return '12:00';
    case 'time-zone':
      return 'Europe/London';
    case 'integer':
      return String(Math.min(Math.max(arg.min ?? 1, 1), arg.max ?? Infinity));
    case 'word':
      return 'circle';
    case 'text':
      return arg.variadic ? 'Peer circle' : 'circle';
    case 'custom': {
      const word = [...(arg.custom!.suggest?.('') ?? []), ...WORDS].find((w) => arg.custom!.check(w).ok);
      if (!word) throw new Error(`role sweep: no sample for custom argument "${arg.name}"; add one to WORDS`);
      return word;
    }
  }
}

/** Every required argument (flags and optional ones left out), as typed after the command's path. */
const argumentsFor = (spec: CommandSpec): string[] => argsOf(spec).filter((a) => a.required !== false && !a.flag).map(sample);
/** The whole line, e.g. `admin match @mo @bea`. */
const lineFor = (spec: CommandSpec): string => [...spec.path, ...argumentsFor(spec)].join(' ');

let db: ThrowawayDatabase;
let h: CoreHarness;
const elsewhere = uniqueName('ws-elsewhere');

const actorIn = (workspace: string, handle: string): ActorInput => ({
  platform: 'console', workspaceExternalId: workspace, workspaceName: 'Test', externalUserId: handle, handle,
  displayName: handle[0]!.toUpperCase() + handle.slice(1), timeZone: 'UTC', channelId: 'C-general',
});

/** Runs a line as someone and hands back the whole outcome: the reply and everything sent to others. */
async function run(actor: ActorInput, text: string): Promise<{ outcome: Outcome; text: string }> {
  const outcome = await h.services.trellis.handle(actor, { kind: 'command', text });
  return { outcome, text: outcome.reply.message ? renderPlain(outcome.reply.message.blocks) : '' };
}

/** Row count and a hash of the rows of every table: any insert, update or delete shows. */
async function databaseState(): Promise<Record<string, string>> {
  const tables = await h.services.prisma.$queryRawUnsafe<{ name: string }[]>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
  );
  const state: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await h.services.prisma.$queryRawUnsafe<{ n: number; hash: string }[]>(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS hash FROM "${name.replace(/"/g, '""')}" t`,
    );
    state[name] = `${row!.n} rows, ${row!.hash}`;
  }
  return state;
}

beforeAll(async () => {
  // A database of its own: other test files write to the shared one while this file hashes every table.
  db = throwawayDatabase('role_sweep');
  h = await CoreHarness.start('2026-03-02T14:00:00Z', { DATABASE_URL: db.url });
  // The program under test, coordinated by Cora: a matched pair with a signed release, and a cohort.
  await h.createProgram('cora', SLUG, 'peer-recovery');
  await h.joinAsMentor('mo', SLUG);
  await h.joinAsMentee('bea', SLUG);
  await h.command('cora', `admin match @mo @bea --program ${SLUG}`);
  await h.command('bea', 'consent sign Bea 5550100199');
  await h.command('cora', `admin cohort create circle --program ${SLUG}`);
  // Another program in the same workspace, coordinated by Cody.
  await h.createProgram('cody', 'cert', 'certification-40-week');
  // A coordinator in another workspace, with a program of her own.
  const made = await run(actorIn(elsewhere, 'olga'), 'admin program create elsewhere peer-recovery');
  expect(made.text).toMatch(/^Created/);
}, 60_000);

afterAll(async () => {
  await h?.close();
  await db?.drop();
});

describe('coordinator commands, swept from their declarations', () => {
  it('finds the coordinator commands in the declarations', () => {
    const paths = COORDINATOR_COMMANDS.map((c) => c.path.join(' '));
    expect(paths).toEqual(expect.arrayContaining(['admin match', 'admin suggest', 'admin end', 'admin overview', 'admin export csv', 'admin evaluations']));
  });

  it.each(COORDINATOR_COMMANDS.map((c) => [lineFor(c), c] as const))('refuses `%s` to everyone but the coordinator, changing nothing', async (line, spec) => {
    // The line reads cleanly against the declaration, so a refusal below is about the role, not the words.
    expect(() => readText(argsOf(spec), tokenize(argumentsFor(spec).join(' ')))).not.toThrow();
    const attempts: [string, ActorInput, string][] = [
      ['a participant of the program', actorIn(h.workspace, 'bea'), line],
      ['a participant of the program naming it', actorIn(h.workspace, 'mo'), `${line} --program ${SLUG}`],
      ['the coordinator of another program here', actorIn(h.workspace, 'cody'), `${line} --program ${SLUG}`],
      ['a coordinator from another workspace', actorIn(elsewhere, 'olga'), `${line} --program ${SLUG}`],
    ];
    const before = await databaseState();
    for (const [who, actor, text] of attempts) {
      const { outcome, text: reply } = await run(actor, text);
      expect(outcome.reply.visibility, `${who}: ${text}`).toBe('private');
      expect(reply, `${who}: ${text}`).toMatch(ROLE_REFUSAL);
      expect(outcome.outbound, `${who}: ${text}`).toEqual([]);
      expect(await databaseState(), `${who}: ${text} changed the database`).toEqual(before);
    }

    const { outcome, text: reply } = await run(actorIn(h.workspace, 'cora'), line);
    expect(outcome.reply.visibility, `the coordinator: ${line}`).toBe('private');
    for (const refusal of NOT_RUN) expect(reply, `the coordinator: ${line}`).not.toMatch(refusal);
  });
});
