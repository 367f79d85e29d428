import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../../support/services.js';
import { DiscordDriver } from './discord-driver.js';
import { DiscordTestApp } from './discord-test-app.js';
import { expectWithinModalLimits } from './limits-check.js';

// The session log through Discord: `/mentor session log` alone opens a modal whose "when to check
// in" situations are a select of any number of options; choosing two asks the provider's
// supervisor (a coordinator set one) for one debrief naming both — never the notes. Every step is a
// signed interaction; what others are sent is read back from the fake Discord API.
const clock = new TestClock(new Date('2026-03-02T15:00:00Z'));
const app = new DiscordTestApp();
const d = new DiscordDriver(app);
const at = (name: string) => `<@${app.person(name).id}>`;
const dm = (name: string) => `dm:${app.person(name).id}`;
const NOTES = 'K. left the park early after the argument with his sister';

async function join(name: string, role: 'mentor' | 'mentee') {
  const checkpoint = await d.command(name, `join ci${role === 'mentor' ? ' mentor' : ''}`);
  await d.pressIn(name, checkpoint, 'join.confirm');
  expect((await d.submit(name, 'join-details', { availability: 'Mon 18:00-20:00' })).text).toContain('Welcome to');
}

beforeAll(async () => {
  await app.start({ clock });
  await d.command('cora', 'admin program create ci community-involvement');
  await d.command('sue', 'help');
  await join('mo', 'mentor');
  await join('pat', 'mentee');
  await d.command('cora', `admin match ${at('mo')} ${at('pat')}`);
  await d.command('cora', `admin supervisor ${at('pat')} ${at('sue')}`);
  await d.takeSent();
});
afterAll(() => app.stop());

describe('/mentor session log through Discord', () => {
  it('the guide is /mentor session view; its button opens the log modal', async () => {
    const guide = await d.command('pat', 'session');
    expect(guide.private).toBe(true);
    expect(guide.text).toContain('Session guide — Initial assessment');
    expect(guide.text).toContain('`/mentor session log`');
    const modal = await d.pressIn('pat', guide, 'session.log');
    expect(modal.responseType).toBe(9);
    expect(modal.modal.title).toBe('Log: Initial assessment');
  });

  it('/mentor session log alone opens the modal: the situations are one select of any number of options', async () => {
    const opened = await d.command('pat', 'session log');
    expect(opened.responseType).toBe(9);
    expectWithinModalLimits(opened.modal);
    const select = opened.modal.components.find((c: any) => c.type === 18 && c.component.custom_id === 'check_ins').component;
    expect(select).toMatchObject({ type: 3, required: false, min_values: 0, max_values: 2 });
    expect(select.options.map((o: any) => o.value)).toEqual(['risky-setting', 'unclear-risks']);
  });

  it('a wrong length is refused on the form, keeping what was typed, and nothing is saved', async () => {
    const refused = await d.submit('pat', 'session-log', { duration: 'a while', date: 'today', notes: NOTES, check_ins: 'risky-setting' });
    expect(refused.text).toContain('"a while" is not a length of time');
    expect(await app.services.prisma.sessionLog.count({ where: { enrollment: { program: { workspace: { externalId: app.guildId } } } } })).toBe(0);
  });

  it('two situations chosen: the supervisor gets one debrief request naming both — the mentor and coordinator nothing, nobody the notes', async () => {
    await d.command('pat', 'session log');
    const logged = await d.submit('pat', 'session-log', { duration: '45m', date: 'today', notes: NOTES, check_ins: 'risky-setting,unclear-risks' });
    expect(logged.private).toBe(true);
    expect(logged.text).toContain('Logged your initial assessment: 45m on 2026-03-02.');
    expect(logged.text).toContain("I've asked your supervisor for a debrief (a safety concern; being unsure how to go on)");
    const sent = await d.takeSent();
    const toSue = sent.filter((m) => m.to === dm('sue'));
    expect(toSue).toHaveLength(1);
    expect(toSue[0]!.text).toContain('Pat (Community involvement sessions) asked for a debrief after an initial assessment');
    expect(toSue[0]!.text).toContain('You are unsure about risks or contingencies you want to plan for before the next session.');
    expect(sent.filter((m) => m.to === dm('mo') || m.to === dm('cora'))).toEqual([]);
    expect(JSON.stringify(app.api.find('POST', /^\/channels\/\d+\/messages$/).map((c) => c.body))).not.toContain('sister');
    const [row] = await app.services.prisma.sessionLog.findMany({ where: { enrollment: { program: { workspace: { externalId: app.guildId } } } } });
    expect(row).toMatchObject({ sessionKey: 'initial-assessment', minutes: 45, checkIns: ['risky-setting', 'unclear-risks'] });
    expect(row!.notesEnc).not.toContain('sister');
  });

  it('typed options log the community session next, with a situation named by its reason', async () => {
    const typed = await d.typed('pat', 'mentor', 'session log', [{ type: 3, name: 'duration', value: '1h' }, { type: 3, name: 'check-in', value: 'impasse' }]);
    expect(typed.text).toContain('Logged your community session (number 1): 1h on 2026-03-02.');
    expect((await d.takeSent()).find((m) => m.to === dm('sue'))?.text).toContain('You met strong resistance and could not find a way forward.');
  });
});
