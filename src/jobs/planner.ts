// The rolling planner: for every live enrollment, open first-call clock, recently ended match
// and upcoming cohort meeting, insert the occurrences due in the window as PlannedNudge rows.
// Idempotent by key, so any number of planners may run at once, and re-running is cheap.
import { planDigest, planEnrollment, planMatch, planMeeting, planSteppedCare, type Occurrence, type PlanWindow } from '../core/nudges/index.js';
import type { NudgeRepository, Page, PlanSubjects, Scope } from './ports.js';

const PAGE = 5_000;
/** Upserts in flight while the next page is read and planned: Postgres writes while we compute. */
const WRITES_IN_FLIGHT = 2;
const DAY_MS = 86_400_000;

export interface PlanReport {
  occurrences: number;
  changed: number;
}

export function createPlanner(subjects: PlanSubjects, nudges: NudgeRepository, scope: Scope) {
  /** Pages through subjects by id so memory stays flat however many people there are. */
  async function paged<T extends { id: string }>(fetch: (page: Page) => Promise<T[]>, each: (rows: T[]) => Promise<void>) {
    let after: string | undefined;
    for (;;) {
      const rows = await fetch({ after, limit: PAGE, scope });
      if (rows.length) await each(rows);
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!.id;
    }
  }

  return {
    async plan(window: PlanWindow): Promise<PlanReport> {
      const report: PlanReport = { occurrences: 0, changed: 0 };
      const writing = new Set<Promise<void>>();
      let failure: { error: unknown } | undefined;
      // A page's rows are written while the next page is read and planned (reading, planning
      // and writing a 100,000-person week one after the other left each side idle half the time).
      const save = async (occurrences: Occurrence[]) => {
        report.occurrences += occurrences.length;
        if (!occurrences.length) return;
        while (writing.size >= WRITES_IN_FLIGHT) await Promise.race(writing);
        if (failure) throw failure.error;
        const write: Promise<void> = nudges
          .upsert(occurrences)
          .then((changed) => void (report.changed += changed), (error: unknown) => void (failure ??= { error }))
          .finally(() => writing.delete(write));
        writing.add(write);
      };
      await paged((page) => subjects.liveEnrollments(page), (rows) => save(rows.flatMap((s) => planEnrollment(s, window))));
      // Open first-call clocks (with their overdue notices after the deadline), and matches that
      // just ended (the end-of-relationship evaluation, the morning after).
      const since = { openDueSince: new Date(window.from.getTime() - 8 * DAY_MS), endedSince: new Date(window.from.getTime() - DAY_MS) };
      await paged((page) => subjects.firstCallMatches(page, since), (rows) => save(rows.flatMap((s) => planMatch(s, window))));
      // A meeting's reminders come up to a day (plus an hour) before it starts.
      const range = { from: window.from, before: new Date(window.to.getTime() + DAY_MS + 3_600_000) };
      await paged((page) => subjects.upcomingMeetings(page, range), (rows) => save(rows.flatMap((s) => planMeeting(s, window))));
      // Stepped care: each finished week of a trainee in care, and its steps to supervisor and coordinators.
      await paged(
        async (page) => (await subjects.steppedCareTrainees(page)).map((s) => ({ ...s, id: s.trainee.id })),
        (rows) => save(rows.flatMap((s) => planSteppedCare(s, window))),
      );
      // One weekly digest per mentor or supervisor and workspace (paged by person: one person's workspaces share a page).
      await paged(
        async (page) => (await subjects.digestRecipients(page)).map((s) => ({ ...s, id: s.person.id })),
        (rows) => save(rows.flatMap((s) => planDigest(s, window))),
      );
      await Promise.all(writing);
      if (failure) throw failure.error;
      return report;
    },
  };
}

export type Planner = ReturnType<typeof createPlanner>;
