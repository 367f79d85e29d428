import type { CommandSpec, FormSpec, ActionSpec, Invocation } from '../../../src/core/commands/types.js';
import { UserError } from '../../../src/core/errors.js';
import { formReply, message, privateReply, type Form, type Outcome } from '../../../src/core/messages/model.js';
import type { ActorInput, Trellis } from '../../../src/core/trellis.js';
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
    { path: ['slow'], usage: '/mentor slow', summary: 'answers slowly', run: async () => (await sleep(delays.slowMs), privateReply(message('Slow but sure.'))) },
    {
      path: ['slow-public'],
      usage: '/mentor slow-public',
      summary: 'answers slowly, in the channel',
      run: async () => (await sleep(delays.slowMs), { reply: { visibility: 'channel', message: message('Hello, channel.') }, outbound: [] }),
    },
    {
      path: ['slow-tell'],
      usage: '/mentor slow-tell @person',
      summary: 'DMs someone, slowly',
      run: async (ctx, [mention]) => {
        await sleep(delays.slowMs);
        const person = mention ? await ctx.store.people.findByMention(ctx.workspace.id, mention) : null;
        if (!person) throw new UserError('Who?', { code: 'BAD_INPUT' });
        return privateReply(message('Told, slowly.'), [{ to: { kind: 'person', personId: person.id }, message: message('Psst, slowly') }]);
      },
    },
    { path: ['slow-form'], usage: '/mentor slow-form', summary: 'opens a form slowly', run: async () => (await sleep(delays.slowMs), formReply(SURVEY)) },
    { path: ['survey'], usage: '/mentor survey', summary: 'opens the survey', run: async () => formReply(SURVEY) },
    {
      path: ['long'],
      usage: '/mentor long <count>',
      summary: 'a long list',
      run: async (_ctx, [count]) => {
        const items = Array.from({ length: Number(count) }, (_, i) => `Item ${i}: ${'x'.repeat(60)}`);
        return privateReply(message('Long list', [{ type: 'heading', text: 'Many items' }, { type: 'list', items }, { type: 'fields', fields: Array.from({ length: 30 }, (_, i) => ({ label: `F${i}`, value: 'y'.repeat(1500) })) }]));
      },
    },
    {
      path: ['choose'],
      usage: '/mentor choose <count>',
      summary: 'offers buttons',
      run: async (_ctx, [count]) =>
        privateReply(message('Pick one', [{ type: 'text', text: 'Pick one' }, { type: 'actions', buttons: Array.from({ length: Number(count) }, (_, i) => ({ action: 'test.pick', value: `v${i}`, label: `Option ${i}` })) }])),
    },
    {
      path: ['tell'],
      usage: '/mentor tell @person',
      summary: 'DMs someone and posts in the channel',
      run: async (ctx, [mention]) => {
        const person = mention ? await ctx.store.people.findByMention(ctx.workspace.id, mention) : null;
        if (!person) throw new UserError('Who?', { code: 'BAD_INPUT' });
        return privateReply(message('Told.'), [
          { to: { kind: 'person', personId: person.id }, message: message('Psst', [{ type: 'text', text: 'Psst' }, { type: 'actions', buttons: [{ action: 'test.pick', value: 'dm', label: 'Reply' }] }]) },
          ...(ctx.channelId ? [{ to: { kind: 'channel' as const, workspaceId: ctx.workspace.id, channelId: ctx.channelId }, message: message('Announcement') }] : []),
        ]);
      },
    },
  ];
  const actions: ActionSpec[] = [{ action: 'test.pick', run: async (ctx, value) => privateReply(message(`You picked ${value} in ${ctx.workspace.name}.`)) }];
  const forms: FormSpec[] = [
    {
      formId: 'survey',
      run: async (_ctx, values, context): Promise<Outcome> => {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(values.start ?? '')) throw new UserError(`"${values.start ?? ''}" is not a date. Use YYYY-MM-DD.`, { code: 'BAD_INPUT' });
        if (values.again === 'yes') return formReply(SURVEY);
        return privateReply(message(`Saved ${JSON.stringify({ ...values, context })}`));
      },
    },
  ];
  return { commands, actions, forms };
}

export interface RecordingTrellis extends Pick<Trellis, 'handle' | 'router'> {
  seen: { actor: ActorInput; invocation: Invocation }[];
}

/** A Trellis over the test services' store with the test modules, recording what it was asked. */
export function testTrellis(services: Services, delays = { slowMs: 0 }): RecordingTrellis {
  const trellis = createTrellis({ store: services.store, clock: services.clock, templates: services.templates, logger: services.logger }, testModules(delays));
  const seen: RecordingTrellis['seen'] = [];
  return {
    router: trellis.router,
    seen,
    handle: (actor, invocation) => {
      seen.push({ actor, invocation });
      return trellis.handle(actor, invocation);
    },
  };
}
