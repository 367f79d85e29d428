import type { CommandSpec } from '../types.js';
import type { ArgSpec } from './kinds.js';

/** Every role-checked command understands `--program <name>`, for people in several programs. */
export const PROGRAM_FLAG: ArgSpec = {
  name: 'program',
  kind: 'program',
  description: 'which program, when you are in several',
  required: false,
  flag: true,
};

/** The command's arguments as declared, plus the implicit `--program` of role-checked commands. */
export function argsOf(spec: Pick<CommandSpec, 'args' | 'requires'>): ArgSpec[] {
  if (spec.requires === 'anyone' || spec.args.some((a) => a.name === PROGRAM_FLAG.name)) return spec.args;
  return [...spec.args, PROGRAM_FLAG];
}

/**
 * Checks a declaration when the router is built, so a malformed command fails at start-up (and
 * in tests), never in front of a person: names unique and kebab-case, at most one variadic and
 * it last among positionals, choices given for a choice, required positionals before optional ones
 * unless the optional ones can be told apart by their look.
 */
export function checkDeclaration(spec: Pick<CommandSpec, 'path' | 'args' | 'requires'>): void {
  const where = `command "${spec.path.join(' ')}"`;
  const seen = new Set<string>();
  const positional = argsOf(spec).filter((a) => !a.flag);
  for (const arg of argsOf(spec)) {
    if (!/^[a-z][a-z0-9-]{0,31}$/.test(arg.name)) throw new Error(`${where}: argument name "${arg.name}" must be kebab-case, at most 32 characters`);
    if (seen.has(arg.name)) throw new Error(`${where}: argument "${arg.name}" is declared twice`);
    seen.add(arg.name);
    if (arg.kind === 'custom' && !arg.custom) throw new Error(`${where}: custom argument "${arg.name}" has no reader`);
    if (arg.kind === 'choice' && !arg.choices?.length) throw new Error(`${where}: choice argument "${arg.name}" has no choices`);
    if (arg.flag && (arg.variadic || arg.required !== false)) throw new Error(`${where}: flag "${arg.name}" must be optional and single`);
    if (!arg.description.trim()) throw new Error(`${where}: argument "${arg.name}" needs a description`);
  }
  const variadic = positional.findIndex((a) => a.variadic);
  if (variadic !== -1 && variadic !== positional.length - 1) throw new Error(`${where}: only the last positional argument may be variadic`);
}
