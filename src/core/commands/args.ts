import { isUserError, UserError } from '../errors.js';

/**
 * Pulls `--program <slug>` (or `program:<slug>`) out of the words, for people in several programs.
 * Returns the remaining words untouched otherwise.
 */
export function takeProgramOption(words: string[]): { slug?: string; rest: string[] } {
  const rest: string[] = [];
  let slug: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === '--program') {
      slug = words[++i];
      if (!slug) throw new UserError('`--program` needs a program name after it.', { code: 'BAD_INPUT' });
    } else if (word.startsWith('program:')) slug = word.slice('program:'.length);
    else rest.push(word);
  }
  return { slug: slug?.toLowerCase(), rest };
}

/** Pulls `--flag <value>` out of the words. */
export function takeOption(words: string[], flag: string): { value?: string; rest: string[] } {
  const index = words.indexOf(flag);
  if (index === -1) return { rest: words };
  const value = words[index + 1];
  if (value === undefined) throw new UserError(`\`${flag}\` needs a value after it.`, { code: 'BAD_INPUT' });
  return { value, rest: [...words.slice(0, index), ...words.slice(index + 2)] };
}

export const isMention = (word: string | undefined): word is string => !!word && (/^<@!?[A-Za-z0-9]+(\|[^>]*)?>$/.test(word) || /^@[\w.-]+$/.test(word));

/** Runs a parser and attaches the command's usage to a UserError that has none. */
export function withUsage<T>(usage: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (isUserError(error) && !error.usage) throw new UserError(error.message, { code: error.code, usage });
    throw error;
  }
}
