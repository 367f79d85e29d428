// The reads behind stepped care and the weekly digest: who watches over a trainee (their
// supervisor by the core's one rule, their coordinators, since when they have a mentor), the
// calls that count for them, and what waits for their mentor or supervisor — counts, dates and
// check-in reasons only. Names follow the core's name rule; nothing else private is read.
import { portfolioState, waitingItems } from '../../../core/certification/portfolio.js';
import { certificationRules } from '../../../core/certification/rules.js';
import { supervisorOf } from '../../../core/check-ins/supervisor.js';
import type { CheckInReason } from '../../../core/domain.js';
import type { CountedCall, DigestTrainee, EnrollmentSubject, SteppedCareFacts } from '../../../core/nudges/index.js';
import { nameFromFacts } from '../../../core/privacy/names.js';
import type { ProgramTemplate } from '../../../core/programs/template-schema.js';
import type { Cipher } from '../../../security/crypto.js';
import type { DbClient } from '../client.js';
import { releaseInForceWhere } from '../consents.js';
import { sealedColumn } from '../sealed.js';
import { programSelect, type TemplateCache } from './subjects.js';

/** A trainee and the people around them, as plain facts. */
export interface Watch {
  enrollmentId: string;
  personId: string;
  displayName: string;
  programId: string;
  programName: string;
  template: ProgramTemplate;
  /** Active matches, oldest first: the match id and its mentor. */
  matches: { id: string; mentorPersonId: string; activatedAt: Date | null }[];
  /** When the oldest active match began; null without one. */
  careSince: Date | null;
  supervisorId: string | null;
  supervisorName: string | null;
}

const stepsBack = (t: ProgramTemplate) => t.participation?.reportsToProgram === false;

/** The trainees with these enrollment ids, with who watches over them (one query each, whatever their number). */
export async function watchOf(db: DbClient, templates: TemplateCache, ids: string[]): Promise<Map<string, Watch>> {
  if (!ids.length) return new Map();
  const rows = await db.enrollment.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      personId: true,
      supervisorPersonId: true,
      person: { select: { displayName: true } },
      program: { select: programSelect },
      menteeMatches: { where: { status: 'active' }, orderBy: { proposedAt: 'asc' }, select: { id: true, activatedAt: true, mentor: { select: { personId: true } } } },
    },
  });
  const people = await db.person.findMany({
    where: { id: { in: [...new Set(rows.flatMap((r) => [r.supervisorPersonId, ...r.menteeMatches.map((m) => m.mentor.personId)]).filter((id): id is string => !!id))] } },
    select: { id: true, displayName: true, withdrawnAt: true },
  });
  const person = new Map(people.map((p) => [p.id, p]));
  const watches = new Map<string, Watch>();
  for (const row of rows) {
    const template = templates(row.program);
    const matches = row.menteeMatches.map((m) => ({ id: m.id, mentorPersonId: m.mentor.personId, activatedAt: m.activatedAt }));
    const set = row.supervisorPersonId ? { personId: row.supervisorPersonId, withdrawn: !person.get(row.supervisorPersonId) || person.get(row.supervisorPersonId)!.withdrawnAt !== null } : null;
    const supervisorId = supervisorOf({ set, activeMentorId: matches[0]?.mentorPersonId ?? null, stepsBack: stepsBack(template) });
    const starts = matches.map((m) => m.activatedAt?.getTime()).filter((t): t is number => t !== undefined);
    watches.set(row.id, {
      enrollmentId: row.id,
      personId: row.personId,
      displayName: row.person.displayName,
      programId: row.program.id,
      programName: row.program.name,
      template,
      matches,
      careSince: starts.length ? new Date(Math.min(...starts)) : null,
      supervisorId,
      supervisorName: supervisorId ? (person.get(supervisorId)?.displayName ?? null) : null,
    });
  }
  return watches;
}

