import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Who } from './support/payloads.js';
import { blocksText, openedView, SlackTestApp, type Posted } from './support/harness.js';

/**
 * The mentorship core's whole peer-recovery journey, only through Slack: signed slash commands,
 * button presses in ephemeral replies and DMs, modals submitted, App Home opened; every answer
 * read back from the fake Web API and response_urls.
 */
const slack = new SlackTestApp();
let cora: Who, mo: Who, sam: Who;
/** Everything each person was shown: ephemeral replies, DMs, modals. */
const seen = new Map<string, Array<Record<string, any>>>();
const views = new Map<string, Record<string, any>>();

function record(who: Who, posted: Posted): string {
  expect(posted.status).toBe(200);
  const mine = posted.responses.map((r) => r.body);
  for (const c of posted.calls) {
    if (c.method === 'chat.postMessage') {
      const user = String(c.args.channel).replace(/^D/, '');
      seen.set(user, [...(seen.get(user) ?? []), c.args]);
    }
  }
  seen.set(who.userId, [...(seen.get(who.userId) ?? []), ...mine]);
  const view = openedView(posted);
  if (view) views.set(who.userId, view);
  return mine.map((m) => blocksText(m.blocks)).join('\n');
}

const dmsTo = (who: Who) => (seen.get(who.userId) ?? []).filter((m) => m.channel === `D${who.userId}`).map((m) => blocksText(m.blocks)).join('\n');

/** Presses the newest button with this core action that `who` was shown, where it was shown. */
async function press(who: Who, action: string): Promise<string> {
  const shown = [...(seen.get(who.userId) ?? [])].reverse();
  for (const msg of shown) {
    const button = (msg.blocks as any[]).flatMap((b) => (b.type === 'actions' ? b.elements : [])).find((e: any) => String(e.action_id).replace(/^a:\d+:/, '') === action);
    if (button) return record(who, await slack.press(who, { action_id: button.action_id, value: button.value }, { channelId: msg.channel }));
  }
  throw new Error(`${who.userName} was never shown a ${action} button`);
}

async function submit(who: Who, callbackId: string, values: Record<string, string>): Promise<string> {
  const view = views.get(who.userId);
  expect(view?.callback_id).toBe(callbackId);
  return record(who, await slack.submit(who, view!, values));
}

const command = async (who: Who, text: string) => record(who, await slack.slash(who, text));

beforeAll(async () => {
  await slack.start();
  cora = slack.who('cora', 'America/New_York');
  mo = slack.who('mo', 'America/Chicago');
  sam = slack.who('sam', 'America/Denver');
  // Slack's display name can be a full name; the mentor must only ever see the release's first name.
  slack.api.users.get(sam.userId)!.displayName = 'Samuel Platformname';
});

/** Everything the mentor was ever sent or shown, including each message's notification `text`. */
const allShownTo = (who: Who) => JSON.stringify(seen.get(who.userId) ?? []);
afterAll(() => slack.stop());

