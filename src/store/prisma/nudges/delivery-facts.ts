// The delivery check's reads, fresh from Postgres. Each answers one question; nothing private
// is read (no notes, answers or contact details). The questions most nudges ask (the enrollment,
// supervision calls, minutes logged, reflections, whether a prompt went out) take a whole batch of
// deliveries at once: one statement for the jobs a worker runs together, answers in the order asked.
import type { Cipher } from '../../../security/crypto.js';
import type { DeliveryFactsReader } from '../../../jobs/ports.js';
import type { DbClient } from '../client.js';
import { releaseInForceWhere } from '../consents.js';
import { createProgramTemplates, loadEnrollmentSubjects } from './enrollment-sql.js';
import { countedCallsMany, digestTraineesOf, oversightMany } from './oversight.js';
import { coordinatorsOf, createTemplateCache, matchInclude, meetingInclude, personSelect, toMatchSubject, toMeetingSubject, toPerson } from './subjects.js';

// A call counts for an enrollment when it was logged on it or on one of its matches (either side).
const SUPERVISION_CALLS = `SELECT a."i"::int AS "i", c."occurredOn" AS "day", c."minutes"
     FROM unnest($1::text[]) WITH ORDINALITY AS a("id", "i") JOIN "CallLog" c ON c."enrollmentId" = a."id"
     WHERE c."kind" = 'supervision'
   UNION ALL
   SELECT a."i"::int, c."occurredOn", c."minutes"
     FROM unnest($1::text[]) WITH ORDINALITY AS a("id", "i")
     JOIN "Match" m ON m."menteeEnrollmentId" = a."id" OR m."mentorEnrollmentId" = a."id"
     JOIN "CallLog" c ON c."matchId" = m."id" AND c."enrollmentId" <> a."id"
     WHERE c."kind" = 'supervision'`;

const MINUTES_LOGGED = `SELECT a."i"::int AS "i", COALESCE(SUM(c."minutes"), 0)::int AS "minutes"
     FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS a("id", "from", "to", "i")
     LEFT JOIN "CallLog" c ON c."enrollmentId" = a."id" AND c."occurredOn" >= a."from" AND c."occurredOn" < a."to"
     GROUP BY a."i"`;

const REFLECTIONS_ANSWERED = `SELECT a."i"::int AS "i"
     FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS a("id", "week", "i")
     WHERE EXISTS (SELECT 1 FROM "Reflection" r WHERE r."enrollmentId" = a."id" AND r."week" = a."week")`;

const SENT_KEYS = `SELECT "key" FROM "PlannedNudge" WHERE "key" = ANY($1::text[]) AND "status" = 'sent'`;

/** Row numbers (1-based, from WITH ORDINALITY) as a set of 0-based positions. */
const positions = (rows: { i: number }[]) => new Set(rows.map((r) => r.i - 1));

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

    async supervisionCallLogs(enrollmentIds) {
      const calls: { day: string; minutes: number }[][] = enrollmentIds.map(() => []);
      if (!enrollmentIds.length) return calls;
      const rows = await db.$queryRawUnsafe<{ i: number; day: string; minutes: number }[]>(SUPERVISION_CALLS, enrollmentIds);
      for (const r of rows) calls[r.i - 1]!.push({ day: r.day, minutes: r.minutes });
      return calls;
    },

    async minutesLogged(asks) {
      if (!asks.length) return [];
      const rows = await db.$queryRawUnsafe<{ i: number; minutes: number }[]>(MINUTES_LOGGED, asks.map((a) => a.enrollmentId), asks.map((a) => a.from), asks.map((a) => a.to));
      const byPosition = new Map(rows.map((r) => [r.i - 1, r.minutes]));
      return asks.map((_, i) => byPosition.get(i) ?? 0);
    },

    firstCallLogged: async (matchId) => (await db.callLog.count({ where: { matchId, kind: 'first_call' } })) > 0,
    releaseInForce: async (matchId, now) => (await db.consentRecord.count({ where: releaseInForceWhere(matchId, now) })) > 0,
    async reflectionAnswered(asks) {
      if (!asks.length) return [];
      const answered = positions(await db.$queryRawUnsafe<{ i: number }[]>(REFLECTIONS_ANSWERED, asks.map((a) => a.enrollmentId), asks.map((a) => a.week)));
      return asks.map((_, i) => answered.has(i));
    },
    async nudgeSent(keys) {
      if (!keys.length) return [];
      const sent = new Set((await db.$queryRawUnsafe<{ key: string }[]>(SENT_KEYS, keys)).map((r) => r.key));
      return keys.map((k) => sent.has(k));
    },
    caseRecordsDone: (enrollmentId) => db.certificationItem.count({ where: { enrollmentId, kind: 'case_record', status: { in: ['submitted', 'verified'] } } }),
    evaluationAnswered: async (enrollmentId, occasion) => (await db.evaluationReceipt.count({ where: { enrollmentId, occasion } })) > 0,
    countedCalls: (enrollmentIds) => countedCallsMany(db, enrollmentIds),
    oversight: (asks) => oversightMany(db, cipher, templates, asks),
    digestTrainees: (personId, workspaceId, since, now) =>
      digestTraineesOf(db, cipher, templates, (ids) => loadEnrollmentSubjects(db, ids, programTemplates), personId, workspaceId, since, now),
  };
}
