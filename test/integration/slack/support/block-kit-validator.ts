/**
 * Checks Slack payloads against Slack's published limits, read from test/fixtures/slack/limits.json
 * (not from the adapter's own constants), and returns every violation found.
 */
import { fixture } from './payloads.js';

const L = fixture<any>('limits.json').verified;
const v = (path: string): number => path.split('.').reduce((o, k) => o[k], L).value as number;

const LIM = {
  messageBlocks: v('surfaces.blocks_per_message'),
  viewBlocks: v('surfaces.blocks_per_modal'),
  homeBlocks: v('surfaces.blocks_per_home_tab'),
  title: v('modal_view.title_max_chars'),
  submit: v('modal_view.submit_max_chars'),
  close: v('modal_view.close_max_chars'),
  metadata: v('modal_view.private_metadata_max_chars'),
  callbackId: v('modal_view.callback_id_max_chars'),
  blockId: v('ids.block_id_max_chars'),
  actionId: v('ids.action_id_max_chars'),
  sectionText: v('section_block.text_max_chars'),
  buttonText: v('button_element.text_max_chars'),
  buttonValue: v('button_element.value_max_chars'),
  options: v('select_menus.static_select_options_max'),
  optionGroups: v('select_menus.option_groups_max'),
  optionText: v('option_object.text_max_chars'),
  groupOptions: v('option_object.option_group_options_max'),
  inputLabel: v('input_block.label_max_chars'),
  optionDescription: v('option_object.description_max_chars'),
  checkboxOptions: v('checkboxes.options_max'),
  placeholder: v('select_menus.placeholder_max_chars'),
};
const HEADER_TEXT = v('header_block.text_max_chars');
const FIELDS = v('section_block.fields_max_items');
const FIELD_TEXT = v('section_block.field_text_max_chars');
const ACTIONS_ELEMENTS = v('actions_block.elements_max');
const CONTEXT_ELEMENTS = v('context_block.elements_max');

const len = (s: unknown) => Array.from(String(s ?? '')).length;

export function blockViolations(blocks: any[], maxBlocks: number): string[] {
  const problems: string[] = [];
  if (blocks.length > maxBlocks) problems.push(`${blocks.length} blocks > ${maxBlocks}`);
  blocks.forEach((b, i) => {
    const at = `block ${i} (${b.type})`;
    if (b.block_id && len(b.block_id) > LIM.blockId) problems.push(`${at}: block_id too long`);
    if (b.type === 'header' && len(b.text?.text) > HEADER_TEXT) problems.push(`${at}: header text ${len(b.text.text)}`);
    if (b.type === 'section') {
      if (b.text && (len(b.text.text) > LIM.sectionText || len(b.text.text) === 0)) problems.push(`${at}: section text ${len(b.text.text)}`);
      if (b.fields && b.fields.length > FIELDS) problems.push(`${at}: ${b.fields.length} fields`);
      for (const f of b.fields ?? []) if (len(f.text) > FIELD_TEXT) problems.push(`${at}: field text ${len(f.text)}`);
    }
    if (b.type === 'actions') {
      if (b.elements.length > ACTIONS_ELEMENTS) problems.push(`${at}: ${b.elements.length} elements`);
      const ids = b.elements.map((e: any) => e.action_id);
      if (new Set(ids).size !== ids.length) problems.push(`${at}: duplicate action_id`);
      for (const e of b.elements) {
        if (len(e.action_id) > LIM.actionId) problems.push(`${at}: action_id ${len(e.action_id)}`);
        if (len(e.text?.text) > LIM.buttonText) problems.push(`${at}: button text ${len(e.text.text)}`);
        if (e.value !== undefined && len(e.value) > LIM.buttonValue) problems.push(`${at}: button value ${len(e.value)}`);
      }
    }
    if (b.type === 'context' && b.elements.length > CONTEXT_ELEMENTS) problems.push(`${at}: ${b.elements.length} context elements`);
    if (b.type === 'input') {
      const el = b.element;
      if (len(b.label?.text) > LIM.inputLabel) problems.push(`${at}: label ${len(b.label.text)}`);
      if (el.placeholder && len(el.placeholder.text) > LIM.placeholder) problems.push(`${at}: placeholder ${len(el.placeholder.text)}`);
      if (len(el.action_id) > LIM.actionId) problems.push(`${at}: action_id too long`);
      if (el.options && el.options.length > LIM.options) problems.push(`${at}: ${el.options.length} options`);
      if (el.option_groups && el.option_groups.length > LIM.optionGroups) problems.push(`${at}: ${el.option_groups.length} groups`);
      const opts = [...(el.options ?? []), ...(el.option_groups ?? []).flatMap((g: any) => g.options)];
      for (const g of el.option_groups ?? []) if (g.options.length > LIM.groupOptions) problems.push(`${at}: group of ${g.options.length}`);
      if (el.type === 'checkboxes' && el.options.length > LIM.checkboxOptions) problems.push(`${at}: ${el.options.length} checkboxes`);
      if (el.type === 'checkboxes' && el.option_groups) problems.push(`${at}: checkboxes cannot have option groups`);
      if (el.type !== 'checkboxes' && el.type !== 'radio_buttons' && opts.some((o: any) => o.description)) problems.push(`${at}: only checkboxes and radio buttons have option descriptions`);
      for (const o of opts) {
        if (len(o.text.text) > LIM.optionText) problems.push(`${at}: option text ${len(o.text.text)}`);
        if (o.description && len(o.description.text) > LIM.optionDescription) problems.push(`${at}: option description ${len(o.description.text)}`);
        // Slack's SDKs disagree (75/150); we hold ourselves to the stricter.
        if (len(o.value) > 75) problems.push(`${at}: option value ${len(o.value)}`);
      }
    }
  });
  return problems;
}

export function viewViolations(view: any): string[] {
  const problems = blockViolations(view.blocks, view.type === 'home' ? LIM.homeBlocks : LIM.viewBlocks);
  if (view.title && len(view.title.text) > LIM.title) problems.push(`title ${len(view.title.text)}`);
  if (view.submit && len(view.submit.text) > LIM.submit) problems.push(`submit ${len(view.submit.text)}`);
  if (view.close && len(view.close.text) > LIM.close) problems.push(`close ${len(view.close.text)}`);
  if (view.private_metadata && len(view.private_metadata) > LIM.metadata) problems.push(`private_metadata ${len(view.private_metadata)}`);
  if (view.callback_id && len(view.callback_id) > LIM.callbackId) problems.push(`callback_id ${len(view.callback_id)}`);
  return problems;
}

export const messageViolations = (msg: { blocks: any[] }) => blockViolations(msg.blocks, LIM.messageBlocks);
