import type { Message } from '../../core/messages/model.js';
import { LIMITS } from './limits.js';
import { buttonsToRows, type ActionRow } from './render-components.js';
import { blocksToEmbeds, chunkText, packEmbeds, type Embed } from './render-embeds.js';

/** One Discord message body (create message, interaction response data, webhook follow-up). */
export interface DiscordMessage {
  content?: string;
  embeds?: Embed[];
  components?: ActionRow[];
  /** Text of the core never pings anyone: mentions render as names without a notification. */
  allowed_mentions: { parse: never[] };
}

export interface RenderOptions {
  /** Carried in custom_ids of messages sent to DMs, where interactions have no guild. */
  guildId?: string;
  onDroppedButtons?: (labels: string[]) => void;
  /** Adjusts the core's text for Discord first (see discord-usage.ts). */
  rewrite?: (msg: Message) => Message;
}

const NO_PINGS = { parse: [] as never[] };

/** Only text (and buttons): sent as plain content, which reads better than an embed for short answers. */
const isPlain = (msg: Message) => msg.blocks.every((b) => b.type === 'text' || b.type === 'actions');

/**
 * Renders a core message as one or more Discord messages, in order. Everything past Discord's
 * limits (2000 characters of content, 10 embeds or 6000 characters per message, 5 component rows)
 * continues in the next message instead of failing; buttons go on the last message that has room.
 */
export function renderMessage(original: Message, options: RenderOptions = {}): DiscordMessage[] {
  const msg = options.rewrite ? options.rewrite(original) : original;
  const pages: DiscordMessage[] = [];
  // With a neutral preview, the content (what a push notification shows) is the preview alone
  // and the message itself travels in embeds, which notifications do not show.
  if (msg.preview) {
    const plain = isPlain(msg) ? [{ type: 'text' as const, text: msg.blocks.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('\n') || msg.text }] : msg.blocks;
    const packed = packEmbeds(blocksToEmbeds(plain));
    packed.forEach((embeds, i) => pages.push({ ...(i === 0 ? { content: msg.preview } : {}), embeds, allowed_mentions: NO_PINGS }));
  } else if (isPlain(msg)) {
    const texts = msg.blocks.flatMap((b) => (b.type === 'text' ? [b.text] : []));
    const text = texts.length ? texts.join('\n') : msg.text;
    for (const content of chunkText(text, LIMITS.content)) pages.push({ content, allowed_mentions: NO_PINGS });
  } else {
    for (const embeds of packEmbeds(blocksToEmbeds(msg.blocks))) pages.push({ embeds, allowed_mentions: NO_PINGS });
  }
  if (pages.length === 0) pages.push({ content: msg.text || '…', allowed_mentions: NO_PINGS });
  const { rows, dropped } = buttonsToRows(msg.blocks, options.guildId);
  if (dropped.length) options.onDroppedButtons?.(dropped.map((b) => b.label));
  for (let i = 0; i < rows.length; i += LIMITS.actionRows) {
    const chunk = rows.slice(i, i + LIMITS.actionRows);
    if (i === 0) pages[pages.length - 1]!.components = chunk;
    else pages.push({ content: 'More choices:', components: chunk, allowed_mentions: NO_PINGS });
  }
  return pages;
}

/** All visible text of a rendered message, for logs and tests. */
export function visibleText(page: DiscordMessage): string {
  const embedText = (page.embeds ?? []).flatMap((e) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])]);
  return [page.content ?? '', ...embedText].filter(Boolean).join('\n');
}
