import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordDriver } from '../discord/discord-driver.js';
import { DiscordTestApp } from '../discord/discord-test-app.js';

// The certification pillars through signed Discord interactions: typed options for the contract
// (a wish refused privately), its modal, the self-assessment's Answer button opening a modal with
// a select for yes / not yet, the mentor's Return modal whose reason reaches the trainee alone, and
// the coordinator's refusal whose "Certify anyway…" modal issues the certificate by override.
const app = new DiscordTestApp();
const d = new DiscordDriver(app);
const member = (option: string, name: string) => ({ type: 6, name: option, value: app.person(name).id });
const dmText = (name: string) => d.dmsTo(name).map((b) => JSON.stringify(b)).join('\n');

async function join(name: string, role: 'mentor' | 'mentee', values: Record<string, string>): Promise<void> {
  const checkpoint = await d.typed(name, 'mentor', 'join', [{ type: 3, name: 'program', value: 'cert' }, ...(role === 'mentor' ? [{ type: 3, name: 'role', value: 'mentor' }] : [])]);
  await d.pressIn(name, checkpoint, 'join.confirm');
  await d.submit(name, 'join-details', values);
}

beforeAll(async () => {
  await app.start();
  await d.typed('cora', 'mentor-admin', 'program create', [{ type: 3, name: 'name', value: 'cert' }, { type: 3, name: 'template', value: 'certification-40-week' }]);
  await join('mo', 'mentor', { availability: 'Mon 18:00-20:00', field: 'family intervention' });
  await join('tia', 'mentee', { availability: 'Mon 19:00-21:00', 'join-goals': 'Lead a family meeting' });
  await d.typed('cora', 'mentor-admin', 'match', [member('mentor', 'mo'), member('mentee', 'tia')]);
}, 120_000);
afterAll(() => app.stop());

describe('the pillars in Discord', () => {
  it('a wish in the statements option is refused privately, naming what is wrong', async () => {
    const reply = await d.command('tia', 'portfolio contract I want to be better');
    expect(reply.private).toBe(true);
    expect(reply.text).toMatch(/Statement 1 \("I want to be better"\) doesn't say what you will do/);
  });

  it('with no options the contract opens a modal; the contract handed in there reaches the mentor', async () => {
    const opened = await d.command('tia', 'portfolio contract');
    expect(opened.responseType).toBe(9);
    const saved = await d.submit('tia', 'portfolio-contract', { statements: 'I will lead three family meetings with Mo so that I can lead one alone' });
    expect(saved.text).toMatch(/Saved your learning contract \(1 action-outcome statement\)/);
    await app.idle();
    expect(dmText('mo')).toContain('Tia sent their learning contract for you to verify');
  });

  it("the mentor's Return opens a modal; the reason reaches the trainee alone, by DM", async () => {
    const review = await d.command('mo', 'portfolio review');
    const opened = await d.pressIn('mo', review, 'portfolio.reject');
    expect(opened.responseType).toBe(9);
    const returned = await d.submit('mo', 'portfolio-return', { reason: 'Add when: by which week will you lead one alone?' });
    expect(returned.text).toMatch(/Returned the learning contract to Tia, with your reason/);
    expect(dmText('tia')).toContain('Add when: by which week will you lead one alone?');
    expect(dmText('cora')).not.toContain('by which week');
  });

  it('the self-assessment answers in a modal with a yes / not yet select', async () => {
    await d.command('tia', 'portfolio contract I will lead three family meetings with Mo so that I can lead one alone by week 20');
    const review = await d.command('mo', 'portfolio review');
    await d.pressIn('mo', review, 'portfolio.verify');
    const list = await d.command('tia', 'portfolio self-assessment');
    expect(list.text).toContain('Can I lead three family meetings with Mo so that I can lead one alone by week 20?');
    const opened = await d.pressIn('tia', list, 'portfolio.answer');
    expect(opened.responseType).toBe(9);
    const select = opened.modal.components.map((c: any) => c.component).find((c: any) => c.custom_id === 'answer');
    expect(select.options.map((o: any) => o.value)).toEqual(['yes', 'not-yet']);
    const answered = await d.submit('tia', 'portfolio-self-assessment', { answer: 'not-yet', evidence: 'Co-leading the second one next week' });
    expect(answered.text).toMatch(/Answered statement 1 \(not yet\); 1 of 1 answered/);
  });

  it('the refusal lists what is missing; "Certify anyway…" opens the override modal, which issues the certificate', async () => {
    const refusal = await d.typed('cora', 'mentor-admin', 'certify', [member('trainee', 'tia')]);
    expect(refusal.private).toBe(true);
    expect(refusal.text).toContain('The final review window opens in week 37; Tia is in week 1');
    expect(refusal.text).toContain("Self-assessment: awaiting Mo's verification");
    const opened = await d.pressIn('cora', refusal, 'certificate.override');
    expect(opened.responseType).toBe(9);
    const issued = await d.submit('cora', 'certificate-override', { reason: 'Completed the program elsewhere; records checked by the board' });
    expect(issued.text).toMatch(/Issued the Interventionist certification mentorship certificate to Tia by override/);
    await app.idle();
    expect(dmText('tia')).toMatch(/certificates\/[0-9A-Z]{5}-[0-9A-Z]{5}\.pdf\?s=/);
  });
});
