import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Who } from './support/payloads.js';
import { viewViolations } from './support/block-kit-validator.js';
import { blocksText, openedView, SlackTestApp, type Posted } from './support/harness.js';

// The session log through Slack: the guide's button opens a modal whose "when to check in"
// situations are checkboxes; ticking two asks the provider's supervisor (their mentor) for one
// debrief naming both situations — never the notes. Every step a signed request; every answer read
// back from the fake Web API and the response_urls.
const slack = new SlackTestApp();
let cora: Who, mo: Who, pat: Who;
const NOTES = 'R. talked about the night his brother left';

const replyText = (posted: Posted) => posted.responses.map((r) => blocksText(r.body.blocks)).join('\n');
const dmsTo = (posted: Posted, who: Who) => posted.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === `D${who.userId}`);

/** Presses the button for a core action in the reply a request got, as the person would. */
async function pressIn(who: Who, posted: Posted, action: string): Promise<Posted> {
  const blocks = (posted.responses[0]!.body as { blocks: any[] }).blocks;
  const button = blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements).find((e: any) => String(e.action_id).endsWith(`:${action}`));
  return slack.press(who, { action_id: button.action_id, value: button.value });
}

async function join(who: Who, program: string, role: 'mentor' | 'mentee') {
  const checkpoint = await slack.slash(who, `join ${program}${role === 'mentor' ? ' mentor' : ''}`);
  const opened = await pressIn(who, checkpoint, 'join.confirm');
  const welcome = await slack.submit(who, openedView(opened)!, { availability: 'Mon 18:00-20:00' });
  expect(replyText(welcome)).toContain('Welcome to');
}

beforeAll(async () => {
  await slack.start();
  cora = slack.who('cora', 'America/New_York');
  mo = slack.who('mo', 'America/Chicago');
  pat = slack.who('pat', 'America/Chicago');
  await slack.slash(cora, 'admin program create ci community-involvement');
  await join(mo, 'ci', 'mentor');
  await join(pat, 'ci', 'mentee');
  await slack.slash(cora, `admin match <@${mo.userId}|mo> <@${pat.userId}|pat>`);
});
afterAll(() => slack.stop());

describe('/mentor session log through Slack', () => {
  let view: Record<string, any>;

  it('the guide shows the initial assessment with a button that opens the log modal, its situations as checkboxes', async () => {
    const guide = await slack.slash(pat, 'session');
    expect(replyText(guide)).toContain('Session guide — Initial assessment');
    const opened = await pressIn(pat, guide, 'session.log');
    view = openedView(opened)!;
    expect(view.callback_id).toBe('trellis:session-log');
    expect(view.title.text).toBe('Log: Initial assessment');
    expect(viewViolations(view)).toEqual([]);
    const boxes = view.blocks.find((b: any) => b.block_id === 'check_ins');
    expect(boxes.optional).toBe(true);
    expect(boxes.element.type).toBe('checkboxes');
    expect(boxes.element.options.map((o: any) => o.value)).toEqual(['risky-setting', 'unclear-risks']);
    // The whole situation is on screen: what does not fit the option's line continues below it.
    const [first] = boxes.element.options;
    expect(`${first.text.text} ${first.description.text}`).toBe('The client is drawn to an opportunity in a place that may be unsafe, or that carries risks of its own.');
  });

  it('a length Slack cannot read keeps the modal open with the error under that field, saving nothing', async () => {
    const before = await slack.services.prisma.sessionLog.count({ where: { enrollment: { person: { identities: { some: { externalUserId: pat.userId } } } } } });
    const refused = await slack.submit(pat, view, { duration: 'a while', date: 'today', check_ins: 'risky-setting' });
    expect(JSON.parse(refused.text)).toEqual({ response_action: 'errors', errors: { duration: expect.stringContaining('"a while" is not a length of time') } });
    expect(await slack.services.prisma.sessionLog.count({ where: { enrollment: { person: { identities: { some: { externalUserId: pat.userId } } } } } })).toBe(before);
  });

  it('two situations ticked: the session is logged and the mentor, as supervisor, gets one debrief request naming both — not the notes', async () => {
    const logged = await slack.submit(pat, view, { duration: '50m', date: 'today', notes: NOTES, check_ins: 'risky-setting,unclear-risks' });
    expect(logged.status).toBe(200);
    const reply = replyText(logged);
    expect(reply).toMatch(/Logged your initial assessment: 50m on \d{4}-\d{2}-\d{2}\./);
    expect(reply).toContain("I've asked your supervisor for a debrief (a safety concern; being unsure how to go on)");
    const [toMo, ...more] = dmsTo(logged, mo);
    expect(more).toEqual([]);
    const text = blocksText(toMo!.args.blocks);
    expect(text).toContain('Pat (Community involvement sessions) asked for a debrief after an initial assessment: a safety concern; being unsure how to go on.');
    expect(text).toContain('The client is drawn to an opportunity in a place that may be unsafe');
    expect(text).toContain('You are unsure about risks or contingencies');
    // The lock screen shows the program's neutral wording; the notes are nowhere but with Pat.
    expect(toMo!.args.text).toBe('You have a new message from Trellis.');
    expect(JSON.stringify(logged.calls)).not.toContain('brother');
    expect(dmsTo(logged, cora)).toEqual([]);
  });

  it('the typed command logs the next session, the community session, without a form', async () => {
    const typed = await slack.slash(pat, 'session log 1h10m today --check-in stuck');
    expect(replyText(typed)).toContain('Logged your community session (number 1): 1h10m');
    expect(blocksText(dmsTo(typed, mo)[0]!.args.blocks)).toContain('You met strong resistance and could not find a way forward.');
  });
});