describe('the mentorship lifecycle through Slack', () => {
  it('a coordinator creates a program', async () => {
    expect(await command(cora, 'admin program create peers peer-recovery')).toMatch(/^Created/);
  });

  it('a mentor joins: checkpoint, commit button, eligibility modal, welcome', async () => {
    expect(await command(mo, 'join peers mentor')).toContain('Time');
    await press(mo, 'join.confirm');
    expect(views.get(mo.userId)?.callback_id).toBe('trellis:join-details');
    const welcome = await submit(mo, 'trellis:join-details', { availability: 'Mon 18:00-20:00, Thu', criterion: 'recovery-time', field: 'nursing', readiness: 'yes', expectations: 'agree' });
    expect(welcome).toContain('Welcome to');
    expect(dmsTo(cora)).toMatch(/Mo joined/);
  });

  it('a mentee joins through the good-fit survey modal', async () => {
    await command(sam, 'join peers');
    await press(sam, 'join.confirm');
    const welcome = await submit(sam, 'trellis:join-details', {
      availability: 'Mon 19:00-21:00', profession: 'ICU nursing', 'mentor-field': 'same-field', 'mentor-gender': 'no-preference',
      'mentor-experience': 'no-preference', 'other-preferences': 'someone patient', hopes: 'steadiness',
    });
    expect(welcome).toContain('Welcome to');
  });

  it('the coordinator matches them with Slack mentions, and the mentee is asked to review the release by DM', async () => {
    const reply = await command(cora, `admin match <@${mo.userId}|mo> <@${sam.userId}|sam>`);
    expect(reply).not.toMatch(/don't know|couldn't find/i);
    expect(dmsTo(sam)).toMatch(/release/i);
  });

  it('before the release the mentor never receives the mentee’s name: not in DMs, notification text, status or App Home', async () => {
    await command(mo, 'status');
    const home = (await slack.openHome(mo)).calls.find((c) => c.method === 'views.publish')!;
    const everything = allShownTo(mo) + JSON.stringify(home.args.view);
    expect(everything).not.toMatch(/Samuel|Platformname|Samantha/);
    // Every notification's `text` is the program's neutral preview, never a word about recovery.
    const dms = (seen.get(mo.userId) ?? []).filter((m) => m.channel === `D${mo.userId}`);
    expect(dms.length).toBeGreaterThan(0);
    for (const dm of dms) expect(dm.text).toBe('You have a new message from Trellis.');
  });

  it('the mentee signs the release of information in a modal; the mentor then sees first name and phone only', async () => {
    await press(sam, 'consent.review');
    expect(views.get(sam.userId)?.callback_id).toMatch(/^trellis:/);
    const agree = views.get(sam.userId)!.blocks.find((b: any) => b.block_id === 'agree');
    const sign = agree.element.options.find((o: any) => o.value === 'sign').value;
    // Only Sam's signatures: other files sign releases in the same database at the same time.
    const samsSignatures = async () => slack.services.prisma.consentRecord.count({ where: { grantorPersonId: { in: (await slack.services.prisma.identity.findMany({ where: { externalUserId: sam.userId }, select: { personId: true } })).map((i) => i.personId) } } });
    const signedBefore = await samsSignatures();
    // A phone Slack's form cannot check keeps the modal open, the error under that field only.
    const refused = await slack.submit(sam, views.get(sam.userId)!, { first_name: 'Samantha', phone: 'call me', agree: sign });
    expect(JSON.parse(refused.text)).toEqual({ response_action: 'errors', errors: { phone: expect.stringContaining('"call me" doesn\'t look like a phone number') } });
    expect(await samsSignatures()).toBe(signedBefore);
    await submit(sam, views.get(sam.userId)!.callback_id, { first_name: 'Samantha', phone: '+1 555 010 0199', agree: sign });
    const contact = await command(mo, 'contact');
    expect(contact).toContain('Samantha');
    expect(contact).toContain('+15550100199');
    expect(contact).not.toContain('ICU nursing');
  });

  it('the mentor logs the first call in the modal, with the in-person meeting; nobody is asked to confirm (the program steps back)', async () => {
    const dmsBefore = dmsTo(sam);
    await command(mo, 'log-call');
    const form = views.get(mo.userId)!;
    expect(form.callback_id).toBe('trellis:log-call');
    const kinds = form.blocks.find((b: any) => b.block_id === 'kind').element.options.map((o: any) => o.value);
    expect(kinds).toEqual(['first-call', 'phone', 'face-to-face', 'message']);
    const logged = await submit(mo, 'trellis:log-call', { duration: '45m', kind: 'first-call', date: '2026-03-02', notes: 'private words about the call', meeting: 'yes', meeting_on: '2026-03-07' });
    expect(logged).toMatch(/45/);
    expect(logged).toContain('In-person meeting arranged for 2026-03-07');
    expect(dmsTo(sam)).toBe(dmsBefore);
    expect(await command(sam, 'status')).toContain('In-person meeting arranged for 2026-03-07');
  });

  it('while the release is in force the mentor sees its first name only, never the Slack name', async () => {
    expect(await command(mo, 'status')).toContain('Matched with Samantha');
    const home = (await slack.openHome(mo)).calls.find((c) => c.method === 'views.publish')!;
    expect(JSON.stringify(home.args.view)).toContain('Samantha');
    expect(allShownTo(mo) + JSON.stringify(home.args.view)).not.toMatch(/Samuel|Platformname/);
  });

  it("the mentor's App Home shows the program, week and phase, and shortcuts", async () => {
    const opened = await slack.openHome(mo);
    const home = opened.calls.find((c) => c.method === 'views.publish')!;
    expect(home.args.user_id).toBe(mo.userId);
    const text = blocksText((home.args.view as any).blocks);
    expect(text).toMatch(/Program week/);
    expect(text).toContain('Log a call');
    expect(JSON.stringify(home.args.view)).not.toContain('private words');
  });

  it('the mentee ends the match and the mentor agrees from the DM', async () => {
    await command(sam, 'end');
    expect(dmsTo(mo)).toMatch(/end/i);
    expect(dmsTo(mo)).toContain('Samantha would like to end your match');
    expect(await command(sam, 'end')).toMatch(/still pending/);
    const agreed = await press(mo, 'match.end-agree');
    expect(agreed).not.toMatch(/went wrong|hours/);
    expect(dmsTo(sam)).toMatch(/release of information is rescinded/);
    expect(await command(mo, 'contact')).not.toContain('+15550100199');
    expect(allShownTo(mo)).not.toMatch(/Samuel|Platformname/);
  });
});

