import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocksText, coreButtons, openedView, SlackTestApp, type Posted } from '../slack/support/harness.js';
import type { Who } from '../slack/support/payloads.js';

// The certification pillars through signed Slack requests: a wish refused as a contract, the
// contract's modal refusing a bad statement under its field, a mentor's Return opening a modal
// for the reason that reaches the trainee alone by DM, and a coordinator's refusal listing what
// is missing, whose "Certify anyway…" opens the override modal that issues the certificate.
const slack = new SlackTestApp();
let cora: Who, mo: Who, tia: Who;

const views = new Map<string, Record<string, any>>();
const remember = (who: Who, posted: Posted) => {
  const view = openedView(posted);
  if (view) views.set(who.userId, view);
  return posted;
};
const command = async (who: Who, text: string) => remember(who, await slack.slash(who, text));
const replyText = (posted: Posted) => posted.responses.map((r) => blocksText(r.body.blocks) || String(r.body.text ?? '')).join('\n');
const dmsTo = (who: Who) => slack.api.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === `D${who.userId}`).map((c) => blocksText(c.args.blocks));

async function pressIn(who: Who, posted: Posted, action: string): Promise<Posted> {
  for (const r of [...posted.responses].reverse()) {
    const block = ((r.body.blocks as any[]) ?? []).flatMap((b) => (b.type === 'actions' ? b.elements : [])).find((e: any) => String(e.action_id).endsWith(`:${action}`));
    if (block) return remember(who, await slack.press(who, { action_id: block.action_id, value: block.value }));
  }
  throw new Error(`no ${action} button in ${replyText(posted)}`);
}

async function join(who: Who, role: string, values: Record<string, string>): Promise<void> {
  const checkpoint = await command(who, `join cert ${role}`);
  await pressIn(who, checkpoint, 'join.confirm');
  await slack.submit(who, views.get(who.userId)!, values);
}

beforeAll(async () => {
  await slack.start();
  cora = slack.who('cora', 'America/New_York');
  mo = slack.who('mo', 'America/Chicago');
  tia = slack.who('tia', 'America/Chicago');
  await command(cora, 'admin program create cert certification-40-week');
  await join(mo, 'mentor', { availability: 'Mon 18:00-20:00', field: 'family intervention' });
  await join(tia, 'mentee', { availability: 'Mon 19:00-21:00', 'join-goals': 'Lead a family meeting' });
  await command(cora, `admin match <@${mo.userId}> <@${tia.userId}>`);
}, 120_000);
afterAll(() => slack.stop());

describe('the learning contract in Slack', () => {
  it('a wish typed after the command is refused in an ephemeral reply naming what is wrong', async () => {
    const posted = await command(tia, 'portfolio contract I want to be better');
    expect(posted.responses.every((r) => r.body.response_type === 'ephemeral')).toBe(true);
    expect(replyText(posted)).toMatch(/Statement 1 \("I want to be better"\) doesn't say what you will do/);
  });

  it('no arguments opens the modal; a bad statement keeps it open with the error under its field', async () => {
    await command(tia, 'portfolio contract');
    const view = views.get(tia.userId)!;
    expect((view.blocks as any[]).map((b) => b.block_id)).toEqual(['statements']);
    const refused = await slack.submit(tia, view, { statements: 'I will lead meetings so that families trust me\nI hope to be calmer' });
    expect(JSON.parse(refused.text)).toEqual({ response_action: 'errors', errors: { statements: expect.stringContaining('Statement 2 ("I hope to be calmer")') } });
    const saved = await slack.submit(tia, view, { statements: 'I will lead three family meetings with Mo so that I can lead one alone\nI will ask for a debrief after hard sessions so that I notice early when I need support' });
    expect(saved.text).toBe('');
    expect(dmsTo(mo).join('\n')).toContain('Tia sent their learning contract for you to verify');
  });
});

describe('a return with a reason, in Slack', () => {
  it("the mentor's Return opens a modal for the reason; the trainee alone gets it by DM", async () => {
    const review = await command(mo, 'portfolio review');
    expect(coreButtons(review.responses.at(-1)!.body.blocks).map((b) => b.label)).toEqual(['Read', 'Verify', 'Return']);
    await pressIn(mo, review, 'portfolio.reject');
    const view = views.get(mo.userId)!;
    expect((view.blocks as any[]).map((b) => b.block_id)).toEqual(['reason']);
    const short = await slack.submit(mo, view, { reason: 'no' });
    expect(JSON.parse(short.text)).toEqual({ response_action: 'errors', errors: { reason: expect.stringContaining('Say why it goes back') } });
    const sent = await slack.submit(mo, view, { reason: 'Say how many meetings you will co-lead first, and by when.' });
    expect(sent.text).toBe('');
    expect(dmsTo(tia).join('\n')).toContain('Mo returned the learning contract: “Say how many meetings you will co-lead first, and by when.”');
    expect(dmsTo(cora).join('\n')).not.toContain('co-lead');
  });
});

describe('certifying in Slack', () => {
  it('the refusal lists what is missing; "Certify anyway…" opens the override modal, which issues the certificate with its links', async () => {
    const refusal = await command(cora, `admin certify <@${tia.userId}>`);
    const text = replyText(refusal);
    expect(text).toContain("Tia can't be certified yet");
    expect(text).toContain('The final review window opens in week 37; Tia is in week 1');
    expect(text).toContain('Profile — the learning contract: returned by Mo, not sent again');
    await pressIn(cora, refusal, 'certificate.override');
    const view = views.get(cora.userId)!;
    const short = await slack.submit(cora, view, { reason: 'because' });
    expect(JSON.parse(short.text).errors.reason).toMatch(/An override needs its reason/);
    const issued = await slack.submit(cora, view, { reason: 'Transferred in with a verified portfolio from the spring cohort' });
    expect(issued.text).toBe('');
    const dm = dmsTo(tia).join('\n');
    expect(dm).toContain('Your Interventionist certification mentorship certificate');
    expect(dm).toMatch(/certificates\/[0-9A-Z]{5}-[0-9A-Z]{5}\.pdf\?s=/);
    const coraId = (await slack.services.prisma.identity.findFirstOrThrow({ where: { externalUserId: cora.userId } })).personId;
    const audit = await slack.services.prisma.auditEvent.findMany({ where: { action: 'certificate.override', actorPersonId: coraId } });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('Transferred');
  });
});
