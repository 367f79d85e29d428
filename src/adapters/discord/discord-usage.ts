import type { Block, Message } from '../../core/messages/model.js';
import { slashName, type CommandEntry } from './command-table.js';

/**
 * Usage and help lines already come in Discord's terms (see naming.ts). What is left is prose:
 * the core's sentences name commands as typed text (`Next: /mentor admin cohort add …`), so the
 * command part is rewritten to what a Discord user picks (`/mentor-admin cohort add …`), from
 * the same table the commands are registered with, and a `--flag value` becomes `flag:value`.
 * The other words stay as written.
 */
export function discordUsageRewriter(table: readonly CommandEntry[]): (msg: Message) => Message {
  const fix = proseRewriter(table);
  const fixBlock = (b: Block): Block => {
    switch (b.type) {
      case 'heading':
      case 'text':
        return { ...b, text: fix(b.text) };
      case 'list':
        return { ...b, items: b.items.map(fix) };
      case 'fields':
        return { ...b, fields: b.fields.map((f) => ({ label: f.label, value: fix(f.value) })) };
      default:
        return b;
    }
  };
  return (msg) => ({ ...msg, text: fix(msg.text), blocks: msg.blocks.map(fixBlock) });
}

/** The same rewriting for one text (also used for the summaries and descriptions registered with Discord). */
export function proseRewriter(table: readonly CommandEntry[]): (text: string) => string {
  const rules = new Map<string, string>();
  for (const e of table) {
    rules.set(`/mentor ${e.path.join(' ')}`, slashName(e));
    // A command already in Discord's terms stays as it is (`/mentor journal view` is not `/mentor journal` + ` view`).
    rules.set(slashName(e), slashName(e));
  }
  // Longest first, so `/mentor admin program create` is not caught by a shorter path.
  const from = [...rules.keys()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(from.map((f) => `${escape(f)}(?![\\w-])`).join('|'), 'g');
  // Flags are options on Discord: `--program <name>` reads `program:<name>`.
  const flags = [...new Set(table.flatMap((e) => e.args.filter((a) => a.flag).map((a) => a.name)))];
  const flag = flags.length ? new RegExp(`(?<![\\w-])--(${flags.map(escape).join('|')})(?:=|\\s+)(?=\\S)`, 'g') : undefined;
  return (text) => {
    const named = from.length ? text.replace(pattern, (m) => rules.get(m) ?? m) : text;
    return flag ? named.replace(flag, '$1:') : named;
  };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
