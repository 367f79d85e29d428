import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certMentor, certTrainee, ConsoleSession, linesFor } from '../../support/console-session.js';
import { uniqueName } from '../../support/db.js';

// Snooze, away and holidays at work in the console: a trainee snoozes a reflection prompt and
// gets it again the next day; goes away and hears nothing until back, while the program clock
// runs on; a coordinator's holiday holds everyone's reminders and moves the weeks after it.
const id = uniqueName('q').replace(/-/g, '');
const [cora, mo, tia] = [`cora${id}`, `mo${id}`, `tia${id}`];
let session: ConsoleSession;

const toTia = (out: string[]) => linesFor(out, `to ${tia}]`).join('\n');
const weekOf = (out: string[]) => Number(/Program week: Week (\d+)/.exec(linesFor(out, `to ${tia} (private)`).join('\n'))![1]);

beforeAll(async () => {
  session = await ConsoleSession.withProgram({
    coordinator: cora,
    joiners: [certMentor(mo), certTrainee(tia, 'Mon 19:00-21:00', 'Lead a family meeting')],
    matches: [[mo, tia]],
  });
}, 60_000);

afterAll(() => session?.close());

describe('snooze', () => {
  it('"Remind me tomorrow" on the reflection prompt brings it back the next day', async () => {
    const out = await session.run('advance 4d');
    const prompt = toTia(out);
    expect(prompt).toContain('Week 1 reflection');
    expect(prompt).toContain('[Write my reflection: press reflection.answer');
    const snooze = /\[Remind me tomorrow: press (nudge\.snooze 1:reflection:\S+)\]/.exec(prompt)![1]!;
    const pressed = await session.run(`as ${tia}\npress ${snooze}`);
    expect(linesFor(pressed, `to ${tia} (private)`).join('\n')).toMatch(/I'll remind you tomorrow \(.*, your time\)/);
    const next = await session.run('advance 1d');
    expect(toTia(next)).toContain('Week 1 reflection');
  });
});

describe('forms in the console', () => {
  it('a refused answer names its field, saves nothing, and shows the form again', async () => {
    const out = await session.run(`as ${tia}\n/mentor log-call\nsubmit log-call duration="half an hour" kind=supervision date=yesterday`);
    const answer = linesFor(out, `to ${tia} (private)`).join('\n');
    expect(answer).toContain('duration: "half an hour" is not a length of time I understand');
    expect(answer.match(/\[form\] Log a call/g)).toHaveLength(2);
    expect(await session.services.prisma.callLog.count({ where: { enrollment: { person: { identities: { some: { handle: tia } } } } } })).toBe(0);
  });
});

describe('away', () => {
  it('holds every reminder while away, without stopping the program clock, and shows in settings', async () => {
    const weekBefore = weekOf(await session.run(`as ${tia}\n/mentor status`));
    const set = await session.run(`as ${tia}\n/mentor away in 9 days\n/mentor settings`);
    const answer = linesFor(set, `to ${tia} (private)`).join('\n');
    expect(answer).toMatch(/Away through .*: I'll hold your reminders/);
    expect(answer).toMatch(/Away: until /);
    const during = await session.run('advance 8d');
    expect(toTia(during)).toBe('');
    const status = await session.run(`as ${tia}\n/mentor status`);
    // Away is not a pause: eight days on, the program is a week further.
    expect(weekOf(status)).toBeGreaterThan(weekBefore);
    const back = await session.run('advance 7d');
    expect(toTia(back)).toMatch(/reflection|Supervision/);
  });
});

describe('program holidays', () => {
  it('a coordinator’s holiday holds everyone’s reminders and moves the weeks after it', async () => {
    const now = session.clock.now();
    const day = (d: number) => new Date(now.getTime() + d * 86_400_000).toISOString().slice(0, 10);
    const set = await session.run(`as ${cora}\n/mentor admin holiday ${day(1)} ${day(7)}`);
    expect(linesFor(set, `to ${cora} (private)`).join('\n')).toContain(`Holiday set: ${day(1)} – ${day(7)}`);
    const shown = await session.run(`as ${tia}\n/mentor settings`);
    expect(linesFor(shown, `to ${tia} (private)`).join('\n')).toContain(`Holidays in Interventionist certification mentorship: ${day(1)} – ${day(7)}`);
    const first = await session.run(`advance 1d\nas ${tia}\n/mentor status`);
    const week = weekOf(first);
    expect(linesFor(first, `to ${tia} (private)`).join('\n')).toContain(`Week ${week} of 40 (program holiday)`);
    const during = await session.run('advance 6d');
    expect(toTia(during)).toBe('');
    // A week of holiday later the program is still in the same week: the days off did not count.
    const after = await session.run(`advance 1d\nas ${tia}\n/mentor status`);
    expect(weekOf(after)).toBe(week);
    expect(linesFor(after, `to ${tia} (private)`).join('\n')).not.toContain('program holiday');
  });
});
