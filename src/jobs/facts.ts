// Loads, fresh from Postgres, the facts the delivery check needs for one planned nudge. Each
// kind reads only what it uses; nothing private is read (no notes, answers or contact details).
import { weekBounds } from '../core/clock/index.js';
import type { DeliveryFacts, PlannedNudgeView } from '../core/nudges/index.js';
import { localDate, localDateMidday } from '../core/time/local-date.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { nudgeKeys } from '../core/nudges/index.js';
import {
  coordinatorsOf,
  createProgramTemplates,
  loadEnrollmentSubject,
  matchInclude,
  meetingInclude,
  personSelect,
  toMatchSubject,
  toMeetingSubject,
  toPerson,
  type TemplateCache,
} from './subjects.js';

type Facts = DeliveryFacts;

export function createFactsLoader(prisma: PrismaClient, templates: TemplateCache) {
  const programTemplates = createProgramTemplates(prisma);
  const enrollmentFacts = (id: string): Promise<Facts['enrollment']> => loadEnrollmentSubject(prisma, id, programTemplates);

  async function matchFacts(id: string): Promise<Facts['match']> {
    const row = await prisma.match.findUnique({ where: { id }, include: matchInclude });
    if (!row) return null;
    const coordinators = await coordinatorsOf(prisma, [row.programId]);
    return toMatchSubject(row, coordinators.get(row.programId) ?? [], templates);
  }

  /** Supervision calls logged on the enrollment itself or on any of its matches (by either side). */
  async function supervisionCalls(f: Facts): Promise<Date[]> {
    const e = f.enrollment!;
    const calls = await prisma.callLog.findMany({
      where: { kind: 'supervision', OR: [{ enrollmentId: e.id }, { match: { OR: [{ menteeEnrollmentId: e.id }, { mentorEnrollmentId: e.id }] } }] },
      select: { occurredOn: true },
    });
    return calls.map((c) => localDateMidday(c.occurredOn, e.person.timeZone));
  }

  /** Minutes the enrollment logged on the local dates of program week `week`. */
  async function weekMinutes(f: Facts, week: number): Promise<number> {
    const e = f.enrollment!;
    const bounds = e.startDate ? weekBounds({ startDate: e.startDate, timeZone: e.person.timeZone, pauses: e.pauses }, week) : null;
    if (!bounds) return 0;
    const from = localDate(bounds.start, e.person.timeZone);
    const to = localDate(bounds.end, e.person.timeZone);
    const sum = await prisma.callLog.aggregate({ where: { enrollmentId: e.id, occurredOn: { gte: from, lt: to } }, _sum: { minutes: true } });
    return sum._sum.minutes ?? 0;
  }

  async function firstCallFacts(f: Facts, now: Date): Promise<Partial<Facts>> {
    const m = f.match!;
    const [logged, release] = await Promise.all([
      prisma.callLog.count({ where: { matchId: m.id, kind: 'first_call' } }),
      prisma.consentRecord.count({ where: { matchId: m.id, revokedAt: null, signedAt: { lte: now }, expiresAt: { gt: now } } }),
    ]);
    return { firstCallLogged: logged > 0, releaseRequired: m.template.releaseOfInformation !== undefined, releaseInForce: release > 0 };
  }

  async function kindFacts(n: PlannedNudgeView, f: Facts): Promise<Partial<Facts>> {
    const week = n.refs.week ?? 0;
    const enrollmentId = n.refs.enrollmentId ?? '';
    switch (n.kind) {
      case 'supervision':
        return f.enrollment ? { supervisionCalls: await supervisionCalls(f) } : {};
      case 'reflection':
      case 'reflection-followup': {
        const [answered, prompt] = await Promise.all([
          prisma.reflection.count({ where: { enrollmentId, week } }),
          n.kind === 'reflection-followup' ? prisma.plannedNudge.findUnique({ where: { key: nudgeKeys.reflection(enrollmentId, week) }, select: { status: true } }) : null,
        ]);
        return { reflectedWeeks: answered > 0 ? [week] : [], promptSent: prompt?.status === 'sent' };
      }
      case 'hours-summary':
        return f.enrollment ? { weekMinutes: await weekMinutes(f, week) } : {};
      case 'final-case-review':
        return { caseRecordsDone: await prisma.certificationItem.count({ where: { enrollmentId, kind: 'case_record', status: { in: ['submitted', 'verified'] } } }) };
      case 'evaluation':
        return { evaluationAnswered: (await prisma.evaluationReceipt.count({ where: { enrollmentId, occasion: n.refs.occasion ?? '' } })) > 0 };
      case 'first-call':
        return f.match ? firstCallFacts(f, f.now) : {};
      default:
        return {};
    }
  }

  /** The recipient, read with the enrollment when they are its person (the usual case). */
  async function recipientOf(n: PlannedNudgeView, enrollment: Promise<Facts['enrollment']> | undefined): Promise<Facts['recipient']> {
    if (!n.personId) return undefined;
    const known = enrollment && (await enrollment);
    if (known && known.person.id === n.personId) return known.person;
    const row = await prisma.person.findUnique({ where: { id: n.personId }, select: personSelect });
    return row && toPerson(row);
  }

  return async function load(n: PlannedNudgeView, now: Date): Promise<DeliveryFacts> {
    const enrollmentLoad = n.refs.enrollmentId ? enrollmentFacts(n.refs.enrollmentId) : undefined;
    const [recipient, enrollment, match, meeting] = await Promise.all([
      recipientOf(n, enrollmentLoad),
      enrollmentLoad,
      n.refs.matchId ? matchFacts(n.refs.matchId) : undefined,
      n.refs.meetingId ? prisma.cohortMeeting.findUnique({ where: { id: n.refs.meetingId }, include: meetingInclude }).then((m) => m && toMeetingSubject(m)) : undefined,
    ]);
    const facts: Facts = { now, recipient, enrollment, match, meeting };
    return { ...facts, ...(await kindFacts(n, facts)) };
  };
}

export type FactsLoader = ReturnType<typeof createFactsLoader>;
