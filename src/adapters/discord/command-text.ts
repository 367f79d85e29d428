import { findEntry, MENTOR_ADMIN, type CommandEntry } from './command-table.js';
import type { CommandOption } from './interaction.js';

const SUB_COMMAND = 1;
const SUB_COMMAND_GROUP = 2;
const USER = 6;

/** One option value as a word of command text: members as `<@id>` mentions, spaced text quoted. */
function word(option: CommandOption): string {
  const value = String(option.value ?? '').trim();
  if (option.type === USER) return `<@${value}>`;
  if (!/\s/.test(value) || value === '') return value;
  if (!value.includes('"')) return `"${value}"`;
  return value.includes('”') ? value : `“${value}”`;
}

/**
 * A slash command interaction as the core's command text (what follows `/mentor`): the command
 * words, then the typed options in the order of the command's usage, then the free-text `args`.
 * A subcommand that is not (or no longer) in the table passes through by name, so the core
 * answers it as an unknown command.
 */
export function commandText(table: CommandEntry[], name: string, options: CommandOption[] = []): string {
  let group: string | undefined;
  let leaf = options.find((o) => o.type === SUB_COMMAND);
  const groupOption = options.find((o) => o.type === SUB_COMMAND_GROUP);
  if (groupOption) {
    group = groupOption.name;
    leaf = groupOption.options?.find((o) => o.type === SUB_COMMAND);
  }
  const values = leaf?.options ?? options.filter((o) => o.type !== SUB_COMMAND && o.type !== SUB_COMMAND_GROUP);
  const entry = leaf ? findEntry(table, name, group, leaf.name) : undefined;
  const head = entry ? entry.path : [...(name === MENTOR_ADMIN ? ['admin'] : name === 'mentor' ? [] : [name]), ...(group ? [group] : []), ...(leaf ? [leaf.name] : [])];
  const ordered = entry ? entry.options.map((spec) => values.find((v) => v.name === spec.name)) : [];
  const extra = values.filter((v) => v.name !== 'args' && !ordered.includes(v));
  const args = values.find((v) => v.name === 'args');
  const typed = entry ? entry.options.flatMap((spec, n) => {
    const v = ordered[n];
    return v ? [...(spec.flag ? [spec.flag] : []), word(v)] : [];
  }) : [];
  const words = [...head, ...typed, ...extra.map(word), ...(args ? [String(args.value ?? '').trim()] : [])];
  return words.filter((w) => w !== '').join(' ');
}
