import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandPayloads, commandSize, type CommandOptionPayload } from '../../../src/adapters/discord/command-payload.js';
import { commandTable, MENTOR, MENTOR_ADMIN } from '../../../src/adapters/discord/command-table.js';
import { commandText } from '../../../src/adapters/discord/command-text.js';
import { defaultOptionHints } from '../../../src/adapters/discord/option-hints.js';
import { payloadsFor } from '../../../src/adapters/discord/register.js';
import { CALL_KINDS, kindLabel } from '../../../src/core/calls/parse.js';
import { coreModules } from '../../../src/core/modules.js';
import type { CommandSpec } from '../../../src/core/commands/types.js';

const limits = JSON.parse(readFileSync(new URL('../../fixtures/discord/limits.json', import.meta.url), 'utf8')).verified.application_command;
const NAME = new RegExp(limits.name_regex.value, 'u');
const core = coreModules().commands;
const spec = (path: string[], usage: string, group?: 'coordinator'): Pick<CommandSpec, 'path' | 'usage' | 'summary' | 'group'> => ({ path, usage, summary: `does ${path.join(' ')}`, group });

function walk(options: CommandOptionPayload[], visit: (o: CommandOptionPayload) => void): void {
  for (const o of options) {
    visit(o);
    walk(o.options ?? [], visit);
  }
}

