import type { Block, Button } from '../../core/messages/model.js';
import { buttonId, selectId, selectOptionValue } from './custom-id.js';
import { LIMITS, clip } from './limits.js';

export interface ButtonComponent {
  type: 2;
  style: 1 | 2 | 4;
  label: string;
  custom_id: string;
}

export interface SelectComponent {
  type: 3;
  custom_id: string;
  placeholder: string;
  min_values: 1;
  max_values: 1;
  options: { label: string; value: string }[];
}

export interface ActionRow {
  type: 1;
  components: (ButtonComponent | SelectComponent)[];
}

const STYLE = { primary: 1, danger: 4 } as const;

export interface RenderedRows {
  rows: ActionRow[];
  /** Buttons whose action and value could not fit in a custom_id (logged by the caller). */
  dropped: Button[];
}

/**
 * The core's buttons as message components. A block of up to five buttons is one row of buttons;
 * a longer block becomes select menus (25 options each), which keeps long lists usable within
 * Discord's five rows per message.
 */
export function buttonsToRows(blocks: Block[], guildId?: string): RenderedRows {
  const rows: ActionRow[] = [];
  const dropped: Button[] = [];
  let n = 0;
  for (const block of blocks) {
    if (block.type !== 'actions' || block.buttons.length === 0) continue;
    if (block.buttons.length <= LIMITS.buttonsPerRow) {
      const components: ButtonComponent[] = [];
      for (const b of block.buttons) {
        const id = buttonId(n++, guildId, b.action, b.value);
        if (id) components.push({ type: 2, style: b.style ? STYLE[b.style] : 2, label: clip(b.label, LIMITS.buttonLabel), custom_id: id });
        else dropped.push(b);
      }
      if (components.length) rows.push({ type: 1, components });
      continue;
    }
    const options: { label: string; value: string }[] = [];
    for (const b of block.buttons) {
      const value = selectOptionValue(b.action, b.value);
      if (value) options.push({ label: clip(b.label, LIMITS.selectOption), value });
      else dropped.push(b);
    }
    for (let i = 0; i < options.length; i += LIMITS.selectOptions) {
      const chunk = options.slice(i, i + LIMITS.selectOptions);
      rows.push({ type: 1, components: [{ type: 3, custom_id: selectId(n++, guildId), placeholder: 'Choose…', min_values: 1, max_values: 1, options: chunk }] });
    }
  }
  return { rows, dropped };
}
