import type { Block, Message } from '../../core/messages/model.js';
import { MENTOR, type CommandEntry } from './command-table.js';

/**
 * The core writes usages as `/mentor admin match …`; on Discord the coordinator commands are
 * `/mentor-admin match …` (and deeper paths are joined, `program-create`), so help and error
 * texts are rewritten to what a Discord user actually types.
 */
export function discordUsageRewriter(table: CommandEntry[]): (msg: Message) => Message {
  const rules = table
    .filter((e) => e.top !== MENTOR || e.group)
    .map((e) => ({ from: `/mentor ${e.path.join(' ')}`, to: `/${e.top} ${e.group ? `${e.group} ` : ''}${e.name}` }))
    .filter((r) => r.from !== r.to)
    // Longest first, so `/mentor admin program create` is not caught by a shorter path.
    .sort((a, b) => b.from.length - a.from.length);
  if (rules.length === 0) return (msg) => msg;
  const pattern = new RegExp(rules.map((r) => `${escape(r.from)}(?![\\w-])`).join('|'), 'g');
  const byFrom = new Map(rules.map((r) => [r.from, r.to]));
  const fix = (text: string) => text.replace(pattern, (m) => byFrom.get(m) ?? m);
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
  return (msg) => ({ text: fix(msg.text), blocks: msg.blocks.map(fixBlock) });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
