import { argsOf } from './arguments/declared.js';
import { placeholder } from './arguments/kinds.js';
import type { CommandNaming, CommandSpec } from './types.js';

/**
 * Commands as typed on Slack and the console: `/mentor` and the path, then each argument in
 * declaration order. The implicit `--program` is left out of usage lines (help mentions it once).
 */
export const textNaming: CommandNaming = {
  command: (path) => ['/mentor', ...path].join(' '),
  usage(spec: CommandSpec) {
    const shown = argsOf(spec).filter((a) => a.name !== 'program' || spec.args.includes(a));
    return [textNaming.command(spec.path), ...shown.map(placeholder)].join(' ');
  },
};
