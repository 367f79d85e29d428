import type { Form, FormInput } from '../../core/messages/model.js';
import { LIMITS, clip } from './limits.js';

export interface TextInput {
  type: 4;
  custom_id: string;
  style: 1 | 2;
  required: boolean;
  placeholder?: string;
  value?: string;
  min_length?: number;
  max_length?: number;
}

export interface ModalSelect {
  type: 3;
  custom_id: string;
  required: boolean;
  min_values: number;
  /** 1 for a choice; the number of options for a multi-choice (any of them). */
  max_values: number;
  placeholder?: string;
  options: { label: string; value: string; description?: string; default?: boolean }[];
}

/** The current modal layout: each input wrapped in a Label (type 18). */
export interface LabelComponent {
  type: 18;
  label: string;
  description?: string;
  component: TextInput | ModalSelect;
}

/** Read-only text in a modal: the whole wording of an input whose label is too long for a Label. */
export interface TextDisplay {
  type: 10;
  content: string;
}

export interface Modal {
  custom_id: string;
  title: string;
  components: (LabelComponent | TextDisplay)[];
}

/** The one input that collects every answer past the first four when a form has more than five. */
export const MORE_INPUT_ID = '__more';
const DATE_HINT = 'YYYY-MM-DD';

/** A label past the Label's 45 characters and its description's 100 is shown in full above it. */
const needsText = (input: FormInput) => input.label.length > LIMITS.labelDescription;

const described = (label: string, hint?: string) => {
  const text = clip(label, LIMITS.labelText);
  const rest = label.length > LIMITS.labelDescription ? 'Read the full text above.' : label;
  const description = text === label ? hint : hint ? `${rest} — ${hint}` : rest;
  return { label: text, ...(description ? { description: clip(description, LIMITS.labelDescription) } : {}) };
};

function textInput(id: string, style: 1 | 2, input: { optional?: boolean; placeholder?: string; initial?: string; maxLength?: number }): TextInput {
  return {
    type: 4,
    custom_id: id,
    style,
    required: !input.optional,
    ...(input.placeholder ? { placeholder: clip(input.placeholder, LIMITS.textInputPlaceholder) } : {}),
    ...(input.initial ? { value: clip(input.initial, LIMITS.textInputMax) } : {}),
    max_length: Math.min(input.maxLength ?? LIMITS.textInputMax, LIMITS.textInputMax),
  };
}

const choicesFit = (input: Extract<FormInput, { kind: 'choice' | 'multi-choice' }>) =>
  input.choices.length > 0 && input.choices.length <= LIMITS.selectOptions && input.choices.every((c) => c.value.length <= LIMITS.selectOption);

/**
 * One core input as a labelled modal component: text and multiline as text inputs, a choice as a
 * select menu (or, past 25 choices, a text input naming the allowed values, which the core
 * validates), a date as a text input in YYYY-MM-DD that the core parses.
 */
function renderInput(input: FormInput): LabelComponent {
  switch (input.kind) {
    case 'text':
    case 'multiline':
      return { type: 18, ...described(input.label), component: textInput(input.id, input.kind === 'text' ? 1 : 2, input) };
    case 'date':
      return { type: 18, ...described(input.label, DATE_HINT), component: { ...textInput(input.id, 1, { ...input, placeholder: DATE_HINT }), ...(input.optional ? {} : { min_length: 10 }), max_length: 10 } };
    case 'choice': {
      if (!choicesFit(input)) {
        const allowed = `One of: ${input.choices.map((c) => c.value).join(', ')}`;
        return { type: 18, ...described(input.label, allowed), component: textInput(input.id, 1, { ...input, placeholder: allowed }) };
      }
      const options = input.choices.map((c) => ({ label: clip(c.label, LIMITS.selectOption), value: c.value, ...(c.value === input.initial ? { default: true } : {}) }));
      return { type: 18, ...described(input.label), component: { type: 3, custom_id: input.id, required: !input.optional, min_values: input.optional ? 0 : 1, max_values: 1, placeholder: 'Choose…', options } };
    }
    case 'multi-choice':
      return multiSelect(input);
  }
}

