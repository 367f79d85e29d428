import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandPayloads, commandSize, OptionType, type CommandOptionPayload } from '../../../src/adapters/discord/command-payload.js';
import { commandTable, entryFor, MENTOR, MENTOR_ADMIN } from '../../../src/adapters/discord/command-table.js';
import { discordUsageRewriter } from '../../../src/adapters/discord/discord-usage.js';
import { discordNaming } from '../../../src/adapters/discord/naming.js';
import { payloadsFor } from '../../../src/adapters/discord/register.js';
import { completionRequest, typedCommand } from '../../../src/adapters/discord/to-invocation.js';
import { CALL_KINDS, kindLabel } from '../../../src/core/calls/parse.js';
import { createRouter } from '../../../src/core/commands/router.js';
import type { ArgSpec, CommandSpec } from '../../../src/core/commands/types.js';
import { message, privateReply } from '../../../src/core/messages/model.js';
import { coreModules } from '../../../src/core/modules.js';

const limits = JSON.parse(readFileSync(new URL('../../fixtures/discord/limits.json', import.meta.url), 'utf8')).verified.application_command;
const NAME = new RegExp(limits.name_regex.value, 'u');
const core = createRouter(coreModules().commands).commands;
const table = commandTable(core);
const payloads = payloadsFor(coreModules().commands);

const spec = (path: string[], args: ArgSpec[] = [], requires: CommandSpec['requires'] = 'anyone'): CommandSpec => ({ path, summary: `does ${path.join(' ')}`, args, requires, run: async () => privateReply(message('ok')) });

/** The subcommand payload of a path, wherever the layout put it. */
function leafOf(path: string[]): CommandOptionPayload {
  const e = entryFor(table, path)!;
  const top = payloads.find((p) => p.name === e.top)!;
  const parent = e.group ? top.options.find((o) => o.name === e.group)!.options! : top.options;
  return parent.find((o) => o.name === e.name)!;
}
const option = (path: string[], name: string) => leafOf(path).options!.find((o) => o.name === name)!;

function walk(options: CommandOptionPayload[], visit: (o: CommandOptionPayload) => void): void {
  for (const o of options) {
    visit(o);
    walk(o.options ?? [], visit);
  }
}

