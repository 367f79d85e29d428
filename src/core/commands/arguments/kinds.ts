import { DateTime } from 'luxon';
import { parseDurationMinutes } from '../../time/duration.js';
import { isTimeZone } from '../../time/zones.js';

/**
 * The kinds of argument a command may declare. Each kind knows how to read one typed word
 * (from text or from a platform's typed option), what a word of it looks like (so an optional
 * positional argument can be skipped), and how it reads in a usage line. Adapters map kinds to
 * their own inputs (Discord: user options, choices, autocomplete) without knowing any command.
 */
export type ArgKind = 'person' | 'program' | 'template' | 'choice' | 'duration' | 'date' | 'time' | 'time-zone' | 'integer' | 'word' | 'text' | 'custom';

/**
 * A kind a command brings along (`kind: 'custom'`): how to read a word, what one looks like, and
 * optionally what to suggest while typing. Surfaces treat it as text (with autocomplete when it
 * suggests), so a new kind needs no adapter change.
 */
export interface CustomKind {
  /** Shown in usage lines, e.g. `colour`. */
  label: string;
  check(word: string): KindCheck;
  looksLike?(word: string): boolean;
  suggest?(typed: string): string[];
}

/** Kinds whose values a platform should offer by autocomplete (the core answers, see complete.ts). */
export const AUTOCOMPLETED_KINDS: ReadonlySet<ArgKind> = new Set(['program', 'template', 'time-zone']);

export interface ArgSpec {
  /** kebab-case; the Discord option name and the `--name` of a flag. */
  name: string;
  kind: ArgKind;
  /** One short line for help and for the platform's option description. */
  description: string;
  /** Default true. */
  required?: boolean;
  /** Takes every remaining word: text joined with spaces, people as a list. Only the last positional argument. */
  variadic?: boolean;
  /** Written as `--name value` in text, anywhere in the line (e.g. `--check-in safety`). */
  flag?: boolean;
  /** For `choice`: the accepted values, lower-case (compared case-insensitively; `_` and `-` alike). */
  choices?: readonly string[];
  /** For `integer`. */
  min?: number;
  max?: number;
  /** For `text`, `word`: the longest accepted value. */
  maxLength?: number;
  /** For `custom`. */
  custom?: CustomKind;
}

/** A value as the router hands it over: minutes for durations, numbers for integers, mentions for people. */
export type ArgValue = string | number | string[];

export type KindCheck = { ok: true; value: string | number } | { ok: false; problem: string };

const DATE = /^(today|yesterday|\d{4}-\d{1,2}-\d{1,2})$/i;
const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const MENTION = /^<@!?([A-Za-z0-9]+)(\|[^>]*)?>$|^@([\w.-]+)$/;
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

const normalChoice = (word: string) => word.toLowerCase().replace(/_/g, '-');

/** `<@U1>`, `<@!1234>`, `@ana` or (from a platform's user option) a bare platform id → one mention form. */
export function normalMention(word: string, bareIdAllowed: boolean): string | null {
  const m = MENTION.exec(word);
  if (m) return m[3] ? `@${m[3]}` : `<@${m[1]}>`;
  return bareIdAllowed && /^[A-Za-z0-9]+$/.test(word) ? `<@${word}>` : null;
}

