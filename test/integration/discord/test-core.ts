import type { CommandSpec, FormSpec, ActionSpec, Invocation } from '../../../src/core/commands/types.js';
import { UserError } from '../../../src/core/errors.js';
import { formReply, message, privateReply, type Form, type Outcome } from '../../../src/core/messages/model.js';
import type { ActorInput, HandleOptions, Trellis } from '../../../src/core/trellis.js';
import { createTrellis } from '../../../src/core/trellis.js';
import type { Services } from '../../../src/app/services.js';

/** A form with more than Discord's five inputs, a long choice list and a date: the degradations. */
export const SURVEY: Form = {
  id: 'survey',
  title: 'A survey with more questions than a Discord modal has room for',
  submitLabel: 'Send',
  context: 'ctx-1',
  inputs: [
    { kind: 'text', id: 'field', label: 'Your field' },
    { kind: 'choice', id: 'pace', label: 'Pace', choices: [{ value: 'weekly', label: 'Weekly' }, { value: 'monthly', label: 'Monthly' }] },
    { kind: 'date', id: 'start', label: 'Start date' },
    { kind: 'choice', id: 'city', label: 'City', choices: Array.from({ length: 30 }, (_, i) => ({ value: `city${i}`, label: `City ${i}` })) },
    { kind: 'multiline', id: 'goals', label: 'Goals' },
    { kind: 'text', id: 'extra', label: 'Anything else', optional: true },
  ],
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Commands that exercise every rendering path of the adapter with a real core (router, errors,
 * one database transaction per call): slow replies, long replies, many buttons, forms.
 */
export function testModules(delays: { slowMs: number }) {
  const commands: CommandSpec[] = [
    { path: ['slow'], args: [], requires: 'anyone', summary: 'answers slowly', run: async () => (await sleep(delays.slowMs), privateReply(message('Slow but sure.'))) },
    {
      path: ['slow-public'],
      args: [],
      requires: 'anyone',
      summary: 'answers slowly, in the channel',
      run: async () => (await sleep(delays.slowMs), { reply: { visibility: 'channel', message: message('Hello, channel.') }, outbound: [] }),
    },
    {
      path: ['slow-tell'],
      args: [{ name: 'person', kind: 'person', description: 'who to tell' }],
      requires: 'anyone',
      summary: 'DMs someone, slowly',
      run: async (_ctx, args) => {
        await sleep(delays.slowMs);
        const person = args.requiredPerson('person');
        return privateReply(message('Told, slowly.'), [{ to: { kind: 'person', personId: person.id }, message: message('Psst, slowly') }]);
      },
    },
    { path: ['slow-button'], args: [], requires: 'anyone', summary: 'offers a button whose action is slow', run: async () => privateReply(message('Pick', [{ type: 'text', text: 'Pick' }, { type: 'actions', buttons: [{ action: 'test.slow-pick', value: 'v1', label: 'Slowly' }] }])) },
    { path: ['slow-form'], args: [], requires: 'anyone', summary: 'opens a form slowly', run: async () => (await sleep(delays.slowMs), formReply(SURVEY)) },
    { path: ['survey'], args: [], requires: 'anyone', summary: 'opens the survey', run: async () => formReply(SURVEY) },
    {
      path: ['long'],
      args: [{ name: 'count', kind: 'integer', description: 'how many items', min: 1, max: 1000 }],
      requires: 'anyone',
      summary: 'a long list',
      run: async (_ctx, args) => {
        const count = args.number('count');
        const items = Array.from({ length: Number(count) }, (_, i) => `Item ${i}: ${'x'.repeat(60)}`);
        return privateReply(message('Long list', [{ type: 'heading', text: 'Many items' }, { type: 'list', items }, { type: 'fields', fields: Array.from({ length: 30 }, (_, i) => ({ label: `F${i}`, value: 'y'.repeat(1500) })) }]));
      },
    },
    {
      path: ['choose'],
      args: [{ name: 'count', kind: 'integer', description: 'how many buttons', min: 1, max: 100 }],
      requires: 'anyone',
      summary: 'offers buttons',
      run: async (_ctx, args) =>
        privateReply(message('Pick one', [{ type: 'text', text: 'Pick one' }, { type: 'actions', buttons: Array.from({ length: Number(args.number('count')) }, (_, i) => ({ action: 'test.pick', value: `v${i}`, label: `Option ${i}` })) }])),
    },
    {
      path: ['tell'],
      args: [{ name: 'person', kind: 'person', description: 'who to tell' }],
      requires: 'anyone',
      summary: 'DMs someone and posts in the channel',
      run: async (ctx, args) => {
        const person = args.requiredPerson('person');
        return privateReply(message('Told.'), [
          { to: { kind: 'person', personId: person.id }, message: message('Psst', [{ type: 'text', text: 'Psst' }, { type: 'actions', buttons: [{ action: 'test.pick', value: 'dm', label: 'Reply' }] }]) },
          ...(ctx.channelId ? [{ to: { kind: 'channel' as const, workspaceId: ctx.workspace.id, channelId: ctx.channelId }, message: message('Announcement') }] : []),
        ]);
      },
    },
  ];
  const actions: ActionSpec[] = [
    { action: 'test.pick', run: async (ctx, value) => privateReply(message(`You picked ${value} in ${ctx.workspace.name}.`)) },
    { action: 'test.slow-pick', run: async (_ctx, value) => (await sleep(delays.slowMs), privateReply(message(`Picked ${value}, slowly.`))) },
  ];
  const forms: FormSpec[] = [
    {
      formId: 'survey',
      run: async (_ctx, values, context): Promise<Outcome> => {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(values.start ?? '')) throw new UserError(`"${values.start ?? ''}" is not a date. Use YYYY-MM-DD.`, { code: 'BAD_DATE' });
        if (values.again === 'yes') return formReply(SURVEY);
        return privateReply(message(`Saved ${JSON.stringify({ ...values, context })}`));
      },
    },
  ];
  return { commands, actions, forms };
}

export interface RecordingTrellis extends Pick<Trellis, 'handle' | 'complete' | 'router'> {
  seen: { actor: ActorInput; invocation: Invocation; options?: HandleOptions }[];
}

/** A Trellis over the test services' store with the test modules, recording what it was asked. */
export function testTrellis(services: Services, delays = { slowMs: 0 }): RecordingTrellis {
  const trellis = createTrellis(
    { store: services.store, clock: services.clock, templates: services.templates, logger: services.logger, onOutboxWritten: services.outboxEvents.written },
    testModules(delays),
  );
  const seen: RecordingTrellis['seen'] = [];
  return {
    router: trellis.router,
    seen,
    handle: (actor, invocation, options) => {
      seen.push({ actor, invocation, options });
      return trellis.handle(actor, invocation, options);
    },
    complete: (actor, request) => trellis.complete(actor, request),
  };
}
