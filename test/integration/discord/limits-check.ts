import { expect } from 'vitest';
import { fixture } from './signed-requests.js';

const limits = fixture('limits.json').verified;
const v = (section: string, key: string): number => limits[section][key].value;

/** Fails when a message body breaks one of Discord's documented limits (from the fixture, not the adapter). */
export function expectWithinMessageLimits(body: any): void {
  expect((body.content ?? '').length).toBeLessThanOrEqual(v('message', 'content_max_chars'));
  const embeds = body.embeds ?? [];
  expect(embeds.length).toBeLessThanOrEqual(v('message', 'embeds_max_per_message'));
  let total = 0;
  for (const e of embeds) {
    expect((e.title ?? '').length).toBeLessThanOrEqual(v('embed', 'title_max_chars'));
    expect((e.description ?? '').length).toBeLessThanOrEqual(v('embed', 'description_max_chars'));
    expect((e.fields ?? []).length).toBeLessThanOrEqual(v('embed', 'fields_max'));
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(v('embed', 'field_name_max_chars'));
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.value.length).toBeLessThanOrEqual(v('embed', 'field_value_max_chars'));
    }
    total += (e.title ?? '').length + (e.description ?? '').length + (e.fields ?? []).reduce((n: number, f: any) => n + f.name.length + f.value.length, 0);
  }
  expect(total).toBeLessThanOrEqual(v('embed', 'total_chars_all_embeds_in_message'));
  const rows = body.components ?? [];
  expect(rows.length).toBeLessThanOrEqual(v('components', 'legacy_action_rows_per_message'));
  for (const row of rows) {
    const buttons = row.components.filter((c: any) => c.type === 2);
    const selects = row.components.filter((c: any) => c.type === 3);
    expect(buttons.length).toBeLessThanOrEqual(v('components', 'buttons_per_action_row'));
    expect(selects.length === 0 || (selects.length === 1 && buttons.length === 0)).toBe(true);
    for (const c of row.components) {
      expect(c.custom_id.length).toBeLessThanOrEqual(v('components', 'custom_id_max_chars'));
      if (c.type === 2) expect(c.label.length).toBeLessThanOrEqual(v('components', 'button_label_max_chars'));
      if (c.type === 3) expect(c.options.length).toBeLessThanOrEqual(v('components', 'string_select_options_max'));
    }
  }
  expect(body.content || embeds.length || rows.length).toBeTruthy();
}

export function expectWithinModalLimits(modal: any): void {
  expect(modal.title.length).toBeLessThanOrEqual(v('modal', 'title_max_chars'));
  expect(modal.custom_id.length).toBeLessThanOrEqual(v('modal', 'custom_id_max_chars'));
  const [min, max] = limits.modal.components_min_max.value;
  expect(modal.components.length).toBeGreaterThanOrEqual(min);
  expect(modal.components.length).toBeLessThanOrEqual(max);
  for (const label of modal.components) {
    if (label.type === 10) {
      expect(label.content.length).toBeLessThanOrEqual(4000);
      continue;
    }
    expect(label.type).toBe(18);
    expect(label.label.length).toBeLessThanOrEqual(v('modal', 'label_component_label_max_chars'));
    expect((label.description ?? '').length).toBeLessThanOrEqual(v('modal', 'label_component_description_max_chars'));
    const c = label.component;
    if (c.type === 4) {
      expect((c.placeholder ?? '').length).toBeLessThanOrEqual(v('modal', 'text_input_placeholder_max_chars'));
      expect((c.value ?? '').length).toBeLessThanOrEqual(v('modal', 'text_input_value_max_chars'));
    }
    if (c.type === 3) expect(c.options.length).toBeLessThanOrEqual(v('components', 'string_select_options_max'));
  }
}
