import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSubmission } from '../../../src/adapters/slack/read-submission.js';
import { renderMessages } from '../../../src/adapters/slack/render-blocks.js';
import { renderHome } from '../../../src/adapters/slack/render-home.js';
import { FormTooLargeError, renderModal } from '../../../src/adapters/slack/render-modal.js';
import type { CommandSpec } from '../../../src/core/commands/types.js';
import { formReply, message, privateReply, type Block, type Form, type Message } from '../../../src/core/messages/model.js';
import { blockViolations, messageViolations, viewViolations } from './support/block-kit-validator.js';
import { blocksText, SlackTestApp } from './support/harness.js';

const words = (n: number, seed: string) => Array.from({ length: n }, (_, i) => `${seed}${i}`).join(' ');

/** Everything at once, past every limit: long heading, huge text, 300 list items, 25 fields, 60 buttons. */
function hugeMessage(): Message {
  const blocks: Block[] = [
    { type: 'heading', text: `Heading ${'x'.repeat(400)}` },
    { type: 'text', text: `${words(900, 'w')} <script>&` },
    { type: 'list', items: Array.from({ length: 300 }, (_, i) => `item-${i} ${'y'.repeat(180)}`) },
    { type: 'fields', fields: Array.from({ length: 25 }, (_, i) => ({ label: `Field ${i}`, value: 'v'.repeat(2500) })) },
    { type: 'progress', label: 'Calls', value: 3, target: 10, unit: 'kept' },
    { type: 'actions', buttons: Array.from({ length: 60 }, (_, i) => ({ action: 'share.toggle', value: `entry-${i}`, label: `Share entry number ${i} ${'z'.repeat(100)}` })) },
    ...Array.from({ length: 80 }, () => ({ type: 'divider' as const })),
  ];
  return message('A very long answer', blocks);
}

function bigForm(): Form {
  return {
    id: 'big-survey',
    title: 'A title far longer than Slack allows',
    submitLabel: 'Send my answers to the program now',
    context: 'match-123',
    inputs: [
      { kind: 'choice', id: 'field', label: 'Field', choices: Array.from({ length: 250 }, (_, i) => ({ value: `field-${i}`, label: `Field ${i} ${'q'.repeat(100)}` })) },
      { kind: 'choice', id: 'long', label: 'Long values', choices: [{ value: `v-${'L'.repeat(200)}`, label: 'Long one' }, { value: 'short', label: 'Short' }] },
      { kind: 'multiline', id: 'notes', label: 'Notes', optional: true, placeholder: 'p'.repeat(400), maxLength: 9000 },
      { kind: 'date', id: 'on', label: 'Date', initial: '2026-03-02' },
    ],
  };
}

