import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countBy, createHarness, fakePlatform, keysOf, seeder, type Harness, type Sent } from './harness.js';
import { runThrough, type ScriptedEvent } from './stepper.js';

// One trainee through the whole 40-week certification program, with a mentor and a coordinator,
// the clock stepping from one due nudge to the next. Calls and reflections are written directly
// into Postgres at scripted moments, as the mentorship commands would.
describe('a 40-week enrollment, planned and delivered through BullMQ', () => {
  let h: Harness;
  let sent: Sent[];
  let ids: { enrollment: string; match: string; coordinator: string };
  const ZONE = 'Europe/Berlin';
  const START = '2026-03-04'; // a Wednesday: the chosen Monday is day 6 of each program week
  const localNoon = (daysAfterStart: number) => DateTime.fromISO(START, { zone: ZONE }).plus({ days: daysAfterStart }).set({ hour: 12 }).toJSDate();
  const localDay = (daysAfterStart: number) => DateTime.fromISO(START).plus({ days: daysAfterStart }).toISODate()!;

  beforeAll(async () => {
    h = await createHarness('2026-03-03T12:00:00Z');
    const seed = seeder(h);
    const fake = fakePlatform(h.clock);
    sent = fake.sent;
    const program = await seed.program();
    const ana = await seed.person({ handle: 'ana', timeZone: ZONE, nudgeWeekday: 1, nudgeMinute: 9 * 60 });
    const mo = await seed.person({ handle: 'mo', timeZone: 'America/Chicago', nudgeMinute: 8 * 60 });
    const cora = await seed.person({ handle: 'cora' });
    const trainee = await seed.enrollment(program.id, ana.id, 'mentee', START);
    const mentor = await seed.enrollment(program.id, mo.id, 'mentor', START);
    await seed.enrollment(program.id, cora.id, 'coordinator', null);
    const activatedAt = new Date('2026-03-04T10:00:00Z');
    const match = await seed.match(program.id, mentor.id, trainee.id, activatedAt, new Date(activatedAt.getTime() + 7 * 86_400_000));
    ids = { enrollment: trainee.id, match: match.id, coordinator: cora.id };

    const events: ScriptedEvent[] = [
      // Supervision calls logged on the Thursday of week 3 (weekly), 15 (bi-weekly) and 33 (monthly).
      // Each call is the phase's full length (30, 45, 60 min): a shorter one would not keep its period.
      ...([[3, 30], [15, 45], [33, 60]] as const).map(([week, minutes]) => ({ at: localNoon((week - 1) * 7 + 1), run: () => seed.call(trainee.id, 'supervision', localDay((week - 1) * 7 + 1), minutes) })),
      // Reflections for weeks 1–10 written on day 5, after the prompt and before the follow-up.
      ...Array.from({ length: 10 }, (_, i) => ({ at: localNoon(i * 7 + 4), run: () => seed.reflection(trainee.id, i + 1) })),
    ];
    const engine = await h.engine([fake.runtime]);
    await runThrough(h, engine, new Date('2026-12-20T00:00:00Z'), events);
  }, 240_000);

  afterAll(() => h?.close());

  const kinds = () => countBy(keysOf(sent), (k) => k.split(':')[0]!);

  it('sends each nudge key at most once', () => {
    expect(new Set(keysOf(sent)).size).toBe(sent.length);
  });

  it("sends the template's supervision reminders — 12 weekly, 8 bi-weekly, 3 monthly — less the 3 periods whose call was logged", () => {
    const supervision = sent.filter((s) => s.key?.startsWith('supervision:'));
    const periods = supervision.map((s) => Number(s.key!.split(':p')[1]));
    expect(supervision).toHaveLength(20);
    expect(periods.filter((p) => p < 12)).toHaveLength(11);
    expect(periods.filter((p) => p >= 12 && p < 20)).toHaveLength(7);
    expect(periods.filter((p) => p >= 20)).toHaveLength(2);
    expect(periods).not.toContain(2); // week 3
    expect(periods).not.toContain(13); // weeks 15–16
    expect(periods).not.toContain(21); // weeks 33–36
  });

  it('sends every supervision reminder on Monday at 09:00 Berlin time, before and after the DST change', () => {
    const local = sent.filter((s) => s.key?.startsWith('supervision:')).map((s) => DateTime.fromJSDate(s.at, { zone: ZONE }).toFormat('ccc HH:mm'));
    expect(new Set(local)).toEqual(new Set(['Mon 09:00']));
  });

  it('sends 40 weekly reflection prompts and a follow-up only for the 30 weeks left unanswered', () => {
    // phase: the welcome to Ana and to Mo, then Ana's two phase changes. The hours summary comes
    // only after the 3 weeks with a call; the 37 others get the stepped-care nudge instead.
    expect(kinds()).toMatchObject({ reflection: 40, 'reflection-followup': 30, 'hours-summary': 3, phase: 4, 'final-case-review': 1 });
    const followed = sent.filter((s) => s.key?.startsWith('reflection-followup:')).map((s) => Number(s.key!.split(':w')[1]));
    expect(Math.min(...followed)).toBe(11);
  });

  it('runs the first-call sequence: mentor on day 3 and day 6, then the mentee’s re-match offer and the coordinator’s notice', () => {
    const firstCall = sent.filter((s) => s.key?.startsWith('first-call:')).map((s) => [s.key!.replace(ids.match, 'M').replace(ids.coordinator, 'C'), s.to]);
    expect(firstCall).toEqual([
      ['first-call:M:d3', 'mo'],
      ['first-call:M:d6', 'mo'],
      ['first-call:M:d7:mentee', 'ana'],
      ['first-call:M:d7:coordinator:C', 'cora'],
    ]);
    const offer = sent.find((s) => s.key?.endsWith(':d7:mentee'))!;
    expect(offer.message.blocks.some((b) => b.type === 'actions' && b.buttons[0]?.action === 'match.rematch-request' && b.buttons[0].value === ids.match)).toBe(true);
  });

  it('runs stepped care: Ana after each of her 37 empty weeks, Mo once per quiet stretch that reaches two, the coordinator at four', () => {
    const steps = sent.filter((s) => s.key?.startsWith('stepped-care:'));
    const weeks = (to: string) => steps.filter((s) => s.to === to).map((s) => Number(/:w(\d+)/.exec(s.key!)![1]));
    expect(weeks('ana')).toEqual(Array.from({ length: 40 }, (_, i) => i + 1).filter((w) => ![3, 15, 33].includes(w)));
    // Runs of misses: weeks 1–2, 4–14 (hours and periods), 16–32 (hours, and periods 17–28 within
    // them: told once, as one quiet stretch — see stepIsDue), 34–40.
    expect(weeks('mo')).toEqual([2, 5, 17, 35]);
    expect(weeks('cora')).toEqual([7, 19, 37]);
    expect(steps.find((s) => s.to === 'cora')!.text).toContain('A supervisor hears after 2 in a row; theirs is Mo.');
  });

  it("gives Mo one digest in each week that brought news of Ana's weeks, and none in a week with nothing", () => {
    const digests = sent.filter((s) => s.key?.startsWith('digest:'));
    expect(digests).toHaveLength(37);
    for (const d of digests) expect(d.to).toBe('mo');
    expect(new Set(digests.map((d) => DateTime.fromJSDate(d.at, { zone: 'America/Chicago' }).toFormat('ccc HH:mm')))).toEqual(new Set(['Mon 08:00']));
  });

  it('records every outcome in Postgres: sent rows with sentAt, skipped rows with the reason', async () => {
    const rows = await h.services.prisma.plannedNudge.findMany({ where: { refs: { path: ['workspaceId'], equals: h.workspaceId } } });
    const byStatus = countBy(rows.map((r) => r.status), (s) => s);
    expect(byStatus.sent).toBe(sent.length);
    expect(countBy(rows.filter((r) => r.status === 'skipped').map((r) => `${r.kind}: ${r.lastError}`), (x) => x)).toEqual({
      'reflection-followup: reflection already written': 10,
      "supervision: this period's supervision call is already logged": 3,
      'hours-summary: stepped care speaks for this week': 37,
      'stepped-care: nothing was missed that week': 3,
      // Supervisor (weeks 2–40) and coordinator (weeks 4–40) rows not sent.
      'stepped-care: no run of misses reaches the step that week': 6 + 11,
      'stepped-care: already told of this run of misses': 29 + 23,
      'digest: nothing waits': 5,
    });
    expect(rows.filter((r) => ['planned', 'queued', 'claimed'].includes(r.status))).toEqual([]);
  });
});
