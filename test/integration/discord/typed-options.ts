import { optionPayload } from '../../../src/adapters/discord/command-payload.js';
import { entryFor, type CommandEntry } from '../../../src/adapters/discord/command-table.js';
import { argsOf } from '../../../src/core/commands/arguments/declared.js';
import { looksLike, type ArgSpec } from '../../../src/core/commands/arguments/kinds.js';
import { tokenize } from '../../../src/core/commands/tokenize.js';
import type { CommandSpec } from '../../../src/core/commands/types.js';

export interface SlashOption {
  type: number;
  name: string;
  value: string | number;
}

/** The interaction's `data.options`: the subcommand (inside its group, if any) with its options. */
export function subcommandOptions(entry: Pick<CommandEntry, 'group' | 'name'>, options: SlashOption[]): unknown[] {
  const leaf = { type: 1, name: entry.name, options };
  return entry.group ? [{ type: 2, name: entry.group, options: [leaf] }] : [leaf];
}

/** One value as a Discord client sends it for the option's type: a member's id, a number, or text. */
function optionFor(arg: ArgSpec, value: string): SlashOption {
  const type = optionPayload(arg, false).type;
  if (type === 6) return { type, name: arg.name, value: /^<@!?(\d+)>$/.exec(value)?.[1] ?? value };
  if (type === 4 && /^-?\d+$/.test(value)) return { type, name: arg.name, value: Number(value) };
  return { type, name: arg.name, value };
}

/**
 * What a person who knows the text form would fill into the Discord options: the words after the
 * command, read against the declaration (flags by name, optional positionals only when the word
 * looks like one, the variadic one takes the rest). Lenient on purpose — the core checks values.
 */
export function typedFromText(spec: Pick<CommandSpec, 'args' | 'requires'>, words: string[]): SlashOption[] {
  const args = argsOf(spec);
  const rest: string[] = [];
  const out: SlashOption[] = [];
  for (let i = 0; i < words.length; i++) {
    const m = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/i.exec(words[i]!);
    const flag = m ? args.find((a) => a.flag && a.name === m[1]!.toLowerCase()) : undefined;
    if (!flag) rest.push(words[i]!);
    else out.push(optionFor(flag, m![2] ?? words[++i] ?? ''));
  }
  let i = 0;
  for (const arg of args.filter((a) => !a.flag)) {
    if (i >= rest.length) break;
    if (arg.variadic) {
      out.push(optionFor(arg, rest.slice(i).join(' ')));
      i = rest.length;
      break;
    }
    if (arg.required === false && !looksLike(arg, rest[i]!)) continue;
    out.push(optionFor(arg, rest[i++]!));
  }
  if (i < rest.length) throw new Error(`no Discord option takes "${rest.slice(i).join(' ')}"`);
  return out;
}

/** `/mentor <text>` as the slash command a Discord user would pick: top-level name and `data.options`. */
export function slashFromText(table: readonly CommandEntry[], commands: readonly CommandSpec[], text: string): { top: string; options: unknown[] } {
  const words = tokenize(text.trim());
  const spec = [...commands].sort((a, b) => b.path.length - a.path.length).find((c) => c.path.every((p, i) => words[i]?.toLowerCase() === p));
  const entry = spec && entryFor(table, spec.path);
  if (!spec || !entry) {
    // Not a command: the subcommand a person might try, for the core to answer as unknown.
    const admin = words[0] === 'admin';
    return { top: admin ? 'mentor-admin' : 'mentor', options: [{ type: 1, name: words[admin ? 1 : 0] ?? 'help', options: [] }] };
  }
  return { top: entry.top, options: subcommandOptions(entry, typedFromText(spec, words.slice(spec.path.length))) };
}
