import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySlackRequest } from '../../../src/adapters/slack/verify-request.js';
import { message, privateReply } from '../../../src/core/messages/model.js';
import { coreModules } from '../../../src/core/modules.js';
import { fixture, slashCommand, slashFixture } from './support/payloads.js';
import { SIGNING_SECRET, SlackTestApp } from './support/harness.js';
import type { CommandSpec } from '../../../src/core/commands/types.js';

// A command whose work waits for the test to release it: proves the HTTP answer does not wait.
// The gate exists before the command runs, so releasing it works however late the command starts.
let release: () => void = () => undefined;
const opened = new Promise<void>((resolve) => (release = resolve));
const gate = () => opened;
const slow: CommandSpec = {
  path: ['slow'],
  summary: 'waits for the test',
  args: [],
  requires: 'anyone',
  async run() {
    await gate();
    return privateReply(message('done at last'));
  },
};

const FORM = 'application/x-www-form-urlencoded';

describe('receiving Slack requests', () => {
  const slack = new SlackTestApp({ modules: { ...coreModules(), commands: [...coreModules().commands, slow] } });
  beforeAll(() => slack.start());
  afterAll(() => slack.stop());
  const ana = () => slack.who('ana');
  const body = (text = 'help') => slashCommand(ana(), text, { responseUrl: slack.api.responseUrl() });
  const now = () => Math.floor(Date.now() / 1000);

  it("accepts Slack's documented signing example and refuses it once the body changes", () => {
    const { body: raw, headers } = slashFixture('A');
    const at = Number(headers.timestamp) * 1000;
    expect(verifySlackRequest({ signingSecret: headers.secret!, timestamp: headers.timestamp, signature: headers.signature, rawBody: Buffer.from(raw), nowMs: at })).toBeNull();
    expect(verifySlackRequest({ signingSecret: headers.secret!, timestamp: headers.timestamp, signature: headers.signature, rawBody: Buffer.from(`${raw}x`), nowMs: at })).toBe('bad-signature');
  });

  it('answers the Events API url_verification handshake with its challenge', async () => {
    const handshake = fixture('url-verification.json');
    const posted = await slack.post(JSON.stringify(handshake), 'application/json');
    expect(posted.status).toBe(200);
    expect(JSON.parse(posted.text)).toEqual({ challenge: handshake.challenge });
  });

  it('acknowledges a slash command with an empty 200 and answers privately on the response_url', async () => {
    const posted = await slack.post(body('help'), FORM);
    expect(posted.status).toBe(200);
    expect(posted.text).toBe('');
    expect(posted.responses).toHaveLength(1);
    expect(posted.responses[0]!.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
  });

  it('acknowledges before the slow work is done, and answers when it is', async () => {
    const posted = await slack.post(body('slow'), FORM, { wait: false });
    expect(posted.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(slack.api.responses.some((r) => JSON.stringify(r.body).includes('done at last'))).toBe(false);
    release();
    await slack.adapter.idle();
    expect(slack.api.responses.some((r) => JSON.stringify(r.body).includes('done at last'))).toBe(true);
  });

  it('refuses a forged signature with 401 and runs nothing', async () => {
    const posted = await slack.post(body(), FORM, { signature: `v0=${'0'.repeat(64)}` });
    expect(posted.status).toBe(401);
    expect(posted.calls).toEqual([]);
    expect(posted.responses).toEqual([]);
  });

  it('refuses a request signed with another secret', async () => {
    expect((await slack.post(body(), FORM, { secret: 'not-our-secret' })).status).toBe(401);
  });

  it('refuses a request without signature headers', async () => {
    const res = await fetch(`${slack.baseUrl}/slack/events`, { method: 'POST', headers: { 'content-type': FORM }, body: body() });
    expect(res.status).toBe(401);
  });

  it('refuses a timestamp more than five minutes old', async () => {
    expect((await slack.post(body(), FORM, { timestamp: now() - 5 * 60 - 30 })).status).toBe(401);
  });

  it('refuses a timestamp more than five minutes in the future', async () => {
    expect((await slack.post(body(), FORM, { timestamp: now() + 5 * 60 + 30 })).status).toBe(401);
  });

  it('accepts a correctly signed request four minutes old', async () => {
    expect((await slack.post(body(), FORM, { timestamp: now() - 4 * 60 })).status).toBe(200);
  });

  it('refuses a signature computed over a different timestamp (replayed body, new clock)', async () => {
    const raw = body();
    const old = now() - 600;
    const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${old}:${raw}`).digest('hex')}`;
    expect((await slack.post(raw, FORM, { timestamp: now(), signature })).status).toBe(401);
  });

  it.each([
    ['an interaction whose payload is not JSON', 'payload=%7Bnot-json', FORM],
    ['a block_actions payload without actions', `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', user: { id: 'U1' } }))}`, FORM],
    ['a slash command without a user', 'command=%2Fmentor&text=help&team_id=T1&channel_id=C1', FORM],
    ['an event body that is not JSON', '{"type": "event_callback", ', 'application/json'],
    ['an event_callback without its event', '{"type":"event_callback"}', 'application/json'],
    ['a body of an unknown content type', 'hello', 'text/plain'],
  ])('refuses %s with 400', async (_name, raw, type) => {
    const posted = await slack.post(raw, type);
    expect(posted.status).toBe(400);
    expect(posted.calls).toEqual([]);
  });

  it('acknowledges a button that is not ours and does nothing else', async () => {
    const payload = fixture('block-actions-message.json');
    const posted = await slack.post(`payload=${encodeURIComponent(JSON.stringify(payload))}`, FORM);
    expect(posted.status).toBe(200);
    expect(posted.responses).toEqual([]);
  });
});
