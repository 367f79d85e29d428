import type { ArgSpec } from '../../core/commands/arguments/kinds.js';
import type { CommandNaming, CommandSpec } from '../../core/commands/types.js';
import { entryFor, MENTOR, MENTOR_ADMIN, slashName, type CommandEntry } from './command-table.js';

/** What a Discord user fills into an option, shown after its name: `mentor:@…`, `answer:yes|no|maybe`, `date:YYYY-MM-DD`. */
function hint(arg: ArgSpec): string {
  if (arg.kind === 'person') return arg.variadic ? '@… @…' : '@…';
  if (arg.kind === 'choice' && arg.choices && arg.choices.length <= 5) return arg.choices.join('|');
  if (arg.kind === 'date') return 'YYYY-MM-DD';
  if (arg.kind === 'time') return 'HH:MM';
  if (arg.kind === 'custom' && arg.custom && arg.custom.label !== arg.name) return arg.custom.label;
  return '…';
}

function option(arg: ArgSpec): string {
  const shown = `${arg.name}:${hint(arg)}`;
  return arg.required === false || arg.flag ? `[${shown}]` : shown;
}

/**
 * Commands as a Discord user picks them, from the same table the commands are registered with:
 * `/mentor-admin match mentor:@… mentee:@…`, `/mentor journal share n:…`. The implicit
 * `program` option is left out of usage lines, as on the other surfaces.
 */
export function discordNaming(table: readonly CommandEntry[]): CommandNaming {
  const command = (path: readonly string[]): string => {
    const entry = entryFor(table, path);
    if (entry) return slashName(entry);
    // Not a registered command (a typo, or a path named in prose): the nearest Discord spelling.
    return path[0] === 'admin' ? ['/' + MENTOR_ADMIN, ...path.slice(1)].join(' ') : ['/' + MENTOR, ...path].join(' ');
  };
  return {
    command,
    usage(spec: CommandSpec) {
      const entry = entryFor(table, spec.path);
      const args = (entry?.args ?? spec.args).filter((a) => a.name !== 'program' || spec.args.includes(a));
      return [command(spec.path), ...args.map(option)].join(' ');
    },
  };
}
