// Per-participant counts for coordinators: calls by kind, hours, supervision cadence kept,
// reflection prompts answered or not, first call on time. Pure functions of ProgramData.
import { periodsDue, phaseForWeek, programPosition, type ClockContext } from '../clock/index.js';
import type { CallKind, Enrollment, EnrollmentStatus, Role } from '../domain.js';
import type { CallFact } from '../ports/repositories.js';
import { PROMPTED_ROLES } from '../reflections/roles.js';
import { localDateStart } from '../time/local-date.js';
import type { ProgramData } from './data.js';

import { ALL_CALL_KINDS } from '../programs/template-care.js';

export const CALL_KINDS: CallKind[] = [...ALL_CALL_KINDS];
/** No aggregate view breaks a group smaller than this down any further. */
export const MIN_GROUP = 5;
export const PARTICIPANT_ROLES: Role[] = ['mentor', 'mentee'];
/** Roles whose supervision rhythm is tracked (as for reminders): the trainee or mentee. */
const CADENCE_ROLES: Role[] = ['mentee'];

export type FirstCallOnTime = 'yes' | 'no' | 'pending' | 'n/a';

export interface ParticipantStats {
  name: string;
  role: Role;
  status: EnrollmentStatus;
  /** Program week; null before the start. */
  week: number | null;
  callsByKind: Record<CallKind, number>;
  minutes: number;
  cadence: { kept: number; past: number } | null;
  reflections: { answered: number; unanswered: number } | null;
  firstCallOnTime: FirstCallOnTime;
}

/** Calls that count for a person, as `/mentor status` counts them: their own, and those logged with them. */
function callsFor(d: ProgramData, e: Enrollment): CallFact[] {
  const matchIds = new Set(d.matches.filter((m) => m.mentorEnrollmentId === e.id || m.menteeEnrollmentId === e.id).map((m) => m.id));
  return d.calls.filter((c) => c.confirmation !== 'disputed' && (c.enrollmentId === e.id || (c.counterpartPersonId === e.personId && c.matchId !== null && matchIds.has(c.matchId))));
}

function firstCallOnTime(d: ProgramData, e: Enrollment): FirstCallOnTime {
  const match = d.matches.filter((m) => (m.mentorEnrollmentId === e.id || m.menteeEnrollmentId === e.id) && m.firstCallDueAt).at(-1);
  if (!match?.firstCallDueAt) return 'n/a';
  if (match.firstCallAt) return match.firstCallAt.getTime() <= match.firstCallDueAt.getTime() ? 'yes' : 'no';
  return match.status === 'ended' || d.now.getTime() > match.firstCallDueAt.getTime() ? 'no' : 'pending';
}

function cadence(clock: ClockContext, calls: CallFact[], now: Date): { kept: number; past: number } {
  const dates = calls.filter((c) => c.kind === 'supervision').map((c) => ({ at: localDateStart(c.occurredOn, clock.timeZone), minutes: c.minutes }));
  const past = periodsDue(clock, now, dates).filter((p) => p.timing === 'past');
  return { kept: past.filter((p) => p.status === 'kept').length, past: past.length };
}

/** Weeks with a prompt that are over, against the weeks the person answered in. */
function reflections(clock: ClockContext, answeredWeeks: Set<number>, now: Date): { answered: number; unanswered: number } {
  const position = programPosition(clock, now);
  const total = clock.template.weeks ?? Infinity;
  const currentWeek = position.state === 'not-started' ? 0 : position.week;
  const completedWeeks = Math.min(Math.floor(position.activeDays / 7), total);
  const answered = [...answeredWeeks].filter((w) => w >= 1 && w <= currentWeek);
  let unanswered = 0;
  for (let w = 1; w <= completedWeeks; w++) {
    if ((phaseForWeek(clock.template, w)?.promptBank.length ?? 0) > 0 && !answeredWeeks.has(w)) unanswered++;
  }
  return { answered: answered.length, unanswered };
}

const hasSupervision = (d: ProgramData): boolean => d.program.template.phases.some((p) => p.supervision.cadence !== 'none');

export function participantStats(d: ProgramData, e: Enrollment): ParticipantStats {
  const person = d.people.get(e.personId);
  const calls = callsFor(d, e);
  const callsByKind = Object.fromEntries(CALL_KINDS.map((k) => [k, calls.filter((c) => c.kind === k).length])) as Record<CallKind, number>;
  const clock: ClockContext | null = e.startDate ? { startDate: e.startDate, timeZone: person?.timeZone ?? 'UTC', pauses: e.pauses, template: d.program.template } : null;
  const position = clock ? programPosition(clock, d.now) : null;
  return {
    name: person?.displayName ?? '(unknown)',
    role: e.role,
    status: e.status,
    week: position && position.state !== 'not-started' ? position.week : null,
    callsByKind,
    minutes: calls.reduce((sum, c) => sum + c.minutes, 0),
    cadence: clock && CADENCE_ROLES.includes(e.role) && hasSupervision(d) ? cadence(clock, calls, d.now) : null,
    // Only people who are sent the weekly prompt can leave one unanswered (mentors never get it).
    reflections: clock && PROMPTED_ROLES.includes(e.role) ? reflections(clock, d.reflectionWeeks.get(e.id) ?? new Set(), d.now) : null,
    firstCallOnTime: firstCallOnTime(d, e),
  };
}

/** Enrolled mentors and mentees, in the order they joined: not people who declined (told nothing was recorded) or withdrew. */
const ENROLLED: EnrollmentStatus[] = ['active', 'paused', 'completed'];
export const participantsOf = (d: ProgramData): Enrollment[] => d.enrollments.filter((e) => PARTICIPANT_ROLES.includes(e.role) && ENROLLED.includes(e.status));

export const hours = (minutes: number): number => Math.round((minutes / 60) * 10) / 10;
export const percent = (kept: number, past: number): number | null => (past === 0 ? null : Math.round((kept / past) * 100));