describe('Discord commands derived from the core declarations', () => {
  it('registers /mentor for everyone and /mentor-admin gated by Manage Server', () => {
    expect(payloads.map((p) => p.name)).toEqual([MENTOR, MENTOR_ADMIN]);
    expect(payloads[0]!.default_member_permissions).toBeUndefined();
    expect(payloads[1]!.default_member_permissions).toBe('32');
  });

  it('gives every core command (help included) a subcommand; coordinator commands only under /mentor-admin', () => {
    for (const c of core) {
      const entry = entryFor(table, c.path);
      expect(entry, c.path.join(' ')).toBeDefined();
      expect(entry!.top).toBe(c.requires === 'coordinator' || c.path[0] === 'admin' ? MENTOR_ADMIN : MENTOR);
    }
    expect(entryFor(table, ['help'])?.top).toBe(MENTOR);
    expect(table).toHaveLength(core.length);
  });

  it('groups by path, always: two words are group + subcommand, a word that is also a group becomes its `view`', () => {
    const at = (path: string[]) => { const e = entryFor(table, path)!; return [e.top, e.group, e.name]; };
    expect(at(['status'])).toEqual([MENTOR, undefined, 'status']);
    expect(at(['journal'])).toEqual([MENTOR, 'journal', 'view']);
    expect(at(['journal', 'share'])).toEqual([MENTOR, 'journal', 'share']);
    expect(at(['admin', 'match'])).toEqual([MENTOR_ADMIN, undefined, 'match']);
    expect(at(['admin', 'cohort', 'create'])).toEqual([MENTOR_ADMIN, 'cohort', 'create']);
    expect(at(['admin', 'program', 'create'])).toEqual([MENTOR_ADMIN, 'program', 'create']);
  });

  it('stays within Discord’s documented limits for names, descriptions, options and choices', () => {
    for (const p of payloads) {
      expect(p.name).toMatch(NAME);
      walk(p.options, (o) => {
        expect(o.name).toMatch(NAME);
        expect(o.name).toBe(o.name.toLowerCase());
        expect(o.description.length).toBeGreaterThan(0);
        expect(o.description.length).toBeLessThanOrEqual(limits.description_max_chars.value);
        expect((o.options ?? []).length).toBeLessThanOrEqual(limits.options_max.value);
        expect((o.choices ?? []).length).toBeLessThanOrEqual(limits.choices_max.value);
      });
    }
  });

  it('maps each argument by its kind: choices, members, typed mentions, autocomplete, lengths', () => {
    expect(option(['log-call'], 'kind').choices!.map((c) => c.value)).toEqual(CALL_KINDS.map(kindLabel));
    expect(leafOf(['admin', 'match']).options!.filter((o) => o.type === OptionType.User).map((o) => o.name)).toEqual(['mentor', 'mentee']);
    expect(option(['admin', 'cohort', 'add'], 'people')).toMatchObject({ type: OptionType.String, required: true });
    expect(option(['join'], 'program')).toMatchObject({ type: OptionType.String, autocomplete: true });
    expect(option(['admin', 'program', 'create'], 'template')).toMatchObject({ type: OptionType.String, autocomplete: true });
    expect(option(['settings', 'timezone'], 'zone')).toMatchObject({ autocomplete: true });
    expect(option(['log-call'], 'notes').max_length).toBeGreaterThan(0);
    // Every role-checked command takes the implicit program, last and optional, with autocomplete.
    expect(leafOf(['admin', 'match']).options!.at(-1)).toMatchObject({ name: 'program', required: false, autocomplete: true });
    // No free-text catch-all any more.
    walk(payloads.flatMap((p) => p.options), (o) => expect(o.name).not.toBe('args'));
  });

  it('lists required options first, and leaves a command that opens a form with no options all optional', () => {
    for (const leaf of payloads.flatMap((p) => p.options.flatMap((o) => (o.type === OptionType.SubcommandGroup ? o.options! : [o])))) {
      const required = (leaf.options ?? []).map((o) => o.required === true);
      expect(required.indexOf(false) === -1 || !required.slice(required.indexOf(false)).includes(true), leaf.name).toBe(true);
    }
    expect(leafOf(['log-call']).options!.every((o) => o.required === false)).toBe(true);
  });

  it('turns an integer argument into an INTEGER option with its bounds', () => {
    const [cmd] = commandPayloads(commandTable([spec(['long'], [{ name: 'count', kind: 'integer', description: 'how many', min: 1, max: 50 }])]));
    expect(cmd!.options[0]!.options).toEqual([{ type: OptionType.Integer, name: 'count', description: 'how many', required: true, min_value: 1, max_value: 50 }]);
  });

  it('near the 8000-character budget, shortens the repeated --program option first and keeps every summary whole', () => {
    // 22 role-checked commands of about 370 characters each: over 8000 with --program in full, within it without its words.
    const args: ArgSpec[] = [
      { name: 'what', kind: 'text', description: 'w'.repeat(100) },
      { name: 'more', kind: 'text', description: 'm'.repeat(100), required: false },
      { name: 'x', kind: 'text', description: 'x'.repeat(14), required: false },
    ];
    const specs = Array.from({ length: 22 }, (_, i) => ({ ...spec([`c${i}`], args, 'participant'), summary: 's'.repeat(100) }));
    const [cmd] = commandPayloads(commandTable(specs));
    expect(commandSize(cmd)).toBeLessThanOrEqual(8000);
    for (const sub of cmd!.options) {
      expect(sub.description).toHaveLength(100);
      expect(sub.options!.find((o) => o.name === 'what')!.description).toHaveLength(100);
      expect(sub.options!.find((o) => o.name === 'program')!.description).toBe('which program');
    }
    // With room to spare, --program keeps its words.
    const [roomy] = commandPayloads(commandTable(specs.slice(0, 3)));
    expect(roomy!.options[0]!.options!.find((o) => o.name === 'program')!.description).toBe('which program, when you are in several');
  });

  it('offers autocomplete instead of choices for a choice list longer than 25', () => {
    const many = Array.from({ length: 30 }, (_, i) => `c${i}`);
    const [cmd] = commandPayloads(commandTable([spec(['pick'], [{ name: 'one', kind: 'choice', description: 'one of many', choices: many }])]));
    expect(cmd!.options[0]!.options![0]).toEqual({ type: OptionType.String, name: 'one', description: 'one of many', required: true, autocomplete: true });
  });
});

describe('decoding a slash command', () => {
  it('names the core command by its path and hands over every option by its declared name — for every entry', () => {
    for (const e of table) {
      const leaf = { type: 1, name: e.name, options: [{ type: 3, name: 'x', value: 'y' }] };
      const decoded = typedCommand(table, e.top, e.group ? [{ type: 2, name: e.group, options: [leaf] }] : [leaf]);
      expect(decoded).toEqual({ kind: 'typed-command', path: e.path, options: { x: 'y' } });
    }
  });

  it('keeps the types Discord sends: member ids, numbers, text', () => {
    const decoded = typedCommand(table, MENTOR_ADMIN, [{ type: 1, name: 'match', options: [{ type: 6, name: 'mentee', value: '222' }, { type: 6, name: 'mentor', value: '111' }] }]);
    expect(decoded).toEqual({ kind: 'typed-command', path: ['admin', 'match'], options: { mentor: '111', mentee: '222' } });
    const rsvp = typedCommand(table, MENTOR, [{ type: 2, name: 'cohort', options: [{ type: 1, name: 'rsvp', options: [{ type: 3, name: 'answer', value: 'maybe' }, { type: 3, name: 'meeting', value: 'ab12cd' }] }] }]);
    expect(rsvp).toEqual({ kind: 'typed-command', path: ['cohort', 'rsvp'], options: { answer: 'maybe', meeting: 'ab12cd' } });
  });

  it('passes a subcommand that is not registered through by its words, for the core to answer', () => {
    expect(typedCommand(table, MENTOR, [{ type: 1, name: 'frobnicate', options: [] }]).path).toEqual(['frobnicate']);
    expect(typedCommand(table, MENTOR_ADMIN, [{ type: 2, name: 'cohort', options: [{ type: 1, name: 'nothing', options: [] }] }]).path).toEqual(['admin', 'cohort', 'nothing']);
  });

  it('asks the core to complete the focused option of the picked command, by name', () => {
    const data = { name: MENTOR_ADMIN, options: [{ type: 2, name: 'program', options: [{ type: 1, name: 'create', options: [{ type: 3, name: 'name', value: 'x' }, { type: 3, name: 'template', value: 'ce', focused: true }] }] }] };
    expect(completionRequest(table, data)).toEqual({ path: ['admin', 'program', 'create'], argument: 'template', typed: 'ce' });
    expect(completionRequest(table, { name: MENTOR, options: [{ type: 1, name: 'nope', options: [{ type: 3, name: 'a', value: '', focused: true }] }] })).toBeUndefined();
  });
});

