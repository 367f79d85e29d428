/**
 * Drives the console adapter the way a person at the terminal does — `as <name>`, `/mentor …`,
 * `press <action> <value>`, `submit <form> key="value" …` — and reads back only what it printed.
 * Nothing here calls the core: the printed lines are the console's whole public surface.
 *
 * What the console prints (src/adapters/console/console-adapter.ts, render-text.ts,
 * console-platform.ts), one `write` per message, continuation lines indented:
 *   [to ana (private)] text …            a private reply to the person at the console
 *   [to #console] text …                 a reply in the channel (visibility 'channel')
 *   [to ana (private)] [form] Title …    a form, ending "fill it in with: submit <id> [context=…] a="…" …"
 *   [to bo] text … / [to #console] …     a message the bot sent to someone else / a channel
 *   plain text                           the console's own answer to a line it could not run
 * Buttons render inline as `[<label>: press <action> <value>]`.
 */
import type { ContractMessage, ContractReply } from '../../contract/adapter-contract.js';

const AUDIENCE = /^\[to (#?)([^\]\s]+)( \(private\))?\] ?/;
const BUTTON = /\[([^[\]]+?): press (\S+) ([^\]]*)\]/g;
const FILL_IN = /fill it in with: submit (\S+)(?: context=(\S+))?(.*)$/m;

interface Printed {
  audience?: { channel: boolean; name: string; private: boolean };
  /** The message without its audience prefix and continuation indent. */
  body: string;
}

export function readPrinted(chunk: string): Printed {
  const match = AUDIENCE.exec(chunk);
  const body = chunk
    .slice(match?.[0].length ?? 0)
    .split('\n')
    .map((line, i) => (i === 0 ? line : line.replace(/^ {4}/, '')))
    .join('\n');
  return { audience: match ? { channel: match[1] === '#', name: match[2]!, private: Boolean(match[3]) } : undefined, body };
}

/**
 * Which of one line's printed chunks are its reply: the chunks addressed privately to the actor,
 * the console's own plain answers, and a leading channel chunk (a reply with visibility
 * 'channel' prints first, before the messages the command owed others). Indexes into `chunks`.
 */
export function replyIndexes(chunks: string[], actor: string): number[] {
  return chunks.flatMap((chunk, i) => {
    const { audience } = readPrinted(chunk);
    if (!audience) return [i];
    if (audience.private && audience.name === actor) return [i];
    if (i === 0 && audience.channel) return [i];
    return [];
  });
}

export function toReply(chunks: string[]): ContractReply {
  const printed = chunks.map(readPrinted);
  const text = printed.map((p) => p.body).join('\n');
  const buttons = [...text.matchAll(BUTTON)].map((m) => ({ label: m[1]!, action: m[2]!, value: m[3]! }));
  const fillIn = FILL_IN.exec(text);
  return {
    text,
    private: printed.every((p) => !p.audience?.channel),
    buttons,
    form: fillIn ? { id: fillIn[1]!, inputIds: [...fillIn[3]!.matchAll(/([\w.-]+)="…"/g)].map((m) => m[1]!), context: fillIn[2] } : undefined,
  };
}

/** A message the bot sent to someone other than the actor, or to a channel. */
export function toSent(chunk: string): ContractMessage | undefined {
  const { audience, body } = readPrinted(chunk);
  if (!audience || audience.private) return undefined;
  return { to: audience.channel ? `channel:${audience.name}` : `dm:${audience.name}`, text: body };
}

/** One word for a console line, quoted when it has spaces or quotes (see core/commands/tokenize.ts). */
export function word(value: string): string {
  if (value !== '' && !/[\s"“”‘’']/.test(value)) return value;
  if (!value.includes('"')) return `"${value}"`;
  if (!value.includes('”')) return `“${value}”`;
  throw new Error(`The console cannot type ${JSON.stringify(value)} as one word`);
}

export const pressLine = (action: string, value: string) => `press ${word(action)} ${word(value)}`;

export function submitLine(formId: string, values: Record<string, string>, context?: string): string {
  if ('context' in values) throw new Error('The console reads a form input named "context" as the form context');
  const pairs = Object.entries(values).map(([key, value]) => `${key}=${word(value)}`);
  return ['submit', word(formId), ...(context === undefined ? [] : [`context=${word(context)}`]), ...pairs].join(' ');
}
