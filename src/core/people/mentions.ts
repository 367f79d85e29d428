import type { CommandContext } from '../commands/types.js';
import type { Person } from '../domain.js';
import { UserError } from '../errors.js';
import { isMention } from '../commands/args.js';

/** Resolves an `@person` argument in this workspace, or explains what went wrong. */
export async function requirePerson(ctx: CommandContext, word: string | undefined, usage: string, what = 'person'): Promise<Person> {
  if (!isMention(word)) throw new UserError(word ? `"${word}" is not a mention. Name the ${what} as @name.` : `Name the ${what} as @name.`, { code: 'BAD_INPUT', usage });
  const person = await ctx.store.people.findByMention(ctx.workspace.id, word);
  if (!person) throw new UserError(`I don't know ${word} here yet. They need to use \`/mentor\` once (e.g. \`/mentor help\`) first.`, { code: 'UNKNOWN_PERSON', usage });
  return person;
}