describe('Discord commands derived from the core router', () => {
  const payloads = payloadsFor(core);

  it('registers /mentor for everyone and /mentor-admin gated by Manage Server', () => {
    expect(payloads.map((p) => p.name)).toEqual([MENTOR, MENTOR_ADMIN]);
    expect(payloads[0]!.default_member_permissions).toBeUndefined();
    expect(payloads[1]!.default_member_permissions).toBe('32');
  });

  it('gives every core command a subcommand, coordinator commands only under /mentor-admin', () => {
    const table = commandTable(core);
    for (const c of core) {
      const entry = table.find((e) => e.path === c.path);
      expect(entry, c.usage).toBeDefined();
      expect(entry!.top).toBe(c.group === 'coordinator' ? MENTOR_ADMIN : MENTOR);
    }
    expect(table.find((e) => e.name === 'help')?.top).toBe(MENTOR);
  });

  it('stays within Discord’s documented limits for names, descriptions, options, choices and size', () => {
    for (const p of payloads) {
      expect(p.name).toMatch(NAME);
      expect(p.options.length).toBeLessThanOrEqual(limits.options_max.value);
      expect(commandSize(p)).toBeLessThanOrEqual(limits.combined_chars_per_command.value);
      walk(p.options, (o) => {
        expect(o.name).toMatch(NAME);
        expect(o.name).toBe(o.name.toLowerCase());
        expect(o.description.length).toBeGreaterThan(0);
        expect(o.description.length).toBeLessThanOrEqual(limits.description_max_chars.value);
        expect((o.options ?? []).length).toBeLessThanOrEqual(limits.options_max.value);
        expect((o.choices ?? []).length).toBeLessThanOrEqual(limits.choices_max.value);
      });
      for (const sub of p.options) {
        const required = (sub.options ?? []).map((o) => o.required === true);
        const firstOptional = required.indexOf(false);
        expect(firstOptional === -1 || !required.slice(firstOptional).includes(true), `${sub.name}: required options come first`).toBe(true);
      }
    }
  });

  it('offers the core’s call kinds as choices for log-call, members for @mentions, and autocomplete for programs', () => {
    const sub = (top: number, name: string) => payloads[top]!.options.find((o) => o.name === name)!;
    expect(sub(0, 'log-call').options!.find((o) => o.name === 'kind')!.choices!.map((c) => c.value)).toEqual(CALL_KINDS.map(kindLabel));
    expect(sub(1, 'match').options!.filter((o) => o.type === 6).map((o) => o.name)).toEqual(['mentor', 'mentee']);
    expect(sub(0, 'join').options!.find((o) => o.name === 'program')!.autocomplete).toBe(true);
    for (const s of payloads.flatMap((p) => p.options)) expect(s.options!.at(-1)!.name).toBe('args');
  });

  it('turns every subcommand back into text the core router recognizes as the same command', () => {
    const table = commandTable(core, defaultOptionHints());
    for (const e of table) {
      const leaf = { type: 1, name: e.name, options: [{ type: 3, name: 'args', value: 'x' }] };
      const text = commandText(table, e.top, e.group ? [{ type: 2, name: e.group, options: [leaf] }] : [leaf]);
      expect(text).toBe([...e.path, 'x'].join(' '));
    }
  });

  it('puts typed options in usage order, members as mentions, spaced values quoted, flags before their value', () => {
    const table = commandTable(core, defaultOptionHints());
    const logCall = commandText(table, MENTOR, [{ type: 1, name: 'log-call', options: [
      { type: 3, name: 'check-in', value: 'impasse' }, { type: 3, name: 'notes', value: 'went well' }, { type: 3, name: 'kind', value: 'supervision' }, { type: 3, name: 'duration', value: '45m' },
    ] }]);
    expect(logCall).toBe('log-call 45m supervision "went well" --check-in impasse');
    const match = commandText(table, MENTOR_ADMIN, [{ type: 1, name: 'match', options: [{ type: 6, name: 'mentee', value: '222' }, { type: 6, name: 'mentor', value: '111' }] }]);
    expect(match).toBe('admin match <@111> <@222>');
    const rsvp = commandText(table, MENTOR, [{ type: 1, name: 'cohort-rsvp', options: [{ type: 3, name: 'choice', value: 'maybe' }, { type: 3, name: 'meeting', value: 'ab12cd' }] }]);
    expect(rsvp).toBe('cohort rsvp ab12cd maybe');
  });

  it('passes a subcommand that is not registered through by name, for the core to answer', () => {
    expect(commandText(commandTable(core), MENTOR, [{ type: 1, name: 'frobnicate', options: [{ type: 3, name: 'args', value: 'now' }] }])).toBe('frobnicate now');
    expect(commandText(commandTable(core), MENTOR_ADMIN, [{ type: 1, name: 'nothing', options: [] }])).toBe('admin nothing');
  });

  it('needs no adapter change for a new core command: it appears with typed options from its usage', () => {
    const table = commandTable([...core, spec(['cohort', 'schedule'], '/mentor cohort schedule <name> <date> [@member]')]);
    const entry = table.find((e) => e.path.join(' ') === 'cohort schedule')!;
    expect(entry).toMatchObject({ top: MENTOR, name: 'cohort-schedule' });
    expect(entry.options.map((o) => [o.name, o.kind, o.required])).toEqual([['name', 'string', true], ['date', 'string', true], ['member', 'user', false]]);
  });

  it('keeps only free-text args for a usage it cannot read as placeholders', () => {
    const table = commandTable(core);
    expect(table.find((e) => e.name === 'settings')!.options).toEqual([]);
    expect(table.find((e) => e.name === 'consent')!.options).toEqual([]);
  });

  it('groups commands by first word when more than 25 would not fit as flat subcommands', () => {
    const many = Array.from({ length: 30 }, (_, i) => spec(['cohort', `c${i}`], `/mentor cohort c${i}`));
    const table = commandTable([...core, ...many]);
    const payload = commandPayloads(table)[0]!;
    expect(payload.options.length).toBeLessThanOrEqual(25);
    expect(payload.options.find((o) => o.name === 'cohort')?.type).toBe(2);
    const leaf = { type: 1, name: 'c7', options: [] };
    expect(commandText(table, MENTOR, [{ type: 2, name: 'cohort', options: [leaf] }])).toBe('cohort c7');
  });

  it('refuses, with a clear error, a command list Discord cannot hold', () => {
    const many = Array.from({ length: 30 }, (_, i) => spec([`w${i}`, 'a'], `/mentor w${i} a`)).flatMap((s) => [s, { ...s, path: [s.path[0]!, 'b'] }]);
    expect(() => commandTable(many)).toThrow(/Discord allows 25/);
  });
});
