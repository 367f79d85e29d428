import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../src/platform/delivery-error.js';
import type { CommandSpec } from '../../../src/core/commands/types.js';
import { formReply, message, privateReply, type Outbound } from '../../../src/core/messages/model.js';
import { coreModules } from '../../../src/core/modules.js';
import { BOT_TOKEN, SlackTestApp } from './support/harness.js';
import { slashCommand } from './support/payloads.js';

const openForm: CommandSpec = {
  path: ['open-form'],
  args: [],
  requires: 'anyone',
  summary: 'opens a form',
  run: async () => formReply({ id: 'note', title: 'Note', submitLabel: 'Save', inputs: [{ kind: 'text', id: 'text', label: 'Text' }] }),
};
const whoAmI: CommandSpec = { path: ['whoami'], args: [], requires: 'anyone', summary: 'zone', run: async (ctx) => privateReply(message(`zone=${ctx.actor.timeZone}`)) };

describe('Slack delivery: DMs, channels, rate limits', () => {
  const slack = new SlackTestApp({ modules: { commands: [...coreModules().commands, openForm, whoAmI] } });
  beforeAll(() => slack.start());
  afterAll(() => slack.stop());

  /** Makes the person exist (through a command) and returns their person id. */
  async function personOf(name: string): Promise<string> {
    const who = slack.who(name);
    await slack.slash(who, 'help');
    const identity = await slack.services.prisma.identity.findFirstOrThrow({ where: { externalUserId: who.userId } });
    return identity.personId;
  }
  const dm = (personId: string, text = 'Time for your weekly reflection.') => ({ to: { kind: 'person' as const, personId }, message: message(text) });

  /** The whole path: an outbox row (routed as it is written), then the delivery workers send it. */
  async function deliver(item: Outbound): Promise<void> {
    const { services, outbox } = slack;
    const keys = await services.store.transaction((store) => store.outbox.write([item], { at: services.clock.now() }));
    await outbox.jobs.engine.enqueue(keys);
    await outbox.jobs.engine.waitFor(keys);
  }

  /** Slack's sender alone, to a person's DM (no cached channel), for how it reports failures. */
  async function sendDm(personId: string) {
    const identity = await slack.services.prisma.identity.findFirstOrThrow({ where: { personId } });
    const target = { kind: 'dm' as const, workspaceExternalId: slack.teamId, userExternalId: identity.externalUserId, dmChannelId: null, rememberDmChannel: async () => undefined };
    return slack.adapter.send(target, message('Time for your weekly reflection.'));
  }

  it('opens a DM once, caches its channel id, and reuses it for the next nudge', async () => {
    const personId = await personOf('dora');
    slack.api.reset();
    await deliver(dm(personId));
    await deliver(dm(personId, 'A second nudge.'));
    expect(slack.api.callsTo('conversations.open')).toHaveLength(1);
    const posts = slack.api.callsTo('chat.postMessage');
    expect(posts.map((p) => p.args.channel)).toEqual([`D${slack.who('dora').userId}`, `D${slack.who('dora').userId}`]);
    expect(posts[0]!.token).toBe(BOT_TOKEN);
    const identity = await slack.services.prisma.identity.findFirstOrThrow({ where: { personId } });
    expect(identity.dmChannelId).toBe(`D${slack.who('dora').userId}`);
  });

  it('opens the DM again when the cached channel is gone', async () => {
    const personId = await personOf('eli');
    await slack.services.prisma.identity.updateMany({ where: { personId }, data: { dmChannelId: 'DGONE' } });
    slack.api.reset();
    slack.api.failNext('chat.postMessage', { error: 'channel_not_found' });
    await deliver(dm(personId));
    expect(slack.api.callsTo('chat.postMessage').map((c) => c.args.channel)).toEqual(['DGONE', `D${slack.who('eli').userId}`]);
  });

  it("posts a cohort reminder in the cohort's channel", async () => {
    await personOf('fay');
    const workspace = await slack.services.prisma.workspace.findFirstOrThrow({ where: { platform: 'slack', externalId: slack.teamId } });
    slack.api.reset();
    await deliver({ to: { kind: 'channel', workspaceId: workspace.id, channelId: 'C0COHORT' }, message: message('Peer meeting Thursday 18:00.', [{ type: 'text', text: 'Peer meeting Thursday 18:00.' }, { type: 'actions', buttons: [{ action: 'rsvp.yes', value: 'm1', label: 'Going' }] }]) });
    const [post] = slack.api.callsTo('chat.postMessage');
    expect(post!.args.channel).toBe('C0COHORT');
    expect(JSON.stringify(post!.args.blocks)).toContain('a:0:rsvp.yes');
  });

  it('turns a 429 with Retry-After into a retryable DeliveryError that says when to retry', async () => {
    const personId = await personOf('gus');
    slack.api.failNext('conversations.open', { status: 429, retryAfter: 7 });
    const failure = await sendDm(personId).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DeliveryError);
    expect(failure).toMatchObject({ retryable: true, retryAfterMs: 7000 });
  });

  it('turns a revoked token into a final DeliveryError', async () => {
    const personId = await personOf('hal');
    slack.api.failNext('conversations.open', { error: 'token_revoked' });
    await expect(sendDm(personId)).rejects.toMatchObject({ retryable: false, message: expect.stringContaining('token_revoked') });
  });

  it('still opens a modal when views.open first answers 429 with a short Retry-After', async () => {
    slack.api.failNext('views.open', { status: 429, retryAfter: 1 });
    const posted = await slack.slash(slack.who('ivy'), 'open-form');
    expect(posted.calls.filter((c) => c.method === 'views.open')).toHaveLength(2);
    expect(posted.responses).toEqual([]);
  });

  it('tells the person privately when the modal cannot be opened at all', async () => {
    slack.api.failNext('views.open', { error: 'expired_trigger_id' }, 3);
    const posted = await slack.slash(slack.who('ivy'), 'open-form');
    expect(posted.responses).toHaveLength(1);
    expect(posted.responses[0]!.body).toMatchObject({ response_type: 'ephemeral' });
    expect(String(posted.responses[0]!.body.text)).toMatch(/run the command again/);
  });

  it("takes a new person's time zone from their Slack profile", async () => {
    const posted = await slack.slash(slack.who('jo', 'Asia/Kolkata'), 'whoami');
    expect(posted.calls.some((c) => c.method === 'users.info')).toBe(true);
    expect(String(posted.responses[0]!.body.text)).toBe('zone=Asia/Kolkata');
  });

  it('falls back to UTC when Slack will not say', async () => {
    slack.api.failNext('users.info', { error: 'missing_scope' });
    const posted = await slack.slash(slack.who('kit', 'Europe/Oslo'), 'whoami');
    expect(String(posted.responses[0]!.body.text)).toBe('zone=UTC');
  });

  it('apologises privately, instead of staying silent, when answering fails', async () => {
    // The response_url refuses; the apology then goes by DM.
    const who = slack.who('lou');
    const body = slashCommand(who, 'help', { responseUrl: `${slack.api.url}/nowhere-404` });
    slack.api.reset();
    const posted = await slack.post(body, 'application/x-www-form-urlencoded');
    expect(posted.status).toBe(200);
    const dm = posted.calls.find((c) => c.method === 'chat.postMessage');
    expect(dm?.args.channel).toBe(`D${who.userId}`);
    expect(String(dm?.args.text)).toMatch(/went wrong/);
  });
});
