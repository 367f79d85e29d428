import {
  SlashCommandBuilder,
  SlashCommandSubcommandBuilder,
  SlashCommandSubcommandGroupBuilder,
  type SlashCommandIntegerOption,
  type SlashCommandStringOption,
  type SlashCommandUserOption,
} from '@discordjs/builders';
import { describe, expect, it } from 'vitest';
import { commandPayloads, commandSize, OptionType, type ApplicationCommand, type CommandOptionPayload } from '../../../src/adapters/discord/command-payload.js';
import { commandTable } from '../../../src/adapters/discord/command-table.js';
import { payloadsFor } from '../../../src/adapters/discord/register.js';
import type { CommandSpec } from '../../../src/core/commands/types.js';
import { coreModules } from '../../../src/core/modules.js';
import { privateReply, message } from '../../../src/core/messages/model.js';

/** At least this many more entries must fit at every level, so new commands never force a re-layout. */
const ROOM = 5;
const DISCORD_MAX = 25;
const MAX_SAFE = 2 ** 53 - 1;

// ---- Discord's rules, checked by discord.js's own builders --------------------------------------
// The payload is rebuilt option by option with SlashCommandBuilder and friends, whose setters and
// toJSON() validate names (lower-case, 1–32, Discord's regex), descriptions (1–100), at most 25
// options/subcommands/choices, choice lengths, max_length bounds and autocomplete-or-choices. What
// the builders (1.x) do not check — required options first, unique names, subcommands not mixed
// with plain options, integer bounds, the 8000-character budget — is checked next to them.

function addOption(sub: SlashCommandSubcommandBuilder, o: CommandOptionPayload): void {
  const base = <T extends SlashCommandStringOption | SlashCommandIntegerOption | SlashCommandUserOption>(b: T): T => {
    b.setName(o.name).setDescription(o.description);
    if (o.required !== undefined) b.setRequired(o.required);
    return b;
  };
  switch (o.type) {
    case OptionType.String:
      sub.addStringOption((b) => {
        base(b);
        if (o.choices) b.addChoices(...o.choices);
        if (o.autocomplete) b.setAutocomplete(true);
        if (o.max_length !== undefined) b.setMaxLength(o.max_length);
        return b;
      });
      return;
    case OptionType.Integer:
      sub.addIntegerOption((b) => {
        base(b);
        if (o.min_value !== undefined) b.setMinValue(o.min_value);
        if (o.max_value !== undefined) b.setMaxValue(o.max_value);
        if (o.autocomplete) b.setAutocomplete(true);
        return b;
      });
      return;
    case OptionType.User:
      sub.addUserOption((b) => base(b));
      return;
    default:
      throw new Error(`option "${o.name}" has type ${o.type}, which a subcommand cannot take here`);
  }
}

function subcommand(s: CommandOptionPayload): SlashCommandSubcommandBuilder {
  if (s.type !== OptionType.Subcommand) throw new Error(`"${s.name}" should be a subcommand`);
  const sub = new SlashCommandSubcommandBuilder().setName(s.name).setDescription(s.description);
  for (const o of s.options ?? []) addOption(sub, o);
  return sub;
}

function rebuild(cmd: ApplicationCommand): SlashCommandBuilder {
  const b = new SlashCommandBuilder().setName(cmd.name).setDescription(cmd.description).setContexts(...cmd.contexts);
  if (cmd.default_member_permissions !== undefined) b.setDefaultMemberPermissions(cmd.default_member_permissions);
  for (const o of cmd.options) {
    if (o.type === OptionType.SubcommandGroup) {
      const group = new SlashCommandSubcommandGroupBuilder().setName(o.name).setDescription(o.description);
      for (const s of o.options ?? []) group.addSubcommand(subcommand(s));
      b.addSubcommandGroup(group);
    } else if (o.type === OptionType.Subcommand) {
      b.addSubcommand(subcommand(o));
    } else {
      throw new Error(`/${cmd.name}: "${o.name}" is a plain option next to subcommands`);
    }
  }
  return b;
}

function checkBeyondBuilders(cmd: ApplicationCommand): void {
  const unique = (where: string, names: string[]) => {
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup) throw new Error(`${where}: "${dup}" is used twice`);
  };
  unique(`/${cmd.name}`, cmd.options.map((o) => o.name));
  const leaves = cmd.options.flatMap((o) => (o.type === OptionType.SubcommandGroup ? (o.options ?? []).map((s) => ({ where: `/${cmd.name} ${o.name} ${s.name}`, s })) : [{ where: `/${cmd.name} ${o.name}`, s: o }]));
  for (const o of cmd.options.filter((x) => x.type === OptionType.SubcommandGroup)) unique(`/${cmd.name} ${o.name}`, (o.options ?? []).map((s) => s.name));
  for (const { where, s } of leaves) {
    const options = s.options ?? [];
    unique(where, options.map((o) => o.name));
    const firstOptional = options.findIndex((o) => o.required !== true);
    const late = options.slice(firstOptional === -1 ? options.length : firstOptional).find((o) => o.required === true);
    if (late) throw new Error(`${where}: required option "${late.name}" comes after an optional one`);
    for (const o of options) {
      for (const bound of [o.min_value, o.max_value]) if (bound !== undefined && Math.abs(bound) > MAX_SAFE) throw new Error(`${where}: ${o.name} has a bound out of Discord's integer range`);
    }
  }
  if (commandSize(cmd) > 8000) throw new Error(`/${cmd.name} is ${commandSize(cmd)} characters; Discord allows 8000`);
}

