// The rolling planner: for every live enrollment, open first-call clock, recently ended match
// and upcoming cohort meeting, insert the occurrences due in the window as PlannedNudge rows.
// Idempotent by key, so any number of planners may run at once, and re-running is cheap.
import { planEnrollment, planMatch, planMeeting, type Occurrence, type PlanWindow } from '../core/nudges/index.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { NudgeStore } from './nudge-store.js';
import {
  coordinatorsOf,
  createTemplateCache,
  enrollmentInclude,
  matchInclude,
  meetingInclude,
  toEnrollmentSubject,
  toMatchSubject,
  toMeetingSubject,
} from './subjects.js';

const PAGE = 2_000;
const DAY_MS = 86_400_000;

export interface PlanReport {
  occurrences: number;
  changed: number;
}

export function createPlanner(prisma: PrismaClient, store: NudgeStore, workspaceIds?: string[]) {
  const inScope = workspaceIds ? { workspaceId: { in: workspaceIds } } : {};

  /** Pages through a table by id so memory stays flat however many people there are. */
  async function paged<T extends { id: string }>(fetch: (after: string | undefined) => Promise<T[]>, each: (rows: T[]) => Promise<void>) {
    let after: string | undefined;
    for (;;) {
      const rows = await fetch(after);
      if (rows.length) await each(rows);
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!.id;
    }
  }

  const cursor = (after: string | undefined) => (after ? { id: { gt: after } } : {});

  async function planEnrollments(window: PlanWindow, save: (o: Occurrence[]) => Promise<void>) {
    const templates = createTemplateCache();
    await paged(
      (after) =>
        prisma.enrollment.findMany({
          where: { ...cursor(after), status: 'active', startDate: { not: null }, role: { in: ['mentee', 'mentor'] }, person: { withdrawnAt: null }, program: inScope },
          include: enrollmentInclude,
          orderBy: { id: 'asc' },
          take: PAGE,
        }),
      (rows) => save(rows.flatMap((row) => planEnrollment(toEnrollmentSubject(row, templates), window))),
    );
  }

  async function planMatches(window: PlanWindow, save: (o: Occurrence[]) => Promise<void>) {
    const templates = createTemplateCache();
    const open = { status: 'active' as const, firstCallAt: null, firstCallDueAt: { gte: new Date(window.from.getTime() - 8 * DAY_MS) } };
    const ended = { status: 'ended' as const, endedAt: { gte: new Date(window.from.getTime() - DAY_MS) } };
    await paged(
      (after) =>
        prisma.match.findMany({ where: { ...cursor(after), OR: [open, ended], program: inScope }, include: matchInclude, orderBy: { id: 'asc' }, take: PAGE }),
      async (rows) => {
        const coordinators = await coordinatorsOf(prisma, rows.map((r) => r.programId));
        await save(rows.flatMap((row) => planMatch(toMatchSubject(row, coordinators.get(row.programId) ?? [], templates), window)));
      },
    );
  }

  async function planMeetings(window: PlanWindow, save: (o: Occurrence[]) => Promise<void>) {
    const latestStart = new Date(window.to.getTime() + DAY_MS + 3_600_000);
    await paged(
      (after) =>
        prisma.cohortMeeting.findMany({
          where: { ...cursor(after), cancelledAt: null, startsAt: { gte: window.from, lt: latestStart }, cohort: { program: inScope } },
          include: meetingInclude,
          orderBy: { id: 'asc' },
          take: PAGE,
        }),
      (rows) => save(rows.flatMap((row) => planMeeting(toMeetingSubject(row), window))),
    );
  }

  return {
    async plan(window: PlanWindow): Promise<PlanReport> {
      const report: PlanReport = { occurrences: 0, changed: 0 };
      const save = async (occurrences: Occurrence[]) => {
        report.occurrences += occurrences.length;
        if (occurrences.length) report.changed += await store.upsert(occurrences);
      };
      await planEnrollments(window, save);
      await planMatches(window, save);
      await planMeetings(window, save);
      return report;
    },
  };
}

export type Planner = ReturnType<typeof createPlanner>;
