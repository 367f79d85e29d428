import { argsOf } from '../../core/commands/arguments/declared.js';
import type { ArgSpec } from '../../core/commands/arguments/kinds.js';
import type { CommandSpec } from '../../core/commands/types.js';
import { LIMITS } from './limits.js';

export const MENTOR = 'mentor';
/**
 * Coordinator commands live under their own top-level command: Discord applies
 * default_member_permissions to a whole top-level command, never to one subcommand group, so a
 * separate `/mentor-admin` is the only way to hide them from members. The core checks again.
 */
export const MENTOR_ADMIN = 'mentor-admin';
export type TopLevel = typeof MENTOR | typeof MENTOR_ADMIN;

/** The subcommand a one-word command gets when its word is also a group (`/mentor journal view`). */
export const GROUP_VIEW = 'view';

/** One core command as a Discord subcommand (optionally inside a subcommand group). */
export interface CommandEntry {
  top: TopLevel;
  group?: string;
  name: string;
  /** The core's words after `/mentor`, e.g. ['admin', 'match']. */
  path: string[];
  summary: string;
  /** The declared arguments (with the implicit `--program`), required ones first, as Discord lists options. */
  args: ArgSpec[];
  /**
   * True when the command opens a form with no arguments at all: then every option is optional
   * on Discord, so `/mentor log-call` alone can still open the form.
   */
  bareOpensForm: boolean;
}

type Declared = Pick<CommandSpec, 'path' | 'summary' | 'args' | 'requires' | 'bareOpensForm' | 'section'>;

const NAME_OK = /^[-_\p{Ll}\p{N}]{1,32}$/u;

const isCoordinator = (c: Declared) => c.requires === 'coordinator' || c.path[0] === 'admin';

/**
 * The words under the top-level command: coordinator commands lose their leading `admin`, and a
 * one-word command with a declared section sits in that section's group.
 */
function words(c: Declared): string[] {
  const rest = isCoordinator(c) && c.path[0] === 'admin' ? c.path.slice(1) : c.path;
  if (rest.length === 1 && c.section) return [c.section, rest[0]!];
  return rest.length ? rest : [GROUP_VIEW];
}

/** Discord wants required options before optional ones; otherwise the declaration's order. */
export function discordArgs(c: Pick<CommandSpec, 'args' | 'requires'>): ArgSpec[] {
  const all = argsOf(c);
  const required = (a: ArgSpec) => a.required !== false && !a.flag;
  return [...all.filter(required), ...all.filter((a) => !required(a))];
}

/**
 * Always the same layout, whatever the number of commands, so a Discord user's muscle memory
 * never breaks when a command is added: a one-word path is a subcommand (`/mentor status`), a
 * longer one a subcommand of the group named by its first word (`/mentor journal share`), and a
 * one-word command whose word is also a group becomes that group's `view`.
 */
function layout(top: TopLevel, specs: Declared[]): CommandEntry[] {
  const groups = new Set(specs.map(words).filter((w) => w.length > 1).map((w) => w[0]!));
  return specs.map((c) => {
    const [first, ...rest] = words(c);
    const grouped = rest.length > 0 || groups.has(first!);
    return {
      top,
      ...(grouped ? { group: first! } : {}),
      name: grouped ? (rest.length ? rest.join('-') : GROUP_VIEW) : first!,
      path: c.path,
      summary: c.summary,
      args: discordArgs(c),
      bareOpensForm: c.bareOpensForm === true,
    };
  });
}

/**
 * Every core command as a Discord subcommand, in the router's order (pass the router's list,
 * which includes `help`). Throws at start-up when the list cannot be registered as it is.
 */
export function commandTable(commands: readonly Declared[]): CommandEntry[] {
  const entries = [...layout(MENTOR, commands.filter((c) => !isCoordinator(c))), ...layout(MENTOR_ADMIN, commands.filter(isCoordinator))];
  const seen = new Set<string>();
  for (const e of entries) {
    const key = `${e.top} ${e.group ?? ''} ${e.name}`;
    for (const name of [e.name, e.group ?? e.name]) {
      if (!NAME_OK.test(name)) throw new Error(`core command "${e.path.join(' ')}" cannot be a Discord subcommand named "${name}"`);
    }
    if (e.args.length > LIMITS.commandOptions) throw new Error(`core command "${e.path.join(' ')}" has ${e.args.length} arguments; Discord allows ${LIMITS.commandOptions} options`);
    if (seen.has(key)) throw new Error(`core commands clash on Discord as /${key.replace(/ +/g, ' ')}`);
    seen.add(key);
  }
  for (const top of [MENTOR, MENTOR_ADMIN]) {
    const mine = entries.filter((e) => e.top === top);
    const firstLevel = new Set(mine.map((e) => e.group ?? `:${e.name}`));
    if (firstLevel.size > LIMITS.commandOptions) throw new Error(`/${top} would need ${firstLevel.size} subcommands and groups; Discord allows ${LIMITS.commandOptions}`);
    for (const group of new Set(mine.flatMap((e) => (e.group ? [e.group] : [])))) {
      const size = mine.filter((e) => e.group === group).length;
      if (size > LIMITS.commandOptions) throw new Error(`/${top} ${group} would need ${size} subcommands; Discord allows ${LIMITS.commandOptions}`);
    }
  }
  return entries;
}

export function findEntry(table: readonly CommandEntry[], top: string, group: string | undefined, name: string): CommandEntry | undefined {
  return table.find((e) => e.top === top && e.group === group && e.name === name);
}

export function entryFor(table: readonly CommandEntry[], path: readonly string[]): CommandEntry | undefined {
  const key = path.join(' ');
  return table.find((e) => e.path.join(' ') === key);
}

/** `/mentor-admin cohort create`, as a Discord user picks it. */
export const slashName = (e: Pick<CommandEntry, 'top' | 'group' | 'name'>): string => ['/' + e.top, ...(e.group ? [e.group] : []), e.name].join(' ');