/** The trainee's name as `viewerId` may see it: the core's rule, on facts read here. */
async function nameFor(db: DbClient, cipher: Cipher, w: Watch, viewerId: string | null, now: Date): Promise<string> {
  const asMentor = w.matches.find((m) => m.mentorPersonId === viewerId);
  const facts = { displayName: w.displayName, programHasRelease: !!w.template.releaseOfInformation, viewerIsMentorOfSubject: !!asMentor, release: null as { firstName: string | null } | null };
  if (facts.programHasRelease && asMentor && (await db.consentRecord.count({ where: releaseInForceWhere(asMentor.id, now) })) > 0) {
    const row = await db.person.findUnique({ where: { id: w.personId }, select: { firstNameEnc: true } });
    facts.release = { firstName: sealedColumn(cipher, 'Person', 'firstNameEnc').openOrNull(w.personId, row?.firstNameEnc ?? null) };
  }
  return nameFromFacts(facts);
}

/** Calls that count for a trainee: their own, and those logged with them on their matches; never disputed ones. */
export async function countedCalls(db: DbClient, enrollmentId: string): Promise<CountedCall[]> {
  return (await countedCallsMany(db, [enrollmentId]))[0]!;
}

/**
 * The counted calls of several trainees in two statements (a batch of deliveries asks together),
 * in the order asked: each trainee's own calls, and calls on their matches logged with them.
 */
export async function countedCallsMany(db: DbClient, enrollmentIds: string[]): Promise<CountedCall[][]> {
  if (!enrollmentIds.length) return [];
  const trainees = await db.enrollment.findMany({ where: { id: { in: enrollmentIds } }, select: { id: true, personId: true } });
  const personOf = new Map(trainees.map((t) => [t.id, t.personId]));
  const ids = [...personOf.keys()];
  const rows = ids.length
    ? await db.callLog.findMany({
        where: {
          confirmation: { not: 'disputed' },
          OR: [{ enrollmentId: { in: ids } }, { match: { menteeEnrollmentId: { in: ids } }, counterpartPersonId: { in: [...new Set(personOf.values())] } }],
        },
        select: { occurredOn: true, minutes: true, kind: true, enrollmentId: true, counterpartPersonId: true, match: { select: { menteeEnrollmentId: true } } },
      })
    : [];
  return enrollmentIds.map((id) => {
    const person = personOf.get(id);
    if (!person) return [];
    return rows
      .filter((r) => r.enrollmentId === id || (r.match?.menteeEnrollmentId === id && r.counterpartPersonId === person))
      .map((r) => ({ day: r.occurredOn, minutes: r.minutes, kind: r.kind }));
  });
}

/** Active coordinators of each program asked for, in one statement. */
async function activeCoordinatorIds(db: DbClient, programIds: string[]): Promise<Map<string, string[]>> {
  const byProgram = new Map<string, string[]>(programIds.map((id) => [id, []]));
  if (!programIds.length) return byProgram;
  const rows = await db.enrollment.findMany({ where: { programId: { in: programIds }, role: 'coordinator', status: 'active', person: { withdrawnAt: null } }, select: { personId: true, programId: true } });
  for (const r of rows) byProgram.get(r.programId)?.push(r.personId);
  return byProgram;
}

const NO_OVERSIGHT: Omit<SteppedCareFacts, 'calls'> = { careSince: null, supervisorId: null, coordinatorIds: [], traineeName: 'a trainee', supervisorName: null, matchId: null };

export async function oversightOf(db: DbClient, cipher: Cipher, templates: TemplateCache, enrollmentId: string, viewerId: string | null, now: Date): Promise<Omit<SteppedCareFacts, 'calls'>> {
  return (await oversightMany(db, cipher, templates, [{ enrollmentId, viewerId, now }]))[0]!;
}

/**
 * Who watches over each trainee asked about, named as that ask's viewer may see them: the
 * trainees and their coordinators in a few statements for the whole batch (a name needs one more
 * read only where a release of information applies).
 */
export async function oversightMany(
  db: DbClient,
  cipher: Cipher,
  templates: TemplateCache,
  asks: { enrollmentId: string; viewerId: string | null; now: Date }[],
): Promise<Omit<SteppedCareFacts, 'calls'>[]> {
  if (!asks.length) return [];
  const watches = await watchOf(db, templates, [...new Set(asks.map((a) => a.enrollmentId))]);
  const coordinators = await activeCoordinatorIds(db, [...new Set([...watches.values()].map((w) => w.programId))]);
  return Promise.all(
    asks.map(async ({ enrollmentId, viewerId, now }) => {
      const w = watches.get(enrollmentId);
      if (!w) return NO_OVERSIGHT;
      return {
        careSince: w.careSince,
        supervisorId: w.supervisorId,
        coordinatorIds: coordinators.get(w.programId) ?? [],
        traineeName: await nameFor(db, cipher, w, viewerId, now),
        supervisorName: w.supervisorName,
        matchId: w.matches.find((m) => m.mentorPersonId === viewerId)?.id ?? null,
      };
    }),
  );
}

