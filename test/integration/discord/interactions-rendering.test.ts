import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DiscordDriver } from './discord-driver.js';
import { DiscordTestApp } from './discord-test-app.js';
import { expectWithinMessageLimits, expectWithinModalLimits } from './limits-check.js';
import { modalInteraction } from './signed-requests.js';
import { testTrellis, type RecordingTrellis } from './test-core.js';

describe('Discord rendering of core replies, through signed interactions', () => {
  const app = new DiscordTestApp();
  const driver = new DiscordDriver(app);
  let core: RecordingTrellis;
  beforeAll(async () => {
    await app.start({ wrapTrellis: (_t, services) => (core = testTrellis(services)) });
  });
  afterAll(() => app.stop());

  it('opens a core form as a modal within Discord’s limits: a select for a short choice, YYYY-MM-DD for a date, the rest in one box', async () => {
    const reply = await driver.command('ana', 'survey');
    expect(reply.responseType).toBe(9);
    expectWithinModalLimits(reply.modal);
    const byId = Object.fromEntries(reply.modal.components.filter((l: any) => l.type === 18).map((l: any) => [l.component.custom_id.split('|')[0], l]));
    expect(byId.pace.component).toMatchObject({ type: 3, options: [{ value: 'weekly' }, { value: 'monthly' }] });
    expect(byId.start.component).toMatchObject({ type: 4, placeholder: 'YYYY-MM-DD' });
    expect(byId.city.component.type).toBe(4);
    expect(byId.city.component.placeholder).toContain('city0');
    expect(byId.__more.component.value).toContain('Goals:');
    expect(byId.__more.component.value).toContain('Anything else (optional):');
    expect(reply.form).toMatchObject({ id: 'survey', context: 'ctx-1' });
  });

  it('hands a submitted modal to the core as values by input id, the combined box read back by label', async () => {
    await driver.command('ana', 'survey');
    const reply = await driver.submit('ana', 'survey', { field: 'nursing', pace: 'monthly', start: '2026-04-01', city: 'city29', goals: 'learn\nand grow', extra: '' });
    expect(reply.private).toBe(true);
    expect(core.seen.at(-1)!.invocation).toEqual({
      kind: 'form',
      formId: 'survey',
      context: 'ctx-1',
      values: { field: 'nursing', pace: 'monthly', start: '2026-04-01', city: 'city29', goals: 'learn\nand grow' },
    });
  });

  it('answers a modal submit with bad values with the core’s private error, not a failure', async () => {
    await driver.command('ana', 'survey');
    const reply = await driver.submit('ana', 'survey', { field: 'x', pace: 'weekly', start: 'next tuesday', city: 'city1', goals: 'g' });
    expect(reply.responseType).toBe(4);
    expect(reply.private).toBe(true);
    expect(reply.text).toContain('"next tuesday" is not a date');
  });

  it('reads the legacy action-row modal layout as well as the Label layout', async () => {
    const legacy = [{ type: 1, components: [{ type: 4, custom_id: 'start', value: '2026-05-01' }] }];
    await driver.send('ana', modalInteraction(app.where('ana'), 'f||survey|ctx-1', legacy));
    expect(core.seen.at(-1)!.invocation).toEqual({ kind: 'form', formId: 'survey', context: 'ctx-1', values: { start: '2026-05-01' } });
  });

  it('offers an "Open" button when a modal submit is answered with another form (Discord allows no modal there)', async () => {
    const reply = await driver.send('ana', modalInteraction(app.where('ana'), 'f||survey|', [{ type: 18, component: { type: 4, custom_id: 'start', value: '2026-05-01' } }, { type: 18, component: { type: 4, custom_id: 'again', value: 'yes' } }]));
    expect(reply.responseType).toBe(4);
    const open = reply.buttons.find((b) => b.label.startsWith('Open'));
    expect(open).toBeDefined();
    const modal = await driver.pressId('ana', open!.value);
    expect(modal.responseType).toBe(9);
    expect(modal.form?.id).toBe('survey');
  });

  it('renders up to five buttons as one row and presses them back as the core action and value', async () => {
    const reply = await driver.command('ana', 'choose 3');
    expect(reply.pages[0].components).toHaveLength(1);
    expect(reply.pages[0].components[0].components.map((c: any) => c.type)).toEqual([2, 2, 2]);
    expect(reply.buttons.map((b) => b.value)).toEqual(['v0', 'v1', 'v2']);
    const pressed = await driver.pressId('ana', reply.customIds.get('Option 1')!);
    expect(core.seen.at(-1)!.invocation).toEqual({ kind: 'action', action: 'test.pick', value: 'v1' });
    expect(pressed.text).toContain('You picked v1');
  });

  it('renders more than five buttons as a select menu, whose choice runs the core action', async () => {
    const reply = await driver.command('ana', 'choose 30');
    for (const page of reply.pages) expectWithinMessageLimits(page);
    const selects = reply.pages.flatMap((p) => p.components ?? []).flatMap((r: any) => r.components);
    expect(selects.every((c: any) => c.type === 3)).toBe(true);
    expect(selects.flatMap((c: any) => c.options)).toHaveLength(30);
    await driver.select('ana', selects[1].custom_id, selects[1].options[2].value);
    expect(core.seen.at(-1)!.invocation).toEqual({ kind: 'action', action: 'test.pick', value: 'v27' });
  });

  it('splits a reply past Discord’s limits into follow-up messages instead of failing', async () => {
    const reply = await driver.command('ana', 'long 300');
    expect(reply.pages.length).toBeGreaterThan(1);
    for (const page of reply.pages) expectWithinMessageLimits(page);
    expect(reply.private).toBe(true);
    expect(reply.text).toContain('Item 0:');
    expect(reply.text).toContain('Item 299:');
    expect(reply.text.match(/^F\d+(?: \(cont\.\))?$/gm)?.filter((n) => !n.includes('cont')).length).toBe(30);
  });
});

