// With spreadSeconds (the worker processes set 60), the planner writes nudges of one minute over
// that minute's seconds, stably: planning again changes no row, and each is still sent once.
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, fakePlatform, keysOf, seeder, type Harness } from './harness.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('nudges of one minute spread over its seconds', () => {
  it('plans each due time a stable few seconds into its minute, and sends each nudge once', async () => {
    h = await createHarness('2026-03-05T08:55:00Z');
    const seed = seeder(h);
    const program = await seed.program();
    for (let i = 0; i < 10; i++) {
      const person = await seed.person({ handle: `s${i}` });
      await seed.enrollment(program.id, person.id, 'mentee', '2026-03-02');
    }
    const fake = fakePlatform(h.clock);
    const engine = await h.engine([fake.runtime], { spreadSeconds: 60 });
    const rows = await h.services.prisma.plannedNudge.findMany({ where: { refs: { path: ['workspaceId'], equals: h.workspaceId } }, select: { key: true, dueAt: true } });
    expect(rows.length).toBeGreaterThanOrEqual(10);
    const intoMinute = rows.map((r) => r.dueAt.getTime() % 60_000);
    expect(intoMinute.every((ms) => ms % 1000 === 0 && ms < 60_000)).toBe(true);
    expect(new Set(intoMinute).size).toBeGreaterThan(1);
    expect((await engine.plan()).changed).toBe(0);

    h.clock.set('2026-03-05T10:00:00Z');
    await engine.runDue();
    const sent = keysOf(fake.sent);
    expect(new Set(sent).size).toBe(sent.length);
    const due = await h.services.prisma.plannedNudge.findMany({ where: { refs: { path: ['workspaceId'], equals: h.workspaceId }, dueAt: { lte: h.clock.now() } }, select: { status: true } });
    expect(due.filter((r) => r.status !== 'sent' && r.status !== 'skipped')).toEqual([]);
    expect(sent.length).toBe(due.filter((r) => r.status === 'sent').length);
  });
});
