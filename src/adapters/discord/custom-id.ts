import { LIMITS } from './limits.js';

/**
 * Discord gives us nothing but a 1–100 character `custom_id` back when a button, select or modal
 * is used, so the core's action + value (or form id + context) ride inside it. The guild id rides
 * along too when the message went to a DM: interactions from DMs carry no guild, and the core
 * needs to know which workspace the person acted in.
 *
 *   a|<n>|<guild>|<action>|<value>    a button (n keeps ids unique within one message)
 *   s|<n>|<guild>                     a select menu; each option's value is `<action>|<value>`
 *   f|<guild>|<formId>|<context>      a modal
 *   o|<guild>|<key>                   "open the form" (a form kept in the stash, see form-stash.ts)
 */
export type CustomId =
  | { kind: 'button'; guildId?: string; action: string; value: string }
  | { kind: 'select'; guildId?: string }
  | { kind: 'form'; guildId?: string; formId: string; context?: string }
  | { kind: 'open-form'; guildId?: string; key: string }
  | { kind: 'unknown'; raw: string };

const SAFE_NAME = /^[A-Za-z0-9._:-]+$/;

const fits = (id: string): string | null => (id.length >= 1 && id.length <= LIMITS.customId ? id : null);

/** `null` when the action and value cannot fit in 100 characters (the caller drops the button). */
export function buttonId(n: number, guildId: string | undefined, action: string, value: string): string | null {
  if (!SAFE_NAME.test(action)) return null;
  return fits(`a|${n}|${guildId ?? ''}|${action}|${value}`);
}

export const selectId = (n: number, guildId: string | undefined): string => `s|${n}|${guildId ?? ''}`;

export function selectOptionValue(action: string, value: string): string | null {
  if (!SAFE_NAME.test(action)) return null;
  const joined = `${action}|${value}`;
  return joined.length <= LIMITS.selectOption ? joined : null;
}

export function formId(guildId: string | undefined, id: string, context: string | undefined): string | null {
  if (!SAFE_NAME.test(id)) return null;
  return fits(`f|${guildId ?? ''}|${id}|${context ?? ''}`);
}

export const openFormId = (guildId: string | undefined, key: string): string => `o|${guildId ?? ''}|${key}`;

const guild = (part: string | undefined): string | undefined => (part && /^\d{1,20}$/.test(part) ? part : undefined);

/** Splits on the first `count` bars; the last part keeps any further bars (values may contain them). */
function split(raw: string, count: number): string[] | null {
  const parts: string[] = [];
  let rest = raw;
  for (let i = 0; i < count; i++) {
    const at = rest.indexOf('|');
    if (at < 0) return null;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  return [...parts, rest];
}

export function parseCustomId(raw: string): CustomId {
  const unknown: CustomId = { kind: 'unknown', raw };
  if (raw.startsWith('a|')) {
    const p = split(raw, 4);
    if (!p || !p[3]) return unknown;
    return { kind: 'button', guildId: guild(p[2]), action: p[3], value: p[4] ?? '' };
  }
  if (raw.startsWith('s|')) {
    const p = split(raw, 2);
    return p ? { kind: 'select', guildId: guild(p[2]) } : unknown;
  }
  if (raw.startsWith('f|')) {
    const p = split(raw, 3);
    if (!p || !p[2]) return unknown;
    return { kind: 'form', guildId: guild(p[1]), formId: p[2], context: p[3] ? p[3] : undefined };
  }
  if (raw.startsWith('o|')) {
    const p = split(raw, 2);
    return p && p[2] ? { kind: 'open-form', guildId: guild(p[1]), key: p[2] } : unknown;
  }
  return unknown;
}

/** A select option's value back into the core action and value. */
export function parseSelectOption(raw: string): { action: string; value: string } | null {
  const at = raw.indexOf('|');
  if (at <= 0) return null;
  return { action: raw.slice(0, at), value: raw.slice(at + 1) };
}
