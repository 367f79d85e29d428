// Slack retries a request it thinks went unanswered (X-Slack-Retry-Num), with the same body and
// so the same trigger_id. The core runs each request id once: the retry changes nothing and
// sends nothing again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invocation } from '../../../src/core/commands/types.js';
import type { Outcome } from '../../../src/core/messages/model.js';
import { blocksText, SlackTestApp } from '../slack/support/harness.js';
import { newTriggerId, slashCommand, type Who } from '../slack/support/payloads.js';

const slack = new SlackTestApp();
let cora: Who, mo: Who, tia: Who;

/** The real core as Slack's adapter calls it, for setting the scene without a modal per step. */
async function as(who: Who, invocation: Invocation): Promise<Outcome> {
  const actor = { platform: 'slack' as const, workspaceExternalId: who.teamId, workspaceName: who.teamId, externalUserId: who.userId, handle: who.userName, displayName: who.userName, timeZone: 'UTC' };
  return slack.trellis.handle(actor, invocation);
}

async function join(who: Who, text: string, values: Record<string, string>): Promise<void> {
  const offer = await as(who, { kind: 'command', text });
  const confirm = offer.reply.message!.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : [])).find((b) => b.action === 'join.confirm')!;
  const form = (await as(who, { kind: 'action', action: confirm.action, value: confirm.value })).reply.form!;
  const done = await as(who, { kind: 'form', formId: form.id, values, context: form.context });
  expect(done.reply.message?.text).toContain('Welcome to');
}

beforeAll(async () => {
  await slack.start();
  [cora, mo, tia] = [slack.who('cora'), slack.who('mo'), slack.who('tia')];
  await as(cora, { kind: 'command', text: 'admin program create cert certification-40-week' });
  await join(mo, 'join cert mentor', { availability: 'Mon 18:00-20:00, Thu', criterion: 'recovery-time', field: 'nursing', readiness: 'yes', expectations: 'agree' });
  await join(tia, 'join cert', { availability: 'Mon 19:00-21:00', 'join-goals': 'Lead a family meeting on my own' });
  const matched = await as(cora, { kind: 'command', text: `admin match <@${mo.userId}> <@${tia.userId}>` });
  expect(matched.reply.message?.text).toMatch(/matched/i);
  await slack.idle();
}, 60_000);
afterAll(() => slack.stop());

describe('a Slack request retried with the same trigger id', () => {
  it('runs the command once: one call logged, one confirmation to the counterpart', async () => {
    const body = slashCommand(mo, 'log-call 45m supervision', { responseUrl: slack.api.responseUrl(), triggerId: newTriggerId(1) });
    const first = await slack.post(body, 'application/x-www-form-urlencoded');
    const retry = await slack.post(body, 'application/x-www-form-urlencoded', { headers: { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' } });
    expect([first.status, retry.status]).toEqual([200, 200]);

    const calls = await slack.services.prisma.callLog.findMany({ where: { enrollment: { person: { identities: { some: { externalUserId: mo.userId } } } } } });
    expect(calls).toHaveLength(1);
    const toTia = [...first.calls, ...retry.calls].filter((c) => c.method === 'chat.postMessage' && c.args.channel === `D${tia.userId}`);
    expect(toTia).toHaveLength(1);
    expect(blocksText(toTia[0]!.args.blocks)).toMatch(/logged a 45m supervision/i);
    expect(blocksText(first.responses[0]!.body.blocks)).toMatch(/^Logged a /);
    // The retry is acknowledged and answers nothing: the person already has the first answer.
    expect(retry.responses).toHaveLength(0);
  });
});
