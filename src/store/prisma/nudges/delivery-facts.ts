// The delivery check's reads, fresh from Postgres. Each answers one question; nothing private
// is read (no notes, answers or contact details).
import type { Cipher } from '../../../security/crypto.js';
import type { DeliveryFactsReader } from '../../../jobs/ports.js';
import type { DbClient } from '../client.js';
import { releaseInForceWhere } from '../consents.js';
import { createProgramTemplates, loadEnrollmentSubjects } from './enrollment-sql.js';
import { countedCalls, digestTraineesOf, oversightOf } from './oversight.js';
import { coordinatorsOf, createTemplateCache, matchInclude, meetingInclude, personSelect, toMatchSubject, toMeetingSubject, toPerson } from './subjects.js';

export function createDeliveryFacts(db: DbClient, cipher: Cipher): DeliveryFactsReader {
  const templates = createTemplateCache();
  const programTemplates = createProgramTemplates(db, templates);
  return {
    enrollments: (ids) => loadEnrollmentSubjects(db, ids, programTemplates),

    async match(id) {
      const row = await db.match.findUnique({ where: { id }, include: matchInclude });
      if (!row) return null;
      const coordinators = await coordinatorsOf(db, [row.programId]);
      return toMatchSubject(row, coordinators.get(row.programId) ?? [], templates);
    },

    async meeting(id) {
      const row = await db.cohortMeeting.findUnique({ where: { id }, include: meetingInclude });
      return row && toMeetingSubject(row, cipher);
    },

    async person(id) {
      const row = await db.person.findUnique({ where: { id }, select: personSelect });
      return row && toPerson(row);
    },

    async supervisionCallLogs(enrollmentId) {
      const calls = await db.callLog.findMany({
        where: { kind: 'supervision', OR: [{ enrollmentId }, { match: { OR: [{ menteeEnrollmentId: enrollmentId }, { mentorEnrollmentId: enrollmentId }] } }] },
        select: { occurredOn: true, minutes: true },
      });
      return calls.map((c) => ({ day: c.occurredOn, minutes: c.minutes }));
    },

    async minutesLogged(enrollmentId, from, to) {
      const sum = await db.callLog.aggregate({ where: { enrollmentId, occurredOn: { gte: from, lt: to } }, _sum: { minutes: true } });
      return sum._sum.minutes ?? 0;
    },

    firstCallLogged: async (matchId) => (await db.callLog.count({ where: { matchId, kind: 'first_call' } })) > 0,
    releaseInForce: async (matchId, now) => (await db.consentRecord.count({ where: releaseInForceWhere(matchId, now) })) > 0,
    reflectionAnswered: async (enrollmentId, week) => (await db.reflection.count({ where: { enrollmentId, week } })) > 0,
    nudgeSent: async (key) => (await db.plannedNudge.findUnique({ where: { key }, select: { status: true } }))?.status === 'sent',
    caseRecordsDone: (enrollmentId) => db.certificationItem.count({ where: { enrollmentId, kind: 'case_record', status: { in: ['submitted', 'verified'] } } }),
    evaluationAnswered: async (enrollmentId, occasion) => (await db.evaluationReceipt.count({ where: { enrollmentId, occasion } })) > 0,
    countedCalls: (enrollmentId) => countedCalls(db, enrollmentId),
    oversight: (enrollmentId, viewerId, now) => oversightOf(db, cipher, templates, enrollmentId, viewerId, now),
    digestTrainees: (personId, workspaceId, since, now) =>
      digestTraineesOf(db, cipher, templates, (ids) => loadEnrollmentSubjects(db, ids, programTemplates), personId, workspaceId, since, now),
  };
}
