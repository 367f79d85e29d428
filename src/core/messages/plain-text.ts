import type { Block, Button } from './model.js';
import { progressBar } from './progress-bar.js';
import { formatLocal } from '../time/local-date.js';

const num = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/**
 * A plain-text version of blocks: the `text` fallback of a message (notifications, screen readers)
 * and the console's output. Buttons are left out unless a renderer for them is given.
 */
export function renderPlainLines(blocks: Block[], buttons: (b: Button[]) => string[] = () => []): string[] {
  return blocks
    .flatMap((block): string[] => {
      switch (block.type) {
        case 'heading':
        case 'text':
          return [block.text];
        case 'fields':
          return block.fields.map((f) => `${f.label}: ${f.value}`);
        case 'progress':
          return [`${block.label}: ${progressBar(block.value, block.target)} ${num(block.value)}/${num(block.target)} ${block.unit}`];
        case 'list':
          return block.items.map((i) => `• ${i}`);
        case 'actions':
          return buttons(block.buttons);
        case 'divider':
          return ['—'];
        case 'time':
          return [`${block.before ?? ''}${timeFallback(block)}${block.after ?? ''}`];
      }
    });
}

/** A time element where the reader's zone is unknown: in its fallback zone, named. */
export const timeFallback = (block: Extract<Block, { type: 'time' }>): string =>
  `${formatLocal(new Date(block.at), block.fallbackZone)} ${block.fallbackZone === 'UTC' ? 'UTC' : `(${block.fallbackZone})`}`;

export const renderPlain = (blocks: Block[]): string => renderPlainLines(blocks).join('\n');
