// The planner remembers what it planned for each enrollment and skips those for which nothing
// new can fall due: checked against a planner that forgets (plans everyone every pass), pass by
// pass, with the window moving as it does in production and people changing their settings.
import { describe, expect, it } from 'vitest';
import type { EnrollmentSubject, Occurrence } from '../../../src/core/nudges/index.js';
import { createPlanner } from '../../../src/jobs/planner.js';
import type { NudgeRepository, PlanSubjects } from '../../../src/jobs/ports.js';
import { enrollment, person } from './subjects.js';

const HOUR = 3_600_000;
const ZONES = ['UTC', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney'];

/** An in-memory PlannedNudge table: key → due time, as the upsert leaves it. */
function table() {
  const rows = new Map<string, number>();
  let writes = 0;
  const nudges = {
    async upsert(occurrences: Occurrence[]) {
      let changed = 0;
      for (const o of occurrences) {
        if (rows.get(o.key) !== o.dueAt.getTime()) changed++;
        rows.set(o.key, o.dueAt.getTime());
      }
      writes += occurrences.length;
      return changed;
    },
  } as unknown as NudgeRepository;
  return { rows, nudges, writes: () => writes };
}

function people(count: number): EnrollmentSubject[] {
  return Array.from({ length: count }, (_, i) =>
    enrollment({
      id: `enr-${String(i).padStart(3, '0')}`,
      startDate: `2026-0${3 + (i % 3)}-${String(1 + (i % 27)).padStart(2, '0')}`,
      person: person(`p${i}`, { timeZone: ZONES[i % ZONES.length]!, nudgeWeekday: 1 + (i % 7), nudgeMinute: 480 + ((i * 37) % 600), ...(i % 5 === 0 ? { quietStartMinute: 22 * 60, quietEndMinute: 7 * 60 } : {}) }),
    }),
  );
}

const subjectsOf = (list: () => EnrollmentSubject[]): PlanSubjects => ({
  liveEnrollments: async (page) => list().filter((e) => e.id > (page.after ?? '')).slice(0, page.limit),
  firstCallMatches: async () => [],
  upcomingMeetings: async () => [],
  programEndCandidates: async () => [],
  steppedCareTrainees: async () => [],
  digestRecipients: async () => [],
});

describe('incremental planning', () => {
  it('plans exactly what a planner that forgets would, pass after pass, while skipping those with nothing new', async () => {
    let everyone = people(60);
    const subjects = subjectsOf(() => everyone);
    const remembering = table();
    const planner = createPlanner(subjects, remembering.nudges, undefined);
    const forgetting = table();
    let planned = 0;
    let skipped = 0;
    const start = new Date('2026-06-01T00:00:00Z').getTime();
    // Four days of passes every 30 minutes, each over [now − 48 h, now + 48 h), as the engine runs them.
    for (let pass = 0; pass < 192; pass++) {
      const now = start + pass * 30 * 60_000;
      if (pass === 50) everyone = everyone.map((e, i) => (i === 7 ? { ...e, person: { ...e.person, nudgeMinute: 17 * 60, nudgeWeekday: 3 } } : e));
      if (pass === 90) everyone = everyone.map((e, i) => (i === 8 ? { ...e, pauses: [{ start: new Date(now - HOUR), end: null }] } : e));
      if (pass === 120) everyone = everyone.map((e, i) => (i === 8 ? { ...e, pauses: [{ start: new Date(now - 31 * HOUR), end: new Date(now) }] } : e));
      const window = { from: new Date(now - 48 * HOUR), to: new Date(now + 48 * HOUR), now: new Date(now) };
      const report = await planner.plan(window);
      planned += report.enrollmentsPlanned;
      skipped += report.enrollmentsSkipped;
      await createPlanner(subjects, forgetting.nudges, undefined).plan(window);
      expect(Object.fromEntries(remembering.rows), `pass ${pass}`).toEqual(Object.fromEntries(forgetting.rows));
    }
    // The changes above moved rows, so the check compared something that changed.
    expect(remembering.rows.size).toBeGreaterThan(200);
    // Most enrollments, most passes, were skipped (the first pass and each day's full pass plan everyone).
    expect(skipped).toBeGreaterThan(planned * 3);
    expect(remembering.writes()).toBeLessThan(forgetting.writes() / 10);
  });

  it('plans an enrollment again over the whole window when anything it reads changes', async () => {
    let everyone = people(3);
    const store = table();
    const planner = createPlanner(subjectsOf(() => everyone), store.nudges, undefined);
    const now = new Date('2026-06-03T12:00:00Z').getTime();
    const window = { from: new Date(now - 48 * HOUR), to: new Date(now + 48 * HOUR), now: new Date(now) };
    const first = await planner.plan(window);
    expect(first.enrollmentsPlanned).toBe(3);
    expect((await planner.plan(window)).enrollmentsSkipped).toBe(3);
    everyone = everyone.map((e, i) => (i === 1 ? { ...e, person: { ...e.person, timeZone: 'Europe/Berlin' } } : e));
    const again = await planner.plan(window);
    expect(again).toMatchObject({ enrollmentsPlanned: 1, enrollmentsSkipped: 2 });
    expect(again.changed).toBeGreaterThan(0);
  });
});