/** Reads one word of a kind. `typed` says it came from a platform's typed option rather than text. */
export function checkWord(spec: ArgSpec, word: string, typed = false): KindCheck {
  const fail = (problem: string): KindCheck => ({ ok: false, problem });
  switch (spec.kind) {
    case 'person': {
      const mention = normalMention(word, typed);
      return mention ? { ok: true, value: mention } : fail(`"${word}" is not a person. Name them as @name.`);
    }
    case 'program':
    case 'template':
      return SLUG.test(word.toLowerCase()) ? { ok: true, value: word.toLowerCase() } : fail(`"${word}" is not a ${spec.kind} name (lower-case letters, digits and dashes).`);
    case 'choice': {
      const value = normalChoice(word);
      const choices = (spec.choices ?? []).map(normalChoice);
      return choices.includes(value) ? { ok: true, value } : fail(`"${word}" is not one of: ${choices.join(', ')}.`);
    }
    case 'duration':
      try {
        return { ok: true, value: parseDurationMinutes(word, 'hm') };
      } catch {
        return fail(`"${word}" is not a length of time I understand. Try 45m, 1h30m or 1.5h.`);
      }
    case 'date': {
      if (!DATE.test(word)) return fail(`"${word}" is not a date I understand. Use YYYY-MM-DD, today or yesterday.`);
      const lower = word.toLowerCase();
      if (lower === 'today' || lower === 'yesterday') return { ok: true, value: lower };
      const date = DateTime.fromFormat(word, 'yyyy-M-d');
      return date.isValid ? { ok: true, value: date.toISODate()! } : fail(`${word} is not a real date.`);
    }
    case 'time': {
      const m = TIME.exec(word);
      return m ? { ok: true, value: `${m[1]!.padStart(2, '0')}:${m[2]}` } : fail(`"${word}" is not a time. Use 24-hour HH:MM, e.g. 18:30.`);
    }
    case 'time-zone':
      return isTimeZone(word) ? { ok: true, value: word } : fail(`"${word}" is not a time zone I know. Use a name like Europe/London or America/Chicago.`);
    case 'integer': {
      if (!/^-?\d+$/.test(word)) return fail(`"${word}" is not a whole number.`);
      const n = Number(word);
      if (spec.min !== undefined && n < spec.min) return fail(`${n} is too small; the least is ${spec.min}.`);
      if (spec.max !== undefined && n > spec.max) return fail(`${n} is too large; the most is ${spec.max}.`);
      return { ok: true, value: n };
    }
    case 'custom':
      return spec.custom ? spec.custom.check(word) : fail('this argument cannot be read.');
    case 'word':
    case 'text':
      if (spec.maxLength !== undefined && word.length > spec.maxLength) return fail(`That is ${word.length} characters; the most is ${spec.maxLength}.`);
      return { ok: true, value: word };
  }
}

/** Whether a word could be this optional positional argument; if not, the parser moves on to the next one. */
export function looksLike(spec: ArgSpec, word: string): boolean {
  switch (spec.kind) {
    case 'person':
      return MENTION.test(word);
    case 'date':
      return DATE.test(word);
    case 'time':
      return TIME.test(word);
    case 'integer':
      return /^-?\d+$/.test(word);
    case 'choice':
      return (spec.choices ?? []).map(normalChoice).includes(normalChoice(word));
    case 'duration':
      return /^(\d+(\.\d+)?[hm])+$/i.test(word);
    case 'custom':
      return spec.custom?.looksLike ? spec.custom.looksLike(word) : spec.custom?.check(word).ok === true;
    default:
      return true;
  }
}

/** How the argument reads in a text usage line: `<duration>`, `[date]`, `@mentor`, `[notes…]`, `[--check-in a|b]`. */
export function placeholder(spec: ArgSpec): string {
  // A variadic custom argument is one value that may contain spaces, not a list.
  const many = spec.variadic && spec.kind !== 'custom' ? '…' : '';
  const shortChoices = spec.kind === 'choice' && spec.choices && spec.choices.length <= 5;
  const label = spec.kind === 'custom' && spec.custom ? spec.custom.label : spec.name;
  let inner = spec.kind === 'person' ? `@${spec.name}${many}` : shortChoices ? spec.choices!.join('|') : `${label}${many}`;
  if (spec.flag) inner = `--${spec.name} ${shortChoices ? inner : `<${spec.name}>`}`;
  const required = spec.required !== false;
  if (spec.kind === 'person' && required && !spec.flag) return inner;
  if (shortChoices && required && !spec.flag) return inner;
  return required ? `<${inner}>` : `[${inner}]`;
}
