// The rolling planner: for every live enrollment, open first-call clock, recently ended match
// and upcoming cohort meeting, insert the occurrences due in the window as PlannedNudge rows.
// Idempotent by key, so any number of planners may run at once, and re-running is cheap.
//
// Incremental: a pass runs every 30 minutes over a window that moved 30 minutes, and for nearly
// everyone nothing new falls due in those 30 minutes. So the planner remembers, per enrollment, a
// fingerprint of everything planning reads about it (person, zone, nudge time, quiet hours,
// status, pauses, holidays, program and template version) and what its last computation saw ahead:
// the next occurrence after that window, and how far ahead that is certain. A later pass whose
// window that enrollment has already covered, with the same fingerprint, skips it — no computing,
// no writing. Any change to the facts changes the fingerprint, and the enrollment is planned
// again over the whole window. The memory is this process's (a restarted or another process
// starts with a full pass, which is always correct), and a full pass runs at least daily anyway.
import {
  planDigest,
  planEnrollmentAhead,
  planMatch,
  planMeeting,
  planSteppedCare,
  spreadWithinMinute,
  type EnrollmentSubject,
  type Occurrence,
  type PlanWindow,
} from '../core/nudges/index.js';
import type { NudgeRepository, Page, PlanSubjects, Scope } from './ports.js';

const PAGE = 5_000;
/** Upserts in flight while the next page is read and planned: Postgres writes while we compute. */
const WRITES_IN_FLIGHT = 2;
const DAY_MS = 86_400_000;
/** Program time between full passes, which plan every enrollment whatever the marks say. */
export const FULL_PASS_EVERY_MS = DAY_MS;

export interface PlanReport {
  occurrences: number;
  changed: number;
  /** Enrollments planned in this pass; the rest were skipped by their marks. */
  enrollmentsPlanned: number;
  enrollmentsSkipped: number;
}

/** What the last full computation of one enrollment covered. */
interface Mark {
  fingerprint: number;
  /** The window it was planned over started here (ms)… */
  from: number;
  /** …and nothing new falls due for it before this (ms): min(next occurrence, end of what was computed). */
  quietUntil: number;
}

/** A 53-bit string hash (cyrb53): cheap, and collisions between one enrollment's states are negligible. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2_654_435_761);
    h2 = Math.imul(h2 ^ c, 1_597_334_677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2_246_822_507) ^ Math.imul(h2 ^ (h2 >>> 13), 3_266_489_909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2_246_822_507) ^ Math.imul(h1 ^ (h1 >>> 13), 3_266_489_909);
  return 4_294_967_296 * (2_097_151 & h2) + (h1 >>> 0);
}

export interface PlannerOptions {
  /** Nudges due at a whole minute move 0 to this many seconds−1 into it, stably per person (0: not moved). */
  spreadSeconds?: number;
}

export function createPlanner(subjects: PlanSubjects, nudges: NudgeRepository, scope: Scope, options: PlannerOptions = {}) {
  const spread = options.spreadSeconds ?? 0;
  // By person, so one person's nudges of one minute stay together; a channel's by its key.
  const spreadOut = (list: Occurrence[]) => (spread > 1 ? list.map((o) => ({ ...o, dueAt: spreadWithinMinute(o.dueAt, o.personId ?? o.key, spread) })) : list);
  let marks = new Map<string, Mark>();
  let lastFullPassAt = -Infinity;
  // Templates are cached objects, one per program version: their identity stands for their content.
  const templateIds = new WeakMap<object, number>();
  let templateCount = 0;
  const fingerprintOf = (s: EnrollmentSubject): number => {
    let template = templateIds.get(s.template);
    if (template === undefined) templateIds.set(s.template, (template = ++templateCount));
    return hash53(JSON.stringify({ ...s, template }));
  };

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
      const report: PlanReport = { occurrences: 0, changed: 0, enrollmentsPlanned: 0, enrollmentsSkipped: 0 };
      const [from, to, now] = [window.from.getTime(), window.to.getTime(), window.now.getTime()];
      // A clock that went back, or a day since the last full pass: plan everyone.
      const full = now - lastFullPassAt >= FULL_PASS_EVERY_MS || now < lastFullPassAt;
      if (full) marks = new Map();
      const writing = new Set<Promise<void>>();
      let failure: { error: unknown } | undefined;
      // A page's rows are written while the next page is read and planned (reading, planning
      // and writing a 100,000-person week one after the other left each side idle half the time).
      // Marks count only once their rows are written.
      const save = async (occurrences: Occurrence[], marked: [string, Mark][] = []) => {
        report.occurrences += occurrences.length;
        if (!occurrences.length) {
          for (const [id, mark] of marked) marks.set(id, mark);
          return;
        }
        while (writing.size >= WRITES_IN_FLIGHT) await Promise.race(writing);
        if (failure) throw failure.error;
        const write: Promise<void> = nudges
          .upsert(spreadOut(occurrences))
          .then(
            (changed) => {
              report.changed += changed;
              for (const [id, mark] of marked) marks.set(id, mark);
            },
            (error: unknown) => void (failure ??= { error }),
          )
          .finally(() => writing.delete(write));
        writing.add(write);
      };
      const planPage = (rows: EnrollmentSubject[]) => {
        const occurrences: Occurrence[] = [];
        const marked: [string, Mark][] = [];
        for (const s of rows) {
          const fingerprint = fingerprintOf(s);
          const mark = marks.get(s.id);
          if (mark && mark.fingerprint === fingerprint && mark.from <= from && to <= mark.quietUntil) {
            report.enrollmentsSkipped++;
            continue;
          }
          const ahead = planEnrollmentAhead(s, window);
          occurrences.push(...ahead.occurrences);
          marked.push([s.id, { fingerprint, from, quietUntil: Math.min(ahead.nextDueAt, ahead.knownUntil) }]);
          report.enrollmentsPlanned++;
        }
        return save(occurrences, marked);
      };
      await paged((page) => subjects.liveEnrollments(page), planPage);
      // Open first-call clocks (with their overdue notices after the deadline), and matches that
      // just ended (the end-of-relationship evaluation, the morning after): few, always planned.
      const since = { openDueSince: new Date(from - 8 * DAY_MS), endedSince: new Date(from - DAY_MS) };
      await paged((page) => subjects.firstCallMatches(page, since), (rows) => save(rows.flatMap((s) => planMatch(s, window))));
      // A meeting's reminders come up to a day (plus an hour) before it starts.
      const range = { from: window.from, before: new Date(to + DAY_MS + 3_600_000) };
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
      if (full) lastFullPassAt = now;
      return report;
    },
  };
}

export type Planner = ReturnType<typeof createPlanner>;
