// Stepped care: each finished program week is checked once, at the start of the next.
//   trainee      a week with no hours, or a supervision period that ended without a call that
//                keeps it, nudges the trainee (at their chosen minute, like the hours summary)
//   supervisor   when the misses in a row reach the template's `supervisorAfter`, the trainee's
//                supervisor is told, once per run of misses, at the supervisor's own chosen minute
//   coordinator  at `coordinatorAfter`, each of the program's coordinators: counts only
// Every step is a PlannedNudge with its own key (trainee, week, and the recipient), planned for
// every finished week and decided at delivery from the facts then: it is sent only when the week
// really is a miss, or really is the one where a run of misses reaches the step. A run reaches a
// step in exactly one week, so a step is told once per run, however often the planner runs.
import { DateTime } from 'luxon';
import type { SteppedCare } from '../../programs/template-stepped-care.js';
import type { ProgramTemplate } from '../../programs/template-schema.js';
import { nudgeKeys } from '../keys.js';
import { leaveQuietHours, nextLocalMinute, nudgeMinuteOf, zoneOf } from '../local-time.js';
import { dayAt, midnightOf, occurrence, rhythmOf, weekAt, weekEnd, type Rhythm } from '../rhythm.js';
import type { DeliveryFacts, NudgeRefs, Occurrence, PersonFacts, SteppedCareSubject } from '../types.js';
import { traineeWeeks, type WeekCheck } from './trainee-weeks.js';

/** How long a supervisor's or coordinator's notice stays worth sending (someone away a week still gets it). */
const NOTICE_DAYS = 14;

export type CareStep = 'mentee' | 'supervisor' | 'coordinator';

/** The program's stepped care; none in programs that step back after the match. */
export function steppedCareOf(template: ProgramTemplate): SteppedCare | null {
  if (template.participation?.reportsToProgram === false) return null;
  return template.steppedCare ?? null;
}

/** The trainee's step for finished week `week`: the first day of the next week, at their chosen minute. */
function traineeStepAt(r: Rhythm, week: number): Occurrence | null {
  return occurrence(r, 'stepped-care', nudgeKeys.steppedCare(r.e.id, week), dayAt(r, week * 7), midnightOf(r, week * 7 + 7), { week, role: 'mentee' });
}

/** A supervisor's or coordinator's step: their first chosen minute after the week ended, outside their quiet hours. */
function noticeAt(r: Rhythm, week: number, role: 'supervisor' | 'coordinator', recipient: PersonFacts): Occurrence | null {
  const end = weekEnd(r, week);
  if (!end) return null;
  const dueAt = leaveQuietHours(nextLocalMinute(end, zoneOf(recipient), nudgeMinuteOf(recipient)), recipient);
  const expiresAt = DateTime.fromJSDate(end).plus({ days: NOTICE_DAYS }).toJSDate();
  const refs: NudgeRefs = { workspaceId: r.e.workspaceId, enrollmentId: r.e.id, week, role };
  return { key: nudgeKeys.steppedCare(r.e.id, week, { role, personId: recipient.id }), kind: 'stepped-care', personId: recipient.id, channel: null, dueAt, expiresAt, refs };
}

/** The occurrence of one step, recomputed from today's facts (the delivery check). */
export function steppedCareAt(r: Rhythm, week: number, role: CareStep, recipient: PersonFacts | null | undefined): Occurrence | null {
  if (role === 'mentee') return traineeStepAt(r, week);
  return recipient ? noticeAt(r, week, role, recipient) : null;
}

/** Every step of the trainee's finished weeks in [fromWeek, toWeek]; the caller filters by time. */
export function steppedCareOccurrences(s: SteppedCareSubject, fromWeek: number, toWeek: number): Occurrence[] {
  const care = steppedCareOf(s.trainee.template);
  const r = rhythmOf(s.trainee);
  if (!care || !r) return [];
  const last = Math.min(toWeek, s.trainee.template.weeks ?? Infinity);
  // Weeks that ended before the match began are never checked.
  const first = Math.max(fromWeek, 1, weekAt(r, s.careSince));
  const found: (Occurrence | null)[] = [];
  for (let week = first; week <= last; week++) {
    found.push(traineeStepAt(r, week));
    // A run of misses cannot reach a step before that many weeks have passed.
    if (s.supervisor && week >= care.supervisorAfter) found.push(noticeAt(r, week, 'supervisor', s.supervisor));
    if (week >= care.coordinatorAfter) for (const c of s.coordinators) found.push(noticeAt(r, week, 'coordinator', c));
  }
  return found.filter((o): o is Occurrence => o !== null);
}

/** Misses in a row reach `threshold` at this very week (in either count). */
export const reachesStep = (check: WeekCheck, threshold: number): boolean => check.hoursStreak === threshold || check.supervisionStreak === threshold;

/** The finished week's check, from the delivery facts; null when stepped care does not apply. */
export function weekCheckOf(f: DeliveryFacts, week: number): WeekCheck | null {
  const r = f.enrollment && steppedCareOf(f.enrollment.template) && f.steppedCare ? rhythmOf(f.enrollment) : null;
  return r ? traineeWeeks(r, f.steppedCare!.calls, f.steppedCare!.careSince).check(week) : null;
}

/** Why a step no longer applies, or null when it does. */
export function steppedCareGone(role: CareStep, personId: string | null, week: number, f: DeliveryFacts): string | null {
  const care = f.enrollment && steppedCareOf(f.enrollment.template);
  const check = weekCheckOf(f, week);
  if (!care || !check || !f.steppedCare) return 'no stepped care in this program';
  switch (role) {
    case 'mentee':
      return check.hourless || check.missedPeriod ? null : 'nothing was missed that week';
    case 'supervisor':
      if (f.steppedCare.supervisorId !== personId) return 'no longer their supervisor';
      return reachesStep(check, care.supervisorAfter) ? null : 'not the week the supervisor step is reached';
    case 'coordinator':
      if (!personId || !f.steppedCare.coordinatorIds.includes(personId)) return 'no longer a coordinator of the program';
      return reachesStep(check, care.coordinatorAfter) ? null : 'not the week the coordinator step is reached';
  }
}
