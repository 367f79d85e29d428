// The planner's reads: live enrollments, matches with an open (or just ended) first-call clock,
// and upcoming cohort meetings, in pages by id so memory stays flat however many people there are.
import type { Cipher } from '../../../security/crypto.js';
import type { Page, PlanSubjects } from '../../../jobs/ports.js';
import type { DbClient } from '../client.js';
import { createProgramTemplates, liveEnrollmentPage } from './enrollment-sql.js';
import { coordinatorsOf, createTemplateCache, matchInclude, meetingInclude, toMatchSubject, toMeetingSubject } from './subjects.js';
import { programEndCandidates } from './program-ends.js';

const pageOf = (page: Page) => ({ orderBy: { id: 'asc' as const }, take: page.limit });
const cursor = (page: Page) => (page.after ? { id: { gt: page.after } } : {});
const inScope = (page: Page) => (page.scope ? { workspaceId: { in: page.scope } } : {});

export function createPlanSubjects(db: DbClient, cipher: Cipher): PlanSubjects {
  const templates = createTemplateCache();
  const programTemplates = createProgramTemplates(db, templates);
  return {
    liveEnrollments: (page) => liveEnrollmentPage(db, page, programTemplates),

    async firstCallMatches(page, since) {
      const open = { status: 'active' as const, firstCallAt: null, firstCallDueAt: { gte: since.openDueSince } };
      const ended = { status: 'ended' as const, endedAt: { gte: since.endedSince } };
      const rows = await db.match.findMany({ where: { ...cursor(page), OR: [open, ended], program: inScope(page) }, include: matchInclude, ...pageOf(page) });
      if (!rows.length) return [];
      const coordinators = await coordinatorsOf(db, rows.map((r) => r.programId));
      return rows.map((row) => toMatchSubject(row, coordinators.get(row.programId) ?? [], templates));
    },

    async upcomingMeetings(page, range) {
      const rows = await db.cohortMeeting.findMany({
        where: { ...cursor(page), cancelledAt: null, startsAt: { gte: range.from, lt: range.before }, cohort: { program: inScope(page) } },
        include: meetingInclude,
        ...pageOf(page),
      });
      return rows.map((row) => toMeetingSubject(row, cipher));
    },

    programEndCandidates: (page, by) => programEndCandidates(db, page, by),
  };
}