describe('a peer referral and a withdrawal, through Slack', () => {
  let val: Who;
  const mention = (who: Who) => `<@${who.userId}|${who.userName}>`;

  it('a new mentee asks to talk with someone who has a mentor; the coordinator asks Sam, who is not told who asked', async () => {
    val = slack.who('val', 'America/New_York');
    slack.api.users.get(val.userId)!.displayName = 'Valentina Platformname';
    await command(val, 'join peers');
    await press(val, 'join.confirm');
    await submit(val, 'trellis:join-details', {
      availability: 'Tue 18:00-20:00', profession: 'pharmacy', 'mentor-field': 'no-preference', 'mentor-gender': 'no-preference',
      'mentor-experience': 'no-preference', 'other-preferences': 'none', hopes: 'company',
    });
    expect(await command(val, 'peer request')).toContain('I let your coordinator know');
    expect(dmsTo(cora)).toContain('would like to talk with a participant who has a mentor');
    await command(cora, `admin refer ${mention(val)} ${mention(sam)}`);
    expect(dmsTo(sam)).toContain('would like to hear what having a mentor is like');
    expect(allShownTo(sam)).not.toMatch(/Valentina|Platformname|val\b/);
    expect(await command(val, 'peer contact')).toContain('Nobody has agreed');
  });

  it('Sam signs the release in a modal; Val then gets the first name and phone only, and every notification text is neutral', async () => {
    await press(sam, 'peer.review');
    const view = views.get(sam.userId)!;
    expect(view.callback_id).toBe('trellis:peer-release');
    const sign = view.blocks.find((b: any) => b.block_id === 'agree').element.options.find((o: any) => o.value === 'sign').value;
    await submit(sam, 'trellis:peer-release', { first_name: 'Samantha', phone: '+1 555 010 0188', agree: sign });
    expect(dmsTo(val)).toContain('agreed to talk with you');
    expect(dmsTo(val)).not.toContain('0188');
    expect(dmsTo(cora)).not.toMatch(/0188|Samantha/);
    const contact = await command(val, 'peer contact');
    expect(contact).toContain('Samantha — +15550100188');
    expect(contact).not.toMatch(/Samuel|ICU/);
    for (const who of [val, sam]) for (const dm of (seen.get(who.userId) ?? []).filter((m) => m.channel === `D${who.userId}`)) expect(dm.text).toBe('You have a new message from Trellis.');
  });

  it('Sam withdraws with one button: the contact is hidden from Val at once', async () => {
    expect(await press(sam, 'peer.withdraw')).toContain('Withdrawn');
    expect(dmsTo(val)).toContain('has withdrawn their release');
    expect(await command(val, 'peer contact')).not.toContain('0188');
  });

  it('Val withdraws from Trellis after a confirmation: the proposed mentor hears only that the match ended, never her name', async () => {
    await command(cora, `admin match ${mention(mo)} ${mention(val)}`);
    const confirm = await command(val, 'withdraw');
    expect(confirm).toContain('/mentor export');
    expect(await press(val, 'withdraw.confirm')).toContain('You have withdrawn');
    expect(dmsTo(mo)).toContain('stepped away from the program');
    expect(allShownTo(mo)).not.toMatch(/Valentina|Platformname|\bVal\b/);
    expect(await command(val, 'withdraw')).toContain('already withdrawn');
  });
});
