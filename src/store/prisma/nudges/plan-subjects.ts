// The planner's reads: live enrollments, matches with an open (or just ended) first-call clock,
// and upcoming cohort meetings, in pages by id so memory stays flat however many people there are.
import type { Cipher } from '../../../security/crypto.js';
import type { Page, PlanSubjects } from '../../../jobs/ports.js';
import type { DbClient } from '../client.js';
import type { DigestSubject, SteppedCareSubject } from '../../../core/nudges/index.js';
import { createProgramTemplates, liveEnrollmentPage, steppedCarePage } from './enrollment-sql.js';
import { watchOf } from './oversight.js';
import { coordinatorsOf, createTemplateCache, matchInclude, meetingInclude, personSelect, toMatchSubject, toMeetingSubject, toPerson } from './subjects.js';
import { programEndCandidates } from './program-ends.js';

const pageOf = (page: Page) => ({ orderBy: { id: 'asc' as const }, take: page.limit });
const cursor = (page: Page) => (page.after ? { id: { gt: page.after } } : {});
const inScope = (page: Page) => (page.scope ? { workspaceId: { in: page.scope } } : {});

// Programs that follow the pairs (not those that step back after the match).
const FOLLOWS_PAIRS = `(pr."template" -> 'participation' ->> 'reportsToProgram') IS DISTINCT FROM 'false'`;

/**
 * People with someone to hear about, once per workspace: the mentor of an active match, and the
 * supervisor a coordinator set for an active trainee. Paged by person, so one person's
 * workspaces always share a page.
 */
const DIGEST_RECIPIENTS_SQL = `WITH r AS (
    SELECT me."personId" AS pid, pr."workspaceId" AS wid
      FROM "Match" m JOIN "Enrollment" me ON me."id" = m."mentorEnrollmentId" JOIN "Program" pr ON pr."id" = m."programId"
     WHERE m."status" = 'active' AND me."status" = 'active' AND ${FOLLOWS_PAIRS}
    UNION
    SELECT e."supervisorPersonId", pr."workspaceId"
      FROM "Enrollment" e JOIN "Program" pr ON pr."id" = e."programId"
     WHERE e."supervisorPersonId" IS NOT NULL AND e."role" = 'mentee' AND e."status" = 'active' AND ${FOLLOWS_PAIRS}
  ), scoped AS (
    SELECT r.pid, r.wid FROM r JOIN "Person" p ON p."id" = r.pid
     WHERE r.pid > $1 AND p."withdrawnAt" IS NULL AND ($3::text[] IS NULL OR r.wid = ANY($3::text[]))
  ), page AS (SELECT DISTINCT pid FROM scoped ORDER BY pid LIMIT $2)
  SELECT DISTINCT s.pid AS "personId", s.wid AS "workspaceId" FROM scoped s JOIN page ON page.pid = s.pid ORDER BY 1, 2`;

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

    async steppedCareTrainees(page) {
      const trainees = await steppedCarePage(db, page, programTemplates);
      if (!trainees.length) return [];
      const watches = await watchOf(db, templates, trainees.map((t) => t.id));
      const supervisorIds = [...new Set([...watches.values()].map((w) => w.supervisorId).filter((id): id is string => !!id))];
      const [supervisors, coordinators] = await Promise.all([
        db.person.findMany({ where: { id: { in: supervisorIds } }, select: personSelect }),
        coordinatorsOf(db, [...watches.values()].map((w) => w.programId)),
      ]);
      const supervisor = new Map(supervisors.map((p) => [p.id, toPerson(p)]));
      return trainees.flatMap((trainee): SteppedCareSubject[] => {
        const w = watches.get(trainee.id);
        if (!w?.careSince) return [];
        return [{ trainee, careSince: w.careSince, supervisor: (w.supervisorId && supervisor.get(w.supervisorId)) || null, coordinators: coordinators.get(w.programId) ?? [] }];
      });
    },

    async digestRecipients(page) {
      const rows = await db.$queryRawUnsafe<{ personId: string; workspaceId: string }[]>(DIGEST_RECIPIENTS_SQL, page.after ?? '', page.limit, page.scope ?? null);
      if (!rows.length) return [];
      const people = await db.person.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.personId))] } }, select: personSelect });
      const person = new Map(people.map((p) => [p.id, toPerson(p)]));
      return rows.flatMap((r): DigestSubject[] => (person.has(r.personId) ? [{ person: person.get(r.personId)!, workspaceId: r.workspaceId }] : []));
    },
  };
}