/** Throws when Discord would refuse the commands; returns what the builders serialize. */
function validate(cmds: ApplicationCommand[]): unknown[] {
  if (cmds.length > 100) throw new Error('more than 100 global commands');
  return cmds.map((cmd) => {
    const json = rebuild(cmd).toJSON();
    checkBeyondBuilders(cmd);
    return JSON.parse(JSON.stringify(json));
  });
}

// ---- The real commands ---------------------------------------------------------------------------

const payloads = payloadsFor(coreModules().commands);

describe('the registered Discord commands (built from coreModules())', () => {
  it('pass discord.js’s builders, which serialize them exactly as we send them', () => {
    expect(validate(payloads)).toEqual(JSON.parse(JSON.stringify(payloads)));
  });

  it(`leave room for at least ${ROOM} more entries at every level, and stay within 8,000 characters per command`, () => {
    const limit = DISCORD_MAX - ROOM;
    for (const cmd of payloads) {
      expect(cmd.options.length, `/${cmd.name} top-level entries`).toBeLessThanOrEqual(limit);
      for (const o of cmd.options) {
        expect((o.options ?? []).length, `/${cmd.name} ${o.name}`).toBeLessThanOrEqual(limit);
        for (const s of o.type === OptionType.SubcommandGroup ? (o.options ?? []) : []) expect((s.options ?? []).length, `/${cmd.name} ${o.name} ${s.name}`).toBeLessThanOrEqual(limit);
      }
      expect(commandSize(cmd), `/${cmd.name} characters`).toBeLessThanOrEqual(8000);
    }
  });
});

// ---- The same validation refuses what Discord would refuse ----------------------------------------

const sub = (name: string, options: CommandOptionPayload[] = []): CommandOptionPayload => ({ type: OptionType.Subcommand, name, description: `does ${name}`, options });
const str = (name: string, required: boolean, extra: Partial<CommandOptionPayload> = {}): CommandOptionPayload => ({ type: OptionType.String, name, description: name, required, ...extra });
const top = (options: CommandOptionPayload[]): ApplicationCommand => ({ name: 'mentor', description: 'Trellis', type: 1, contexts: [0], options });

describe('a malformed command set fails the same validation', () => {
  it('accepts a well-formed one (the control)', () => {
    expect(() => validate([top([sub('ok', [str('needed', true), str('maybe', false)])])])).not.toThrow();
  });

  it.each([
    ['an upper-case option name', top([sub('ok', [str('Kind', true)])]), /Invalid string format/],
    ['an optional option before a required one', top([sub('ok', [str('maybe', false), str('needed', true)])]), /required option "needed" comes after an optional one/],
    ['26 subcommands', top(Array.from({ length: 26 }, (_, i) => sub(`s${i}`))), /Invalid Array length/],
    ['26 choices', top([sub('ok', [str('pick', true, { choices: Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `c${i}` })) })])]), /Invalid number value/],
    ['a 101-character description', top([sub('ok', [str('x', true, { description: 'd'.repeat(101) })])]), /Invalid string length/],
    ['choices and autocomplete together', top([sub('ok', [str('x', true, { autocomplete: true, choices: [{ name: 'a', value: 'a' }] })])]), /mutually exclusive/],
    ['two options with one name', top([sub('ok', [str('x', true), str('x', false)])]), /"x" is used twice/],
    ['a plain option beside subcommands', top([sub('ok'), str('loose', false)]), /plain option next to subcommands/],
    ['a command over 8,000 characters', top(Array.from({ length: 20 }, (_, i) => ({ ...sub(`s${i}`, Array.from({ length: 5 }, (_, j) => str(`o${j}`, false, { description: 'x'.repeat(100) }))), description: 'y'.repeat(100) }))), /Discord allows 8000/],
  ] as const)('refuses %s', (_what, cmd, why) => {
    expect(() => validate([cmd])).toThrow(why);
  });

  it('and our own table refuses a command list that would need 26 entries under /mentor, before anything is sent', () => {
    const many: CommandSpec[] = Array.from({ length: 26 }, (_, i) => ({ path: [`c${i}`], summary: 's', args: [], requires: 'anyone', run: async () => privateReply(message('x')) }));
    expect(() => commandPayloads(commandTable(many))).toThrow(/Discord allows 25/);
  });
});