describe('a new core command needs no adapter change', () => {
  it('appears in its group with options from its declaration, and decodes back to its path', () => {
    const schedule = spec(['cohort', 'plan'], [
      { name: 'name', kind: 'word', description: 'the cohort' },
      { name: 'member', kind: 'person', description: 'someone to add', required: false },
      { name: 'date', kind: 'date', description: 'when' },
    ], 'participant');
    const t = commandTable([...core, schedule]);
    const e = entryFor(t, ['cohort', 'plan'])!;
    expect(e).toMatchObject({ top: MENTOR, group: 'cohort', name: 'plan' });
    expect(e.args.map((a) => [a.name, a.kind, a.required !== false && !a.flag])).toEqual([['name', 'word', true], ['date', 'date', true], ['member', 'person', false], ['program', 'program', false]]);
    expect(typedCommand(t, MENTOR, [{ type: 2, name: 'cohort', options: [{ type: 1, name: 'plan', options: [] }] }]).path).toEqual(['cohort', 'plan']);
  });

  it('refuses, with a clear error, a command list Discord cannot hold or that clashes', () => {
    const many = Array.from({ length: 30 }, (_, i) => spec([`w${i}`]));
    expect(() => commandTable(many)).toThrow(/Discord allows 25/);
    const deep = Array.from({ length: 26 }, (_, i) => spec(['cohort', `c${i}`]));
    expect(() => commandTable(deep)).toThrow(/\/mentor cohort would need 26 subcommands/);
    expect(() => commandTable([spec(['journal']), spec(['journal', 'view'])])).toThrow(/clash/);
  });
});

describe('usage in Discord terms', () => {
  const naming = discordNaming(table);
  const byPath = (path: string[]) => core.find((c) => c.path.join(' ') === path.join(' '))!;

  it('writes commands and usage lines as a Discord user picks them', () => {
    expect(naming.usage(byPath(['admin', 'match']))).toBe('/mentor-admin match mentor:@… mentee:@…');
    expect(naming.command(['journal'])).toBe('/mentor journal view');
    expect(naming.command(['help'])).toBe('/mentor help');
    expect(naming.usage(byPath(['admin', 'cohort', 'add']))).toBe('/mentor-admin cohort add name:… people:@… @…');
    expect(naming.usage(byPath(['log-call']))).toMatch(/^\/mentor log-call duration:… kind:… \[trainee:@…\] \[date:day\] \[notes:…\] \[check-in:/);
    expect(naming.usage(byPath(['admin', 'match']))).not.toContain('program');
    // A path that is not a command still reads in Discord's words.
    expect(naming.command(['admin', 'nothing'])).toBe('/mentor-admin nothing');
  });

  it('rewrites commands named in prose to their Discord spelling, once, leaving the words after them', () => {
    const rewrite = discordUsageRewriter(table);
    const fix = (text: string) => rewrite(message(text)).text;
    expect(fix('Next: `/mentor admin cohort add circle @person…`.')).toBe('Next: `/mentor-admin cohort add circle @person…`.');
    expect(fix('`/mentor journal` lists them; `/mentor journal share 3` shares one.')).toBe('`/mentor journal view` lists them; `/mentor journal share 3` shares one.');
    expect(fix('Run `/mentor journal view` or `/mentor-admin match mentor:@…`.')).toBe('Run `/mentor journal view` or `/mentor-admin match mentor:@…`.');
    expect(fix('`/mentor status` as is, `/mentor statusbar` untouched.')).toBe('`/mentor status` as is, `/mentor statusbar` untouched.');
    expect(fix('Add `--program <name>` to say which one; `--check-in safety` asks for a debrief; --verbose stays.')).toBe('Add `program:<name>` to say which one; `check-in:safety` asks for a debrief; --verbose stays.');
  });
});
