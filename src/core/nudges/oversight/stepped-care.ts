// Stepped care: each finished program week is checked once, at the start of the next.
//   trainee      a week with no hours, or a supervision period that ended without a call that
//                keeps it, nudges the trainee (at their chosen minute, like the hours summary)
//   supervisor   when the misses in a row reach the template's `supervisorAfter`, the trainee's
//                supervisor is told, once per run of misses, at the supervisor's own chosen minute
//   coordinator  at `coordinatorAfter`, each of the program's coordinators: counts only
// Every step is a PlannedNudge with its own key (trainee, week, and the recipient), planned for
// every finished week and decided at delivery from the facts then, by one rule (`stepIsDue`):
// the trainee hears about every missed week; a supervisor or coordinator hears about a run of
// misses once, as they understand the run — see `stepIsDue` for what "the same run" means.
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

/**
 * The first week of each run of misses ending at the check's week that has reached `threshold`
 * (hours and supervision are counted apart; either may reach the step).
 */
function runsReaching(check: WeekCheck, threshold: number): number[] {
  const starts: number[] = [];
  if (check.hoursStreak >= threshold) starts.push(check.week - check.hoursStreak + 1);
  if (check.supervisionStreak >= threshold) starts.push(check.supervisionRunStart);
  return starts;
}

export type StepVerdict = 'due' | 'not reached' | 'already told' | 'a later week speaks';

/**
 * The one rule for a supervisor's or coordinator's step: each person hears of each run of misses
 * once, as they would understand the run. The 40-week program promises support, "no surprises",
 * and that only counts are shared — so a run is what the person was told about, not what the
 * data says after a correction:
 *  - the step is due when a run ending at this finished week has reached the step's count (the
 *    count may have passed it already: a call rejected later can lengthen a run after its weeks
 *    were checked; the person has still not heard of it);
 *  - a person told at week T has heard of every run that began at T + 1 or earlier. A call logged
 *    late with an earlier date can break the run they heard of and let it re-form right after
 *    (weeks 1–2 told, a call dated week 2 logged in week 4, weeks 3–4 empty): to them that is the
 *    same quiet stretch, so it is not told again. A run that begins after a kept week that came
 *    after T is new, and is told;
 *  - of several finished weeks of one run (their notices fall due together after someone was away),
 *    only the latest speaks, with the fullest count: never two messages about one run.
 * `told` is the weeks this person was already sent this step about this trainee; `next` the
 * following week's check once that week has ended, else null.
 */
export function stepIsDue(check: WeekCheck, next: WeekCheck | null, threshold: number, told: readonly number[]): StepVerdict {
  const starts = runsReaching(check, threshold);
  if (!starts.length) return 'not reached';
  const heard = (start: number) => told.some((t) => t >= start - 1 && t < check.week);
  if (starts.every(heard)) return 'already told';
  if (next && runsReaching(next, threshold).length) return 'a later week speaks';
  return 'due';
}

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
      return noticeGone(f, week, check, care.supervisorAfter);
    case 'coordinator':
      if (!personId || !f.steppedCare.coordinatorIds.includes(personId)) return 'no longer a coordinator of the program';
      return noticeGone(f, week, check, care.coordinatorAfter);
  }
}

const NOTICE_GONE: Record<Exclude<StepVerdict, 'due'>, string> = {
  'not reached': 'no run of misses reaches the step that week',
  'already told': 'already told of this run of misses',
  'a later week speaks': 'a later week of the same run is told instead',
};

function noticeGone(f: DeliveryFacts, week: number, check: WeekCheck, threshold: number): string | null {
  const r = rhythmOf(f.enrollment!)!;
  const end = weekEnd(r, week + 1);
  const next = end && end.getTime() <= f.now.getTime() ? weekCheckOf(f, week + 1) : null;
  const verdict = stepIsDue(check, next, threshold, f.steppedCare?.toldWeeks ?? []);
  return verdict === 'due' ? null : NOTICE_GONE[verdict];
}