describe('Discord deferral when the core is slow', () => {
  const app = new DiscordTestApp();
  const driver = new DiscordDriver(app);
  beforeAll(async () => {
    await app.start({ deferAfterMs: 100, wrapTrellis: (_t, services) => testTrellis(services, { slowMs: 600 }) });
  });
  afterAll(() => app.stop());

  it('answers with an ephemeral deferred response, then edits it with the reply through the interaction webhook', async () => {
    const reply = await driver.command('ana', 'slow');
    expect(reply.responseType).toBe(5);
    const [edit] = app.api.find('PATCH', /\/messages\/@original$/);
    expect(edit!.path).toMatch(new RegExp(`^/webhooks/${app.applicationId}/tok-`));
    expect(edit!.auth).toBeUndefined();
    expect(reply.text).toBe('Slow but sure.');
    expect(reply.private).toBe(true);
  });

  it('replaces the deferred answer with a public follow-up when the reply is for the channel', async () => {
    const reply = await driver.command('ana', 'slow-public');
    expect(reply.responseType).toBe(5);
    expect(app.api.find('DELETE', /\/messages\/@original$/)).toHaveLength(1);
    expect(reply.text).toBe('Hello, channel.');
    expect(reply.private).toBe(false);
  });

  it('still delivers what the core owes others when the deferred reply cannot be edited (token gone)', async () => {
    await driver.command('bo', 'help');
    await driver.takeSent();
    app.api.failNext({ method: 'PATCH', path: /\/messages\/@original$/, status: 404, code: 10015 });
    const reply = await driver.typed('ana', 'mentor', 'slow-tell', [{ type: 6, name: 'person', value: app.person('bo').id }]);
    expect(reply.responseType).toBe(5);
    expect(await driver.takeSent()).toEqual([{ to: `dm:${app.person('bo').id}`, text: 'Psst, slowly' }]);
  });

  it('logs a failed follow-up as code, status and route only: neither the reply text nor the interaction token', async () => {
    const logged = vi.spyOn(app.services.logger, 'error');
    app.api.failNext({ method: 'PATCH', path: /\/messages\/@original$/, status: 404, code: 10015 });
    const reply = await driver.command('ana', 'slow');
    expect(reply.responseType).toBe(5);
    await vi.waitFor(() => expect(logged.mock.calls.some(([, msg]) => msg === 'discord: reply not delivered')).toBe(true));
    const line = JSON.stringify(logged.mock.calls.find(([, msg]) => msg === 'discord: reply not delivered'));
    logged.mockRestore();
    expect(line).toContain('"status":404');
    expect(line).toContain('"code":10015');
    expect(line).toContain(`/webhooks/${app.applicationId}/:token/messages/%40original`);
    expect(line).not.toContain('Slow but sure');
    expect(line).not.toMatch(/tok-/);
  });

  it('a slow button press defers as an update of its message, then edits it: its buttons gone, the answer following privately', async () => {
    const offered = await driver.command('ana', 'slow-button');
    const pressed = await driver.pressIn('ana', offered, 'test.slow-pick');
    expect(pressed.responseType).toBe(6);
    const [edit] = app.api.find('PATCH', /\/messages\/@original$/).slice(-1);
    expect(edit!.body.components).toEqual([]);
    expect(edit!.body.content).toContain('✓');
    expect(pressed.text).toContain('Picked v1, slowly.');
  });

  it('offers an "Open" button for a form that came too late to be a modal', async () => {
    const reply = await driver.command('ana', 'slow-form');
    expect(reply.responseType).toBe(5);
    const open = reply.buttons.find((b) => b.label.startsWith('Open'));
    const modal = await driver.pressId('ana', open!.value);
    expect(modal.responseType).toBe(9);
    expectWithinModalLimits(modal.modal);
  });
});
