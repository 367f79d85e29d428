import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { z } from 'zod';
import type { Form, FormInput, Message } from '../../core/messages/model.js';
import { chunk, fit, LIMITS } from './limits.js';
import { renderBlocks } from './render-blocks.js';
import { TrellisError } from '../../core/errors.js';

/** Every modal of ours has this callback id prefix; the rest is the core's form id. */
export const FORM_CALLBACK_PREFIX = 'trellis:';
/** A modal that only shows a message (a reply to a button on App Home). */
export const RESULT_CALLBACK_ID = 'trellis-result';

/**
 * What rides along in `private_metadata` (max 3,000 characters): the core's opaque context,
 * where the form was opened (to answer there), and choice values too long for an option value.
 */
export const ZModalMetadata = z.object({
  context: z.string().optional(),
  channelId: z.string().optional(),
  responseUrl: z.url().optional(),
  /** The form was opened by a message button: its label and the message's text, to replace it once the form is sent. */
  pressed: z.object({ label: z.string().optional(), text: z.string().optional() }).optional(),
  longChoices: z.record(z.string(), z.array(z.string())).optional(),
});
export type ModalMetadata = z.infer<typeof ZModalMetadata>;

const plain = (text: string, max: number) => ({ type: 'plain_text' as const, text: fit(text, max), emoji: true });

function option(value: string, label: string, longValues: string[]): PlainTextOption {
  // A value Slack would reject is sent as its position and mapped back on submission.
  const wire = value.length <= LIMITS.optionValue ? value : `~${longValues.push(value) - 1}`;
  return { text: plain(label, LIMITS.optionText), value: wire };
}

function choiceElement(input: Extract<FormInput, { kind: 'choice' }>, metadata: ModalMetadata): InputBlock['element'] {
  const longValues: string[] = [];
  const options = input.choices.map((c) => option(c.value, c.label, longValues));
  if (longValues.length) metadata.longChoices = { ...metadata.longChoices, [input.id]: longValues };
  const initial = input.initial === undefined ? undefined : options[input.choices.findIndex((c) => c.value === input.initial)];
  return { type: 'static_select', action_id: input.id, ...(initial ? { initial_option: initial } : {}), ...selectOptions(options) };
}

/** A select menu's options; more than 100 go in groups (Slack allows 100 groups of 100 options each). */
function selectOptions(options: PlainTextOption[]): { options: PlainTextOption[] } | { option_groups: { label: ReturnType<typeof plain>; options: PlainTextOption[] }[] } {
  if (options.length <= LIMITS.selectOptions) return { options };
  const groups = chunk(options, LIMITS.selectOptions).slice(0, LIMITS.optionGroups);
  return { option_groups: groups.map((g, i) => ({ label: plain(`${i * LIMITS.selectOptions + 1}–${i * LIMITS.selectOptions + g.length}`, LIMITS.optionText), options: g })) };
}

/** A label too long for one option line: the words that fit, and the rest as the option's description. */
export function splitLabel(label: string, max: number): { text: string; description?: string } {
  const chars = Array.from(label);
  if (chars.length <= max) return { text: label };
  const head = chars.slice(0, max + 1).join('');
  const space = head.lastIndexOf(' ');
  // A break between words when there is one in the second half of the line; otherwise mid-word.
  const cut = space > max / 2 ? space : max - 1;
  return { text: cut === space ? head.slice(0, cut) : `${head.slice(0, cut)}…`, description: chars.slice(cut).join('').trim() };
}

/**
 * Any number of choices: checkboxes (Slack allows ten), else a multi-select. A long label keeps
 * all its words: what does not fit the option's line continues in its description.
 */
