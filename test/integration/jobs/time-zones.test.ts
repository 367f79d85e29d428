import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, fakePlatform, seeder, type Harness, type Sent } from './harness.js';
import { runThrough } from './stepper.js';

// Two trainees, one in Asia/Kolkata (no DST, +05:30) and one in America/New_York (DST starts
// 8 March 2026), each with their own chosen weekday and time, stepped through five weeks.
describe('reminders at each person’s own chosen local time across a DST change', () => {
  let h: Harness;
  let sent: Sent[];

  beforeAll(async () => {
    h = await createHarness('2026-02-22T00:00:00Z');
    const seed = seeder(h);
    const fake = fakePlatform(h.clock);
    sent = fake.sent;
    const program = await seed.program();
    const priya = await seed.person({ handle: 'priya', timeZone: 'Asia/Kolkata', nudgeWeekday: 4, nudgeMinute: 18 * 60 + 30 });
    const nate = await seed.person({ handle: 'nate', timeZone: 'America/New_York', nudgeWeekday: 1, nudgeMinute: 7 * 60 + 45, quietStartMinute: 22 * 60, quietEndMinute: 7 * 60 });
    await seed.enrollment(program.id, priya.id, 'mentee', '2026-02-23');
    await seed.enrollment(program.id, nate.id, 'mentee', '2026-02-23');
    const engine = await h.engine([fake.runtime]);
    await runThrough(h, engine, new Date('2026-03-30T00:00:00Z'));
  }, 120_000);

  afterAll(() => h?.close());

  const supervisionOf = (handle: string) => sent.filter((s) => s.to === handle && s.key?.startsWith('supervision:'));
  const local = (s: Sent, zone: string) => DateTime.fromJSDate(s.at, { zone });

  it('reaches Priya every Thursday at 18:30 in Kolkata', () => {
    const times = supervisionOf('priya').map((s) => local(s, 'Asia/Kolkata').toFormat('ccc HH:mm'));
    expect(times).toEqual(['Thu 18:30', 'Thu 18:30', 'Thu 18:30', 'Thu 18:30', 'Thu 18:30']);
  });

  it('reaches Nate every Monday at 07:45 in New York, whether the offset is EST or EDT', () => {
    const reminders = supervisionOf('nate');
    expect(reminders.map((s) => local(s, 'America/New_York').toFormat('ccc HH:mm'))).toEqual(Array(5).fill('Mon 07:45'));
    expect(reminders.map((s) => local(s, 'America/New_York').offsetNameShort)).toEqual(['EST', 'EST', 'EDT', 'EDT', 'EDT']);
    // In UTC the reminder moved an hour earlier with the clocks: the local time is what is kept.
    expect(reminders.map((s) => s.at.toISOString().slice(11, 16))).toEqual(['12:45', '12:45', '11:45', '11:45', '11:45']);
  });

  it('never reaches Nate inside his quiet hours (22:00–07:00), for any kind of nudge', () => {
    const nights = sent.filter((s) => s.to === 'nate').map((s) => local(s, 'America/New_York').hour).filter((hour) => hour >= 22 || hour < 7);
    expect(sent.filter((s) => s.to === 'nate').length).toBeGreaterThan(10);
    expect(nights).toEqual([]);
  });

  it('sends the daily-anchored nudges at the chosen minute too (reflections on day 4)', () => {
    const prompts = sent.filter((s) => s.to === 'priya' && s.key?.startsWith('reflection:'));
    expect(prompts.map((s) => local(s, 'Asia/Kolkata').toFormat('ccc HH:mm'))).toEqual(Array(prompts.length).fill('Thu 18:30'));
    expect(prompts.length).toBe(5);
  });
});
