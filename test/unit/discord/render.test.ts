import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buttonId, formId, parseCustomId, parseSelectOption, selectOptionValue } from '../../../src/adapters/discord/custom-id.js';
import { LIMITS } from '../../../src/adapters/discord/limits.js';
import { renderMessage, visibleText } from '../../../src/adapters/discord/render-message.js';
import { message, type Block, type Button } from '../../../src/core/messages/model.js';
import { expectWithinMessageLimits } from '../../integration/discord/limits-check.js';

const limits = JSON.parse(readFileSync(new URL('../../fixtures/discord/limits.json', import.meta.url), 'utf8')).verified;
const buttons = (n: number, label = (i: number) => `Option ${i}`): Block => ({ type: 'actions', buttons: Array.from({ length: n }, (_, i): Button => ({ action: 'test.pick', value: `v${i}`, label: label(i) })) });

describe('Discord limits', () => {
  it('match the documented numbers in the limits fixture', () => {
    expect([LIMITS.content, LIMITS.embedsPerMessage, LIMITS.embedDescription, LIMITS.embedFields, LIMITS.fieldValue, LIMITS.embedTotal]).toEqual([
      limits.message.content_max_chars.value, limits.message.embeds_max_per_message.value, limits.embed.description_max_chars.value,
      limits.embed.fields_max.value, limits.embed.field_value_max_chars.value, limits.embed.total_chars_all_embeds_in_message.value,
    ]);
    expect([LIMITS.actionRows, LIMITS.buttonsPerRow, LIMITS.customId, LIMITS.buttonLabel, LIMITS.selectOptions, LIMITS.modalTitle, LIMITS.modalComponents, LIMITS.labelText]).toEqual([
      limits.components.legacy_action_rows_per_message.value, limits.components.buttons_per_action_row.value, limits.components.custom_id_max_chars.value,
      limits.components.button_label_max_chars.value, limits.components.string_select_options_max.value, limits.modal.title_max_chars.value,
      limits.modal.components_min_max.value[1], limits.modal.label_component_label_max_chars.value,
    ]);
    expect(LIMITS.commandTotalChars).toBe(limits.application_command.combined_chars_per_command.value);
    expect(LIMITS.stringOptionLength).toBe(limits.application_command.string_option_min_max_length_bound.value);
  });
});

