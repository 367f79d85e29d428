import { describe, expect, it } from 'vitest';
import { argsOf } from '../../../src/core/commands/arguments/declared.js';
import { textNaming } from '../../../src/core/commands/naming.js';
import type { CommandSpec } from '../../../src/core/commands/types.js';
import { message, privateReply } from '../../../src/core/messages/model.js';
import { coreModules } from '../../../src/core/modules.js';
import { coreUnderTest, seen } from './core-under-test.js';

const { commands } = coreModules();
const usage = (c: CommandSpec) => textNaming.usage(c);
const everyone = commands.filter((c) => c.requires !== 'coordinator');
const coordinators = commands.filter((c) => c.requires === 'coordinator');

describe('/mentor help', () => {
  it('lists every registered command with the usage generated from its declaration and its summary, privately', async () => {
    const outcome = await coreUnderTest(coreModules()).command('ana', 'help');
    expect(outcome.reply.visibility).toBe('private');
    expect(outcome.outbound).toEqual([]);
    const text = seen(outcome);
    for (const c of commands) {
      expect(text).toContain(`\`${usage(c)}\` — ${c.summary}`);
      expect(outcome.reply.message!.text).toContain(usage(c));
    }
    expect(text).toContain('`/mentor help [command…]`');
    expect(text).toContain('Add `--program <name>` to say which one');
  });

  it('builds each line from the declaration: kinds, optional and variadic arguments, choices and flags', async () => {
    const run = async () => privateReply(message('ok'));
    const declared: CommandSpec[] = [
      {
        path: ['log'], summary: 'log it', requires: 'participant', run,
        args: [
          { name: 'duration', kind: 'duration', description: 'how long' },
          { name: 'with', kind: 'person', description: 'who with' },
          { name: 'date', kind: 'date', description: 'when', required: false },
          { name: 'notes', kind: 'text', description: 'notes', required: false, variadic: true },
          { name: 'mood', kind: 'choice', description: 'how it went', choices: ['good', 'hard'], required: false, flag: true },
        ],
      },
      { path: ['admin', 'invite'], summary: 'invite people', requires: 'coordinator', run, args: [{ name: 'people', kind: 'person', description: 'who', variadic: true }] },
    ];
    const text = seen(await coreUnderTest({ commands: declared }).command('ana', 'help'));
    expect(text).toContain('`/mentor log <duration> @with [date] [notes…] [--mood good|hard]` — log it');
    expect(text).toContain('`/mentor admin invite @people…` — invite people');
    expect(text.indexOf('For coordinators')).toBeLessThan(text.indexOf('/mentor admin invite'));
  });

  it('gives the same list for an empty /mentor and for text that still starts with /mentor', async () => {
    const core = coreUnderTest(coreModules());
    const help = seen(await core.command('ana', 'help'));
    expect(seen(await core.command('ana', ''))).toBe(help);
    expect(seen(await core.command('ana', '/mentor help'))).toBe(help);
    expect(seen(await core.command('ana', 'HELP'))).toBe(help);
    expect(seen(await core.handle('ana', { kind: 'typed-command', path: ['help'], options: {} }))).toBe(help);
  });

  it('puts coordinator commands under their own heading, after everyone else’s', async () => {
    const text = seen(await coreUnderTest(coreModules()).command('ana', 'help'));
    const heading = text.indexOf('For coordinators');
    expect(coordinators.length).toBeGreaterThan(0);
    expect(heading).toBeGreaterThan(0);
    for (const c of coordinators) expect(text.indexOf(`\`${usage(c)}\``)).toBeGreaterThan(heading);
    for (const c of everyone) expect(text.indexOf(`\`${usage(c)}\``)).toBeLessThan(heading);
  });

  it('registers participants’ commands before coordinators’, so surfaces that list them in order agree with help', () => {
    const firstCoordinator = commands.findIndex((c) => c.requires === 'coordinator');
    const lastParticipant = commands.findLastIndex((c) => c.requires !== 'coordinator' && c.path[0] !== 'admin');
    expect(lastParticipant).toBeLessThan(firstCoordinator);
  });

  it('narrows to one command with help <word>', async () => {
    const text = seen(await coreUnderTest(coreModules()).command('ana', 'help log-call'));
    const logCall = commands.find((c) => c.path.join(' ') === 'log-call')!;
    expect(text).toContain(usage(logCall));
    for (const other of commands.filter((c) => c !== logCall)) expect(text).not.toContain(`\`${usage(other)}\``);
  });

  it('narrows to a family of commands with help admin, or help consent', async () => {
    const core = coreUnderTest(coreModules());
    const text = seen(await core.command('ana', 'help admin'));
    const admin = commands.filter((c) => c.path[0] === 'admin');
    expect(admin.length).toBeGreaterThan(1);
    for (const c of admin) expect(text).toContain(usage(c));
    for (const c of commands.filter((c) => c.path[0] !== 'admin')) expect(text).not.toContain(`\`${usage(c)}\``);
    const consent = seen(await core.command('ana', 'help consent'));
    for (const path of ['consent', 'consent sign', 'consent revoke']) expect(consent).toContain(`\`/mentor ${path}`);
    expect(consent).not.toContain('/mentor contact');
  });

  it('answers help about an unknown word like an unknown command', async () => {
    const outcome = await coreUnderTest(coreModules()).command('ana', 'help frobnicate');
    expect(outcome.reply.visibility).toBe('private');
    expect(seen(outcome)).toMatch(/I don't know `\/mentor frobnicate`.*\/mentor help/);
  });

  it('registers every command under its own path, declaring who may run it and describing every argument', () => {
    const paths = commands.map((c) => c.path.join(' '));
    expect(new Set(paths).size).toBe(paths.length);
    for (const c of commands) {
      expect(usage(c).startsWith(`/mentor ${c.path.join(' ')}`), usage(c)).toBe(true);
      expect(c.summary.length, usage(c)).toBeGreaterThan(0);
      expect(['anyone', 'participant', 'mentor', 'mentee', 'coordinator'], usage(c)).toContain(c.requires);
      for (const arg of argsOf(c)) expect(arg.description.trim().length, `${usage(c)} ${arg.name}`).toBeGreaterThan(0);
    }
  });
});