/** The label's words that do not fit an option's line continue in its description. */
function optionText(label: string): { label: string; description?: string } {
  if (label.length <= LIMITS.selectOption) return { label };
  const space = label.lastIndexOf(' ', LIMITS.selectOption);
  const cut = space > LIMITS.selectOption / 2 ? space : LIMITS.selectOption - 1;
  return { label: cut === space ? label.slice(0, cut) : `${label.slice(0, cut)}…`, description: clip(label.slice(cut).trim(), LIMITS.selectOption) };
}

/** Any number of choices: a select whose max_values is every option (past 25, typed values the core checks). */
function multiSelect(input: Extract<FormInput, { kind: 'multi-choice' }>): LabelComponent {
  if (!choicesFit(input)) {
    const allowed = `Any of, separated by commas: ${input.choices.map((c) => c.value).join(', ')}`;
    return { type: 18, ...described(input.label, allowed), component: textInput(input.id, 1, { ...input, placeholder: allowed }) };
  }
  const chosen = new Set((input.initial ?? '').split(',').map((v) => v.trim()));
  const options = input.choices.map((c) => ({ ...optionText(c.label), value: c.value, ...(chosen.has(c.value) ? { default: true } : {}) }));
  const component: ModalSelect = { type: 3, custom_id: input.id, required: !input.optional, min_values: input.optional ? 0 : 1, max_values: options.length, placeholder: input.optional ? 'Choose any that apply, or none' : 'Choose any that apply', options };
  return { type: 18, ...described(input.label), component };
}

function hintFor(input: FormInput): string {
  if (input.kind === 'date') return ` (${DATE_HINT})`;
  if (input.kind === 'choice') return ` (${input.choices.map((c) => c.value).join(' / ')})`;
  if (input.kind === 'multi-choice') return ` (any of, with commas: ${input.choices.map((c) => c.value).join(', ')})`;
  return '';
}

/** How the combined input names one input: its label, with the allowed values or date format. */
export const moreKey = (i: FormInput): string => `${clip(i.label, LIMITS.labelDescription)}${hintFor(i)}${i.optional ? ' (optional)' : ''}`;

/** The template of the combined input: one `Label (hint): answer` line per input. */
export const moreTemplate = (inputs: FormInput[]): string => inputs.map((i) => `${moreKey(i)}: ${i.initial ?? ''}`).join('\n');

/** How many inputs get their own component: Discord allows five components, text displays included. */
function ownCount(inputs: FormInput[]): number {
  for (let k = Math.min(inputs.length, LIMITS.modalComponents); k > 0; k--) {
    const own = inputs.slice(0, k);
    const rest = inputs.slice(k);
    const used = k + own.filter(needsText).length + (rest.length ? 1 : 0) + (rest.some(needsText) ? 1 : 0);
    if (used <= LIMITS.modalComponents) return k;
  }
  return 0;
}

/**
 * A core form as a Discord modal. Discord allows five components; a longer form keeps as many
 * inputs as fit and gathers the rest in one multi-line input pre-filled with a line per answer,
 * read back by read-modal.ts with the form kept under `stashKey`: one modal, nothing lost. A label
 * too long for Discord (a release's whole wording) is shown in full as text above its input.
 */
export function renderModal(form: Form, customId: string, stashKey?: () => string): Modal {
  const k = ownCount(form.inputs);
  const own = form.inputs.slice(0, k);
  const rest = form.inputs.slice(k);
  const texts = own.filter(needsText).length + (rest.some(needsText) ? 1 : 0);
  const textMax = Math.floor(LIMITS.textInputMax / Math.max(1, texts));
  const components: Modal['components'] = own.flatMap((input) => [...(needsText(input) ? [{ type: 10 as const, content: clip(input.label, textMax) }] : []), renderInput(input)]);
  if (rest.length) {
    const long = rest.filter(needsText);
    if (long.length) components.push({ type: 10, content: clip(long.map((i) => i.label).join('\n\n'), textMax) });
    components.push({
      type: 18,
      label: 'More answers',
      description: 'Write each answer after its colon; an answer may take several lines.',
      component: { type: 4, custom_id: stashKey ? `${MORE_INPUT_ID}|${stashKey()}` : MORE_INPUT_ID, style: 2, required: rest.some((i) => !i.optional), value: clip(moreTemplate(rest), LIMITS.textInputMax), max_length: LIMITS.textInputMax },
    });
  }
  return { custom_id: customId, title: clip(form.title, LIMITS.modalTitle), components };
}