describe('renderMessage', () => {
  it('sends a text-only reply as plain content, with no pings', () => {
    expect(renderMessage(message('Thanks — the call is confirmed.'))).toEqual([{ content: 'Thanks — the call is confirmed.', allowed_mentions: { parse: [] } }]);
  });

  it('renders a status as embeds in reading order: title, inline fields, then progress bars as text', () => {
    const [page] = renderMessage(message('status', [
      { type: 'heading', text: 'Pilot — mentor' },
      { type: 'fields', fields: [{ label: 'Program week', value: 'Week 3 of 40' }, { label: 'Phase', value: 'Foundations' }] },
      { type: 'progress', label: 'Supervision calls this phase', value: 2, target: 3, unit: 'kept' },
      { type: 'divider' },
      { type: 'heading', text: 'Next' },
      { type: 'list', items: ['A supervision call is due this week.'] },
    ]));
    expect(page!.embeds!.map((e) => e.title)).toEqual(['Pilot — mentor', undefined, 'Next']);
    expect(page!.embeds![0]!.fields).toEqual([{ name: 'Program week', value: 'Week 3 of 40', inline: true }, { name: 'Phase', value: 'Foundations', inline: true }]);
    expect(page!.embeds![1]!.description).toBe('**Supervision calls this phase**\n▰▰▰▰▰▰▰▱▱▱ 2/3 kept');
    expect(page!.embeds![2]!.description).toBe('• A supervision call is due this week.');
  });

  it('splits long content at line breaks into messages of at most 2000 characters, losing nothing', () => {
    const text = Array.from({ length: 100 }, (_, i) => `line ${i} ${'a'.repeat(50)}`).join('\n');
    const pages = renderMessage(message(text));
    expect(pages.length).toBeGreaterThan(1);
    for (const p of pages) expectWithinMessageLimits(p);
    expect(pages.map((p) => p.content).join('\n')).toBe(text);
  });

  it('keeps descriptions, fields, field values and totals within limits, continuing long values in further fields', () => {
    const pages = renderMessage(message('big', [
      { type: 'heading', text: 'T'.repeat(400) },
      { type: 'text', text: 'd'.repeat(9000) },
      { type: 'fields', fields: Array.from({ length: 40 }, (_, i) => ({ label: `F${i}`, value: 'v'.repeat(2500) })) },
    ]));
    for (const p of pages) expectWithinMessageLimits(p);
    const text = pages.map(visibleText).join('\n');
    expect(text.replace(/[^d]/g, '')).toHaveLength(9000);
    expect(text.replace(/[^v]/g, '')).toHaveLength(40 * 2500);
    expect(pages[0]!.embeds![0]!.title).toHaveLength(256);
  });

  it('renders up to five buttons as one row with labels of at most 80 characters', () => {
    const [page] = renderMessage(message('pick', [{ type: 'text', text: 'pick' }, buttons(5, () => 'L'.repeat(120))]));
    expectWithinMessageLimits(page);
    expect(page!.components).toHaveLength(1);
    expect(page!.components![0]!.components).toHaveLength(5);
  });

  it('turns a block of more than five buttons into select menus of 25 options each', () => {
    const [page] = renderMessage(message('pick', [{ type: 'text', text: 'pick' }, buttons(60)]));
    expectWithinMessageLimits(page);
    expect(page!.components!.map((r) => r.components[0]!.type)).toEqual([3, 3, 3]);
    const values = page!.components!.flatMap((r) => (r.components[0] as { options: { value: string }[] }).options.map((o) => parseSelectOption(o.value)!.value));
    expect(values).toEqual(Array.from({ length: 60 }, (_, i) => `v${i}`));
  });

  it('moves component rows past the fifth to a further message', () => {
    const blocks: Block[] = [{ type: 'text', text: 'pick' }, ...Array.from({ length: 7 }, () => buttons(2))];
    const pages = renderMessage(message('pick', blocks));
    expect(pages.map((p) => p.components?.length ?? 0)).toEqual([5, 2]);
    for (const p of pages) expectWithinMessageLimits(p);
    const ids = pages.flatMap((p) => p.components ?? []).flatMap((r) => r.components.map((c) => c.custom_id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('leaves out, and reports, a button whose action and value cannot fit in a custom_id', () => {
    const dropped: string[][] = [];
    const [page] = renderMessage(message('x', [{ type: 'text', text: 'x' }, { type: 'actions', buttons: [{ action: 'a.b', value: 'v'.repeat(120), label: 'Too long' }, { action: 'a.b', value: 'ok', label: 'Fine' }] }]), { onDroppedButtons: (l) => dropped.push(l) });
    expect(page!.components![0]!.components.map((c) => (c as { label: string }).label)).toEqual(['Fine']);
    expect(dropped).toEqual([['Too long']]);
  });
});

describe('custom ids', () => {
  it('carry a button’s action, value (even with bars) and the DM’s server, within 100 characters', () => {
    const id = buttonId(3, '290926798626357999', 'call.confirm', 'abc|def')!;
    expect(id.length).toBeLessThanOrEqual(100);
    expect(parseCustomId(id)).toEqual({ kind: 'button', guildId: '290926798626357999', action: 'call.confirm', value: 'abc|def' });
  });

  it('carry a form id and its context, and read anything else as unknown', () => {
    expect(parseCustomId(formId(undefined, 'log-call', 'enr-1')!)).toEqual({ kind: 'form', guildId: undefined, formId: 'log-call', context: 'enr-1' });
    expect(parseCustomId(formId(undefined, 'release', undefined)!)).toEqual({ kind: 'form', guildId: undefined, formId: 'release', context: undefined });
    expect(parseCustomId('click_one')).toEqual({ kind: 'unknown', raw: 'click_one' });
    expect(selectOptionValue('a b', 'x')).toBeNull();
  });
});
