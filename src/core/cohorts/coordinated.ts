import { takeProgramOption, withUsage } from '../commands/args.js';
import type { CommandContext } from '../commands/types.js';
import type { Program } from '../domain.js';
import { isUserError, UserError } from '../errors.js';
import { resolveCoordinatedProgram } from '../programs/resolve.js';

/** Runs a shared argument helper and adds this command's usage to any complaint it makes. */
/** Every admin cohort command starts here: the role is checked again, whatever the adapter showed. */
export async function coordinatedProgram(ctx: CommandContext, args: string[], usage: string): Promise<{ program: Program; rest: string[] }> {
  const { slug, rest } = withUsage(usage, () => takeProgramOption(args));
  const { program } = await resolveCoordinatedProgram(ctx, slug, usage);
  return { program, rest };
}

export function refuseExtra(words: string[], usage: string): void {
  if (words.length) throw new UserError(`I didn't expect "${words.join(' ')}" at the end.`, { code: 'BAD_INPUT', usage });
}
