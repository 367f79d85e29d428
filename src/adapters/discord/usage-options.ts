import { LIMITS } from './limits.js';

/** A typed slash-command option derived from one placeholder of a core command's usage. */
export interface OptionSpec {
  name: string;
  kind: 'string' | 'user';
  required: boolean;
  description: string;
  choices?: string[];
  autocomplete?: 'program' | 'template';
  /** For `[--check-in a|b]`: the flag written before the value in the command text. */
  flag?: string;
}

/** Extra knowledge about placeholder names (e.g. the call kinds for `<kind>`), given by the runtime. */
export type OptionHints = Record<string, { choices?: string[] }>;

const NAME = /^[-_\p{Ll}\p{N}]{1,32}$/u;
const CHOICE = /^[\w.-]{1,100}$/;

const optionName = (raw: string) =>
  raw
    .toLowerCase()
    .replace(/(…|\.\.\.)$/, '')
    .trim()
    .replace(/[\s_]+/g, '-');

/** `a|b|c` as choices, when every alternative is one plain word. */
function alternatives(text: string): string[] | null {
  const choices = text.split('|').map((c) => c.trim());
  return choices.length >= 2 && choices.length <= LIMITS.choices && choices.every((c) => CHOICE.test(c)) ? choices : null;
}

/** `[--check-in safety|impasse]` or `[--program <name>]`: a flag and its value. */
function flagOption(inner: string, required: boolean): OptionSpec | null {
  const match = /^--([a-z][a-z0-9-]*)\s+(.+)$/.exec(inner);
  if (!match) return null;
  const name = match[1]!;
  const value = match[2]!.trim();
  const choices = alternatives(value);
  if (!choices && !/^<[^>|]+>$/.test(value)) return null;
  return { name, kind: 'string', required, description: name.replace(/-/g, ' '), flag: `--${name}`, ...(choices ? { choices } : {}) };
}

/** One usage token (`<duration>`, `[date]`, `@mentor`, `yes|no`, `[--flag a|b]`) as an option; `null` when it is not a placeholder. */
function tokenOption(token: string, hints: OptionHints): OptionSpec | null {
  const wrapped = /^([<[])(.*)[>\]]$/.exec(token);
  const required = wrapped ? wrapped[1] === '<' : true;
  const inner = wrapped ? wrapped[2]!.trim() : token;
  if (/^@[\w-]+$/.test(inner)) {
    const name = optionName(inner.slice(1));
    return NAME.test(name) ? { name, kind: 'user', required, description: `The ${name.replace(/-/g, ' ')} (pick a member)` } : null;
  }
  if (inner.startsWith('--')) return wrapped ? flagOption(inner, required) : null;
  if (inner.includes('|')) {
    const choices = alternatives(inner);
    return choices ? { name: 'choice', kind: 'string', required, description: `One of: ${choices.join(', ')}`, choices } : null;
  }
  if (!wrapped) return null;
  const name = optionName(inner);
  if (!NAME.test(name)) return null;
  const hint = hints[name];
  return {
    name,
    kind: 'string',
    required,
    description: name.replace(/-/g, ' '),
    ...(hint?.choices && hint.choices.length <= LIMITS.choices ? { choices: hint.choices } : {}),
    ...(name === 'program' || name === 'template' ? { autocomplete: name } : {}),
  };
}

/**
 * The typed options of a command, from its usage text after the command words: e.g.
 * `/mentor log-call <duration> <kind> [date] [notes]` gives four. A usage with literal words or
 * anything else this cannot read gives none, and the command keeps only its free-text `args`.
 */
export function usageOptions(usage: string, path: string[], hints: OptionHints = {}): OptionSpec[] {
  const words = usage.trim().replace(/^\/mentor\b/i, '').trim().match(/<[^>]*>|\[[^\]]*\]|\S+/g) ?? [];
  let i = 0;
  while (i < path.length && words[i]?.toLowerCase() === path[i]) i++;
  if (i < path.length) return [];
  const options: OptionSpec[] = [];
  for (const token of words.slice(i)) {
    const option = tokenOption(token, hints);
    if (!option || option.name === 'args' || options.some((o) => o.name === option.name)) return [];
    options.push(option);
  }
  // Discord lists required options before optional ones; after the first optional, all are optional.
  const firstOptional = options.findIndex((o) => !o.required);
  const ordered = options.map((o, n) => (firstOptional >= 0 && n > firstOptional ? { ...o, required: false } : o));
  return ordered.length < LIMITS.commandOptions ? ordered : [];
}