function multiChoiceElement(input: Extract<FormInput, { kind: 'multi-choice' }>, metadata: ModalMetadata): InputBlock['element'] {
  const longValues: string[] = [];
  const wire = input.choices.map((c) => option(c.value, c.label, longValues).value!);
  if (longValues.length) metadata.longChoices = { ...metadata.longChoices, [input.id]: longValues };
  const chosen = new Set((input.initial ?? '').split(',').map((v) => v.trim()).filter(Boolean));
  const picked = <T,>(options: T[]) => options.filter((_, i) => chosen.has(input.choices[i]!.value));
  if (input.choices.length <= LIMITS.checkboxOptions) {
    const boxes = input.choices.map((c, i) => {
      const { text, description } = splitLabel(c.label, LIMITS.optionText);
      return { text: plain(text, LIMITS.optionText), value: wire[i]!, ...(description ? { description: plain(description, LIMITS.optionText) } : {}) };
    });
    return { type: 'checkboxes', action_id: input.id, options: boxes, ...(picked(boxes).length ? { initial_options: picked(boxes) } : {}) };
  }
  // A select menu's options have no description: the label, cut to fit, is the whole option.
  const options: PlainTextOption[] = input.choices.map((c, i) => ({ text: plain(c.label, LIMITS.optionText), value: wire[i]! }));
  return { type: 'multi_static_select', action_id: input.id, ...selectOptions(options), ...(picked(options).length ? { initial_options: picked(options) } : {}) };
}

function inputBlock(input: FormInput, metadata: ModalMetadata): InputBlock {
  const common = { type: 'input' as const, block_id: input.id, label: plain(input.label, LIMITS.inputLabel), optional: Boolean(input.optional) };
  if (input.kind === 'choice') return { ...common, element: choiceElement(input, metadata) };
  if (input.kind === 'multi-choice') return { ...common, element: multiChoiceElement(input, metadata) };
  if (input.kind === 'date') return { ...common, element: { type: 'datepicker', action_id: input.id, ...(input.initial ? { initial_date: input.initial } : {}) } };
  return {
    ...common,
    element: {
      type: 'plain_text_input',
      action_id: input.id,
      multiline: input.kind === 'multiline',
      ...(input.placeholder ? { placeholder: plain(input.placeholder, LIMITS.placeholder) } : {}),
      ...(input.initial ? { initial_value: input.initial } : {}),
      max_length: Math.min(input.maxLength ?? LIMITS.inputMaxLength, LIMITS.inputMaxLength),
    },
  };
}

export class FormTooLargeError extends TrellisError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { code: 'FORM_TOO_LARGE', cause: options?.cause });
    this.name = 'FormTooLargeError';
  }
}

/** A core form as a Slack modal. `origin` says where to answer once it is submitted. */
export function renderModal(form: Form, origin: Omit<ModalMetadata, 'context' | 'longChoices'> = {}): ModalView {
  const metadata: ModalMetadata = { context: form.context, ...origin };
  const blocks: KnownBlock[] = form.inputs.map((input) => inputBlock(input, metadata));
  if (blocks.length > LIMITS.blocksPerView) throw new FormTooLargeError(`form ${form.id} has ${blocks.length} inputs; a modal holds ${LIMITS.blocksPerView}`);
  let privateMetadata = JSON.stringify(metadata);
  // The pressed message's text, then the reply address are conveniences; the context is not optional.
  if (privateMetadata.length > LIMITS.privateMetadata) privateMetadata = JSON.stringify({ ...metadata, pressed: metadata.pressed && { label: metadata.pressed.label } });
  if (privateMetadata.length > LIMITS.privateMetadata) privateMetadata = JSON.stringify({ ...metadata, responseUrl: undefined, pressed: undefined });
  if (privateMetadata.length > LIMITS.privateMetadata) throw new FormTooLargeError(`form ${form.id} carries more than ${LIMITS.privateMetadata} characters of context`);
  return {
    type: 'modal',
    callback_id: `${FORM_CALLBACK_PREFIX}${form.id}`.slice(0, LIMITS.callbackId),
    title: plain(form.title, LIMITS.viewTitle),
    submit: plain(form.submitLabel, LIMITS.viewSubmit),
    close: plain('Cancel', LIMITS.viewClose),
    private_metadata: privateMetadata,
    blocks,
  };
}

/** A read-only modal showing a message (the answer to a button pressed on App Home). */
export function renderResultModal(msg: Message): ModalView {
  const blocks = renderBlocks(msg.blocks).slice(0, LIMITS.blocksPerView);
  return { type: 'modal', callback_id: RESULT_CALLBACK_ID, title: plain('Trellis', LIMITS.viewTitle), close: plain('Done', LIMITS.viewClose), blocks };
}