/**
 * How many of the trainee's portfolio items wait for their mentor: the certification capability's
 * one rule (`waitingItems`), on rows read here in the store's order, without opening any text.
 */
async function countItemsToVerify(db: DbClient, enrollmentId: string, template: ProgramTemplate): Promise<number> {
  const rules = certificationRules(template);
  if (!rules) return 0;
  const rows = await db.certificationItem.findMany({
    where: { enrollmentId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, enrollmentId: true, kind: true, status: true, verifiedById: true, verifiedAt: true, verificationCode: true, createdAt: true, moduleKey: true },
  });
  return waitingItems(portfolioState(rows.map((r) => ({ ...r, title: '', body: null, reviewNote: null })), rules)).length;
}

/** Debriefs a trainee asked for since `since`, from calls, reflections and logged sessions alike: when, and the reason. */
async function checkInsSince(db: DbClient, enrollmentId: string, since: Date): Promise<{ at: Date; reason: CheckInReason }[]> {
  const where = { enrollmentId, checkIn: { not: null }, createdAt: { gt: since } };
  const [calls, reflections, sessions] = await Promise.all([
    db.callLog.findMany({ where, select: { createdAt: true, checkIn: true } }),
    db.reflection.findMany({ where, select: { createdAt: true, checkIn: true } }),
    db.sessionLog.findMany({ where: { enrollmentId, createdAt: { gt: since }, NOT: { checkInReasons: { isEmpty: true } } }, select: { createdAt: true, checkInReasons: true } }),
  ]);
  // A session with several situations asked for one debrief; each of its reasons is named once.
  const fromSessions = sessions.flatMap((r) => [...new Set(r.checkInReasons)].map((reason) => ({ at: r.createdAt, reason })));
  return [...[...calls, ...reflections].map((r) => ({ at: r.createdAt, reason: r.checkIn! })), ...fromSessions].sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * The trainees a person mentors (an active match) or supervises (set by a coordinator, or by
 * default as their mentor) in a workspace's programs that follow the pairs, with what waits.
 */
export async function digestTraineesOf(
  db: DbClient,
  cipher: Cipher,
  templates: TemplateCache,
  loadSubjects: (ids: string[]) => Promise<(EnrollmentSubject | null)[]>,
  personId: string,
  workspaceId: string,
  since: Date,
  now: Date,
): Promise<DigestTrainee[]> {
  const candidates = await db.enrollment.findMany({
    where: {
      role: 'mentee',
      status: 'active',
      program: { workspaceId },
      person: { withdrawnAt: null },
      OR: [{ supervisorPersonId: personId }, { menteeMatches: { some: { status: 'active', mentor: { personId } } } }],
    },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  const ids = candidates.map((c) => c.id);
  const [watches, subjects] = await Promise.all([watchOf(db, templates, ids), loadSubjects(ids)]);
  const trainees: DigestTrainee[] = [];
  for (const [i, id] of ids.entries()) {
    const w = watches.get(id);
    const enrollment = subjects[i];
    if (!w || !enrollment || stepsBack(w.template)) continue;
    const match = w.matches.find((m) => m.mentorPersonId === personId);
    const supervises = w.supervisorId === personId;
    if (!match && !supervises) continue;
    const [callsToConfirm, itemsToVerify, checkIns, calls, name] = await Promise.all([
      match ? db.callLog.count({ where: { enrollmentId: id, matchId: match.id, counterpartPersonId: personId, confirmation: 'pending' } }) : 0,
      match ? countItemsToVerify(db, id, w.template) : 0,
      supervises ? checkInsSince(db, id, since) : [],
      countedCalls(db, id),
      nameFor(db, cipher, w, personId, now),
    ]);
    trainees.push({ enrollment, name, matchId: match?.id ?? null, supervises, callsToConfirm, itemsToVerify, checkIns, calls, careSince: w.careSince });
  }
  return trainees.sort((a, b) => a.name.localeCompare(b.name));
}
