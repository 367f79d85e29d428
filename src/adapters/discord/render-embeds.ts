import type { Block, Field } from '../../core/messages/model.js';
import { progressBar } from '../../core/messages/progress-bar.js';
import { LIMITS, clip } from './limits.js';

export interface EmbedField {
  name: string;
  value: string;
  inline?: boolean;
}

export interface Embed {
  title?: string;
  description?: string;
  fields?: EmbedField[];
  color?: number;
}

const COLOR = 0x2f855a;
/** Discord rejects empty field names and values. */
const BLANK = '\u200b';

interface Segment {
  title?: string;
  lines: string[];
  fields: Field[];
}

const num = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/**
 * Groups blocks into embed-sized segments in reading order: a heading or divider starts a new
 * embed, and text after fields does too (Discord always draws fields below the description).
 */
function segments(blocks: Block[]): Segment[] {
  const out: Segment[] = [];
  let current: Segment = { lines: [], fields: [] };
  const flush = () => {
    if (current.title || current.lines.length || current.fields.length) out.push(current);
    current = { lines: [], fields: [] };
  };
  const addLines = (lines: string[]) => {
    if (current.fields.length) flush();
    current.lines.push(...lines);
  };
  for (const block of blocks) {
    switch (block.type) {
      case 'heading':
        flush();
        current.title = block.text;
        break;
      case 'text':
        addLines([block.text]);
        break;
      case 'list':
        addLines(block.items.map((i) => `• ${i}`));
        break;
      case 'progress':
        addLines([`**${block.label}**`, `${progressBar(block.value, block.target)} ${num(block.value)}/${num(block.target)} ${block.unit}`]);
        break;
      case 'fields':
        current.fields.push(...block.fields);
        break;
      case 'divider':
        flush();
        break;
      case 'actions':
        break;
      case 'time':
        // Discord shows <t:…:F> in each reader's own zone.
        addLines([`${block.before ?? ''}<t:${Math.floor(new Date(block.at).getTime() / 1000)}:F>${block.after ?? ''}`]);
        break;
    }
  }
  flush();
  return out;
}

/** Splits text into chunks of at most `max` characters, at line breaks where possible. */
export function chunkText(text: string, max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const pieces = line.length > max ? (line.match(new RegExp(`[\\s\\S]{1,${max}}`, 'g')) ?? []) : [line];
    for (const piece of pieces) {
      const next = current ? `${current}\n${piece}` : piece;
      if (next.length > max) {
        if (current) chunks.push(current);
        current = piece;
      } else current = next;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}

/** Long field values continue in further fields of the same name, never cut. */
function toEmbedFields(fields: Field[]): EmbedField[] {
  return fields.flatMap((f) => {
    const name = clip(f.label.trim() || BLANK, LIMITS.fieldName);
    const values = chunkText(f.value.trim() || BLANK, LIMITS.fieldValue);
    return values.map((value, i) => ({ name: i === 0 ? name : clip(`${name} (cont.)`, LIMITS.fieldName), value, inline: name.length <= 40 && value.length <= 40 }));
  });
}

export function embedSize(e: Embed): number {
  return (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
}

/** One segment as one or more embeds, each within the description, field-count and 6000-character limits. */
function segmentEmbeds(segment: Segment): Embed[] {
  const embeds: Embed[] = [];
  const title = segment.title ? clip(segment.title, LIMITS.embedTitle) : undefined;
  const descriptions = chunkText(segment.lines.join('\n'), LIMITS.embedDescription);
  descriptions.forEach((description, i) => embeds.push({ ...(i === 0 && title ? { title } : {}), description, color: COLOR }));
  if (embeds.length === 0) embeds.push({ ...(title ? { title } : {}), color: COLOR });
  for (const field of toEmbedFields(segment.fields)) {
    let last = embeds[embeds.length - 1]!;
    const count = last.fields?.length ?? 0;
    if (count >= LIMITS.embedFields || embedSize(last) + field.name.length + field.value.length > LIMITS.embedTotal) {
      last = { color: COLOR };
      embeds.push(last);
    }
    last.fields = [...(last.fields ?? []), field];
  }
  return embeds;
}

export function blocksToEmbeds(blocks: Block[]): Embed[] {
  return segments(blocks).flatMap(segmentEmbeds);
}

/** Packs embeds into messages of at most 10 embeds and 6000 characters. */
export function packEmbeds(embeds: Embed[]): Embed[][] {
  const pages: Embed[][] = [];
  let page: Embed[] = [];
  let size = 0;
  for (const embed of embeds) {
    const n = embedSize(embed);
    if (page.length && (page.length >= LIMITS.embedsPerMessage || size + n > LIMITS.embedTotal)) {
      pages.push(page);
      page = [];
      size = 0;
    }
    page.push(embed);
    size += n;
  }
  if (page.length) pages.push(page);
  return pages;
}
