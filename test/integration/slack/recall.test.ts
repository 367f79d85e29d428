// Slack's read-back of an earlier delivery (src/adapters/slack/deliver.ts `recall`), against the
// fake Web API: each part is tagged with its key in message metadata, history finds all, some or
// none of them, a conversation the bot may not read is "unknown", and a 429 is retried later.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSender } from '../../../src/adapters/slack/deliver.js';
import { message, type Message } from '../../../src/core/messages/model.js';
import type { DeliveryTarget } from '../../../src/platform/contract.js';
import { DeliveryError } from '../../../src/platform/delivery-error.js';
import { FakeSlackApi } from './support/fake-slack-api.js';

const api = new FakeSlackApi();
beforeAll(() => api.start());
afterAll(() => api.stop());

const sender = () => createSender(async () => 'xoxb-recall', { slackApiUrl: api.apiUrl });
const dm = (user: string): DeliveryTarget => ({ kind: 'dm', workspaceExternalId: 'T1', userExternalId: user, dmChannelId: `D${user}`, rememberDmChannel: async () => undefined });
/** Over Slack's 50 blocks a message: sent in two parts. */
const long: Message = message('A long digest', Array.from({ length: 60 }, (_, i) => ({ type: 'text' as const, text: `Line ${i}` })));

describe('reading a Slack delivery back', () => {
  it('tags every part with the key, its index and the number of parts', async () => {
    const { send } = sender();
    await send(dm('U1'), long, { idempotencyKey: 'digest:1' });
    const tagged = api.deliveriesOf('digest:1').map((m) => m.metadata);
    expect(tagged).toEqual([
      { event_type: 'trellis_delivery', event_payload: { key: 'digest:1', part: 0, parts: 2 } },
      { event_type: 'trellis_delivery', event_payload: { key: 'digest:1', part: 1, parts: 2 } },
    ]);
  });

  it('delivered when every part is there; absent for another key; nothing from before the window', async () => {
    const { send, recall } = sender();
    const since = new Date();
    await send(dm('U2'), message('Time for your reflection.'), { idempotencyKey: 'reflection:2' });
    expect(await recall!(dm('U2'), 'reflection:2', since)).toEqual({ kind: 'delivered' });
    expect(await recall!(dm('U2'), 'reflection:other', since)).toEqual({ kind: 'absent' });
    // The window opens a minute before the attempt for clock skew, not further back.
    expect(await recall!(dm('U2'), 'reflection:2', new Date(Date.now() + 5 * 60_000))).toEqual({ kind: 'absent' });
  });

  it('partial when a worker died between parts, and the resend posts only the missing ones', async () => {
    const { send, recall } = sender();
    const since = new Date();
    await send(dm('U3'), long, { idempotencyKey: 'digest:3', skipParts: [1] }); // as if it died after part 0
    expect(await recall!(dm('U3'), 'digest:3', since)).toEqual({ kind: 'partial', parts: [0] });
    await send(dm('U3'), long, { idempotencyKey: 'digest:3', skipParts: [0] });
    expect(api.deliveriesOf('digest:3').map((m) => m.metadata!.event_payload.part)).toEqual([0, 1]);
    expect(await recall!(dm('U3'), 'digest:3', since)).toEqual({ kind: 'delivered' });
  });

  it('looks past other messages, page by page (15 a page)', async () => {
    const { send, recall } = sender();
    const since = new Date();
    await send(dm('U4'), message('The one we look for.'), { idempotencyKey: 'needle' });
    for (let i = 0; i < 20; i++) await send(dm('U4'), message(`Other ${i}`), { idempotencyKey: `hay:${i}` });
    expect(await recall!(dm('U4'), 'needle', since)).toEqual({ kind: 'delivered' });
    const pages = api.callsTo('conversations.history').filter((c) => c.args.channel === 'DU4');
    expect(pages.map((p) => Number(p.args.limit))).toEqual([15, 15]);
  });

  it('unknown when Slack will not show the conversation (a channel the bot never joined)', async () => {
    const { recall } = sender();
    const found = await recall!({ kind: 'channel', workspaceExternalId: 'T1', channelId: 'CNOTJOINED' }, 'cohort:1', new Date());
    expect(found).toEqual({ kind: 'unknown', reason: 'Slack refused to show the history: not_in_channel' });
  });

  it('a rate-limited read is a retryable error with its Retry-After', async () => {
    const { recall } = sender();
    api.failNext('conversations.history', { status: 429, retryAfter: 7 });
    const error = await recall!(dm('U5'), 'k', new Date()).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ retryable: true, retryAfterMs: 7_000 });
  });
});