describe('Block Kit within Slack limits', () => {
  it('splits a message past every limit into valid messages of at most 50 blocks, losing no list item or button', () => {
    const parts = renderMessages(hugeMessage());
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(messageViolations(part)).toEqual([]);
    const text = parts.map((p) => blocksText(p.blocks)).join('\n');
    for (let i = 0; i < 300; i++) expect(text).toContain(`item-${i} `);
    const buttons = parts.flatMap((p) => p.blocks.filter((b) => b.type === 'actions').flatMap((b: any) => b.elements));
    expect(buttons.map((b: any) => b.value)).toEqual(Array.from({ length: 60 }, (_, i) => `entry-${i}`));
    expect(text).toContain('<script>&');
    expect(JSON.stringify(parts)).not.toContain('<script>');
  });

  it('leaves out a button whose id cannot fit rather than cutting it into another id', () => {
    const [part] = renderMessages(message('x', [{ type: 'actions', buttons: [{ action: 'a'.repeat(300), value: '1', label: 'Too long' }, { action: 'ok', value: '2', label: 'Fine' }] }]));
    expect(JSON.stringify(part!.blocks)).not.toContain('Too long');
    expect(JSON.stringify(part!.blocks)).toContain('Fine');
  });

  it('renders a form past the limits as a valid modal whose answers read back exactly', () => {
    const view = renderModal(bigForm(), { channelId: 'C1', responseUrl: 'http://127.0.0.1:1/response/1' });
    expect(viewViolations(view)).toEqual([]);
    const field = view.blocks[0] as any;
    expect(field.element.option_groups).toHaveLength(3);
    const long = (view.blocks[1] as any).element.options[0].value;
    const submitted = readSubmission({
      callback_id: view.callback_id,
      private_metadata: view.private_metadata,
      state: { values: { field: { field: { type: 'static_select', selected_option: { value: 'field-249' } } }, long: { long: { type: 'static_select', selected_option: { value: long } } }, notes: { notes: { type: 'plain_text_input', value: null } }, on: { on: { type: 'datepicker', selected_date: '2026-03-05' } } } },
    });
    expect(submitted).toEqual({ formId: 'big-survey', values: { field: 'field-249', long: `v-${'L'.repeat(200)}`, on: '2026-03-05' }, metadata: expect.objectContaining({ context: 'match-123', channelId: 'C1' }) });
  });

  it('renders a multi-choice as checkboxes (long labels continued in the description) and past ten as a multi-select; ticked values read back joined by commas', () => {
    const situation = 'The client is drawn to an opportunity in a place that may be unsafe, or that carries risks of its own.';
    const boxes = renderModal({ id: 'log', title: 'Log', submitLabel: 'Log', inputs: [{ kind: 'multi-choice', id: 'check_ins', label: 'Did any happen?', optional: true, initial: 'stuck', choices: [
      { value: 'risky-setting', label: situation }, { value: 'stuck', label: 'You met strong resistance.' }, { value: `v-${'L'.repeat(100)}`, label: 'A long value' },
    ] }] });
    expect(viewViolations(boxes)).toEqual([]);
    const element = (boxes.blocks[0] as any).element;
    expect(element.type).toBe('checkboxes');
    expect(`${element.options[0].text.text} ${element.options[0].description.text}`).toBe(situation);
    expect(element.initial_options.map((o: any) => o.value)).toEqual(['stuck']);
    const read = readSubmission({ callback_id: boxes.callback_id, private_metadata: boxes.private_metadata, state: { values: { check_ins: { check_ins: { type: 'checkboxes', selected_options: [{ value: 'risky-setting' }, { value: element.options[2].value }] } } } } });
    expect(read.values).toEqual({ check_ins: `risky-setting,v-${'L'.repeat(100)}` });
    const none = readSubmission({ callback_id: boxes.callback_id, private_metadata: boxes.private_metadata, state: { values: { check_ins: { check_ins: { type: 'checkboxes', selected_options: [] } } } } });
    expect(none.values).toEqual({});
    const many = renderModal({ id: 'm', title: 'M', submitLabel: 'S', inputs: [{ kind: 'multi-choice', id: 'm', label: 'Many', choices: Array.from({ length: 11 }, (_, i) => ({ value: `c${i}`, label: `Choice ${i} ${'w'.repeat(90)}` })) }] });
    expect(viewViolations(many)).toEqual([]);
    expect((many.blocks[0] as any).element.type).toBe('multi_static_select');
  });

  it('refuses a form with more inputs than a modal holds', () => {
    const inputs = Array.from({ length: 101 }, (_, i) => ({ kind: 'text' as const, id: `i${i}`, label: `Input ${i}` }));
    expect(() => renderModal({ id: 'f', title: 'T', submitLabel: 'S', inputs })).toThrow(FormTooLargeError);
  });

  it('pages a long App Home, every page within 100 blocks', () => {
    const status = hugeMessage();
    const first = renderHome({ status, commands: [], page: 0, updatedLine: 'now' });
    const pageCount = Number(/page 1 of (\d+)/.exec(JSON.stringify(first))?.[1]);
    expect(pageCount).toBeGreaterThan(1);
    for (let page = 0; page < pageCount; page++) expect(viewViolations(renderHome({ status, commands: [], page, updatedLine: 'now' }))).toEqual([]);
    expect(blockViolations(first.blocks, 100)).toEqual([]);
  });
});

describe('long answers through Slack', () => {
  const long: CommandSpec = { path: ['long'], summary: 'long', args: [], requires: 'anyone', run: async () => privateReply(hugeMessage()) };
  const form: CommandSpec = { path: ['big-form'], summary: 'form', args: [], requires: 'anyone', run: async () => formReply(bigForm()) };
  const slack = new SlackTestApp({ modules: { commands: [long, form, { ...long, path: ['status'] }] } });
  beforeAll(() => slack.start());
  afterAll(() => slack.stop());

  it('sends a long reply as several valid ephemeral messages on the response_url', async () => {
    const posted = await slack.slash(slack.who('ana'), 'long');
    expect(posted.responses.length).toBeGreaterThan(1);
    expect(posted.responses.length).toBeLessThanOrEqual(5);
    for (const r of posted.responses) {
      expect(r.body.response_type).toBe('ephemeral');
      expect(messageViolations(r.body as { blocks: any[] })).toEqual([]);
    }
  });

  it('opens a valid modal for a form past the limits', async () => {
    const posted = await slack.slash(slack.who('ana'), 'big-form');
    const view = posted.calls.find((c) => c.method === 'views.open')?.args.view;
    expect(view).toBeDefined();
    expect(viewViolations(view)).toEqual([]);
  });

  it('turns App Home pages with its Next button', async () => {
    const ana = slack.who('ana');
    const opened = await slack.openHome(ana);
    const home = opened.calls.find((c) => c.method === 'views.publish')!.args.view as any;
    expect(viewViolations(home)).toEqual([]);
    expect(JSON.stringify(home)).toContain('page 1 of');
    const next = home.blocks.at(-1).elements.find((e: any) => e.text.text.startsWith('Next'));
    const turned = await slack.press(ana, { action_id: next.action_id, value: next.value }, { home: true });
    const second = turned.calls.find((c) => c.method === 'views.publish')!.args.view as any;
    expect(JSON.stringify(second)).toContain('page 2 of');
    expect(viewViolations(second)).toEqual([]);
  });
});
