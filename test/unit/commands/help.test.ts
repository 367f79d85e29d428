import { describe, expect, it } from 'vitest';
import { coreModules } from '../../../src/core/modules.js';
import { coreUnderTest, seen } from './core-under-test.js';

const { commands } = coreModules();
const everyone = commands.filter((c) => c.group !== 'coordinator');
const coordinators = commands.filter((c) => c.group === 'coordinator');

describe('/mentor help', () => {
  it('lists every registered command with its usage and summary, privately', async () => {
    const outcome = await coreUnderTest(coreModules()).command('ana', 'help');
    expect(outcome.reply.visibility).toBe('private');
    expect(outcome.outbound).toEqual([]);
    const text = seen(outcome);
    for (const c of commands) {
      expect(text).toContain(`\`${c.usage}\` — ${c.summary}`);
      expect(outcome.reply.message!.text).toContain(c.usage);
    }
    expect(text).toContain('/mentor help [command]');
  });

  it('gives the same list for an empty /mentor and for text that still starts with /mentor', async () => {
    const core = coreUnderTest(coreModules());
    const help = seen(await core.command('ana', 'help'));
    expect(seen(await core.command('ana', ''))).toBe(help);
    expect(seen(await core.command('ana', '/mentor help'))).toBe(help);
    expect(seen(await core.command('ana', 'HELP'))).toBe(help);
  });

  it('puts coordinator commands under their own heading, after everyone else’s', async () => {
    const text = seen(await coreUnderTest(coreModules()).command('ana', 'help'));
    const heading = text.indexOf('For coordinators');
    expect(coordinators.length).toBeGreaterThan(0);
    expect(heading).toBeGreaterThan(0);
    for (const c of coordinators) expect(text.indexOf(c.usage)).toBeGreaterThan(heading);
    for (const c of everyone) expect(text.indexOf(c.usage)).toBeLessThan(heading);
  });

  it('narrows to one command with help <word>', async () => {
    const text = seen(await coreUnderTest(coreModules()).command('ana', 'help log-call'));
    const logCall = commands.find((c) => c.path.join(' ') === 'log-call')!;
    expect(text).toContain(logCall.usage);
    for (const other of commands.filter((c) => c !== logCall)) expect(text).not.toContain(other.usage);
  });

  it('narrows to a family of commands with help admin', async () => {
    const text = seen(await coreUnderTest(coreModules()).command('ana', 'help admin'));
    const admin = commands.filter((c) => c.path[0] === 'admin');
    expect(admin.length).toBeGreaterThan(1);
    for (const c of admin) expect(text).toContain(c.usage);
    for (const c of commands.filter((c) => c.path[0] !== 'admin')) expect(text).not.toContain(c.usage);
  });

  it('answers help about an unknown word like an unknown command', async () => {
    const outcome = await coreUnderTest(coreModules()).command('ana', 'help frobnicate');
    expect(outcome.reply.visibility).toBe('private');
    expect(seen(outcome)).toMatch(/I don't know `\/mentor frobnicate`.*\/mentor help/);
  });

  it('registers every command under its own path, with a usage that starts with it', () => {
    const paths = commands.map((c) => c.path.join(' '));
    expect(new Set(paths).size).toBe(paths.length);
    for (const c of commands) {
      expect(c.usage.startsWith(`/mentor ${c.path.join(' ')}`), c.usage).toBe(true);
      expect(c.summary.length, c.usage).toBeGreaterThan(0);
    }
  });
});
