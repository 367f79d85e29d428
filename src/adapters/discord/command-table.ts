import type { CommandSpec } from '../../core/commands/types.js';
import { LIMITS, clip } from './limits.js';
import { usageOptions, type OptionHints, type OptionSpec } from './usage-options.js';

export const MENTOR = 'mentor';
/**
 * Coordinator commands live under their own top-level command: Discord applies
 * default_member_permissions to a whole top-level command, never to one subcommand group, so a
 * separate `/mentor-admin` is the only way to hide them from members. The core checks again.
 */
export const MENTOR_ADMIN = 'mentor-admin';
export type TopLevel = typeof MENTOR | typeof MENTOR_ADMIN;

/** One core command as a Discord subcommand (optionally inside a subcommand group). */
export interface CommandEntry {
  top: TopLevel;
  group?: string;
  name: string;
  /** The core's words after `/mentor`, e.g. ['admin', 'match']. */
  path: string[];
  summary: string;
  options: OptionSpec[];
}

const HELP: Pick<CommandSpec, 'path' | 'usage' | 'summary'> = { path: ['help'], usage: '/mentor help [command]', summary: 'every command and its usage' };
const NAME_OK = /^[-_\p{Ll}\p{N}]{1,32}$/u;

const isCoordinator = (c: Pick<CommandSpec, 'path' | 'group'>) => c.group === 'coordinator' || c.path[0] === 'admin';

function subPath(c: Pick<CommandSpec, 'path' | 'group'>): string[] {
  if (!isCoordinator(c)) return c.path;
  const rest = c.path[0] === 'admin' ? c.path.slice(1) : c.path;
  return rest.length ? rest : ['overview'];
}

const subName = (words: string[]) => clip(words.join('-').toLowerCase(), LIMITS.commandName);

/** Flat subcommands while they fit in 25; past that, commands sharing a first word become a group. */
function layout(top: TopLevel, specs: Pick<CommandSpec, 'path' | 'usage' | 'summary' | 'group'>[], hints: OptionHints): CommandEntry[] {
  const entry = (c: (typeof specs)[number], name: string, group?: string): CommandEntry => ({
    top,
    ...(group ? { group } : {}),
    name,
    path: c.path,
    summary: c.summary,
    options: usageOptions(c.usage, c.path, hints),
  });
  if (specs.length <= LIMITS.commandOptions) return specs.map((c) => entry(c, subName(subPath(c))));
  const byFirst = new Map<string, typeof specs>();
  for (const c of specs) byFirst.set(subPath(c)[0]!, [...(byFirst.get(subPath(c)[0]!) ?? []), c]);
  if (byFirst.size > LIMITS.commandOptions) throw new Error(`/${top} would need ${byFirst.size} subcommands or groups; Discord allows ${LIMITS.commandOptions}`);
  // In a group, the command that is just the group's word (`/mentor journal`) becomes `view`.
  return [...byFirst].flatMap(([word, list]) =>
    list.length === 1 ? [entry(list[0]!, subName(subPath(list[0]!)))] : list.map((c) => entry(c, subName(subPath(c).slice(1).length ? subPath(c).slice(1) : ['view']), word)),
  );
}

/** Every core command (plus help) as Discord subcommands, in the router's order. */
export function commandTable(commands: readonly Pick<CommandSpec, 'path' | 'usage' | 'summary' | 'group'>[], hints: OptionHints = {}): CommandEntry[] {
  const all = commands.some((c) => c.path.join(' ') === 'help') ? [...commands] : [HELP, ...commands];
  const entries = [
    ...layout(MENTOR, all.filter((c) => !isCoordinator(c)), hints),
    ...layout(MENTOR_ADMIN, all.filter(isCoordinator), hints),
  ];
  const seen = new Set<string>();
  for (const e of entries) {
    const key = `${e.top} ${e.group ?? ''} ${e.name}`;
    if (!NAME_OK.test(e.name) || seen.has(key)) throw new Error(`core command "${e.path.join(' ')}" cannot be a Discord subcommand named "${e.name}"`);
    seen.add(key);
  }
  return entries;
}

export function findEntry(table: CommandEntry[], top: string, group: string | undefined, name: string): CommandEntry | undefined {
  return table.find((e) => e.top === top && e.group === group && e.name === name);
}
