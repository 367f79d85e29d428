import { UserError } from '../../errors.js';
import { missing } from './args.js';
import { checkWord, looksLike, type ArgSpec, type ArgValue } from './kinds.js';

export type RawValues = Map<string, ArgValue>;

function invalid(spec: ArgSpec, problem: string): UserError {
  return new UserError(`${spec.name.replace(/-/g, ' ')}: ${problem}`, { code: 'INVALID_ARGUMENT', argument: spec.name });
}

function one(spec: ArgSpec, word: string, typed: boolean): string | number {
  const checked = checkWord(spec, word, typed);
  if (!checked.ok) throw invalid(spec, checked.problem);
  return checked.value;
}

/** A variadic text or custom argument reads the rest as one value; other kinds read word by word. */
function many(spec: ArgSpec, words: string[], typed: boolean): ArgValue {
  if (spec.kind === 'text' || spec.kind === 'custom') return one(spec, words.join(' '), typed);
  return words.map((w) => String(one(spec, w, typed)));
}

/** `--name value` or `--name=value` anywhere in the words, for every declared flag. */
function takeFlags(specs: readonly ArgSpec[], words: string[], values: RawValues): string[] {
  const rest: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const m = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/i.exec(word);
    const spec = m ? specs.find((s) => s.flag && s.name === m[1]!.toLowerCase()) : undefined;
    if (!m || !spec) {
      rest.push(word);
      continue;
    }
    const value = m[2] ?? words[++i];
    if (value === undefined || value === '') throw new UserError(`\`--${spec.name}\` needs a value after it (${spec.description}).`, { code: 'MISSING_ARGUMENT', argument: spec.name });
    values.set(spec.name, one(spec, value, false));
  }
  return rest;
}

/**
 * Reads typed text (words after the command's path) against the declaration: flags anywhere,
 * then positionals in order. An optional positional is taken only when the word looks like it
 * (so `45m supervision notes…` skips `[date]`); a variadic one takes the rest.
 */
export function readText(specs: readonly ArgSpec[], words: string[]): RawValues {
  const values: RawValues = new Map();
  const rest = takeFlags(specs, words, values);
  let i = 0;
  for (const spec of specs.filter((s) => !s.flag)) {
    const word = rest[i];
    if (spec.variadic) {
      const taken = rest.slice(i);
      i = rest.length;
      if (taken.length) values.set(spec.name, many(spec, taken, false));
      else if (spec.required !== false) throw missing(spec);
      continue;
    }
    if (word === undefined) {
      if (spec.required !== false) throw missing(spec);
      continue;
    }
    if (spec.required === false && !looksLike(spec, word)) continue;
    values.set(spec.name, one(spec, word, false));
    i++;
  }
  if (i < rest.length) {
    throw new UserError(`I didn't expect "${rest.slice(i).join(' ')}" there.`, { code: 'UNEXPECTED_ARGUMENT' });
  }
  return values;
}

/** Splits a typed option meant to hold several words (Discord has no list options): mentions or words. */
const splitMany = (text: string) => text.match(/<@!?[A-Za-z0-9]+(?:\|[^>]*)?>|\S+/g) ?? [];

/** Reads a platform's typed options (Discord) against the same declaration; unknown option names are refused. */
export function readOptions(specs: readonly ArgSpec[], options: Record<string, string | number | boolean>): RawValues {
  const values: RawValues = new Map();
  for (const name of Object.keys(options)) {
    if (!specs.some((s) => s.name === name)) throw new UserError(`This command has no "${name}" option.`, { code: 'UNEXPECTED_ARGUMENT', argument: name });
  }
  for (const spec of specs) {
    const given = options[spec.name];
    const text = given === undefined ? '' : String(given).trim();
    if (text === '') {
      if (spec.required !== false && !spec.flag) throw missing(spec);
      continue;
    }
    values.set(spec.name, spec.variadic ? many(spec, spec.kind === 'person' ? splitMany(text) : [text], true) : one(spec, text, true));
  }
  return values;
}
