// The rolling planner's pure part: which occurrences of which nudges fall due in a window.
// The jobs layer loads the subjects, calls these, and upserts the result by key.
import { digestOccurrences } from './oversight/digest.js';
import { steppedCareOccurrences } from './oversight/stepped-care.js';
import { firstCallOccurrences, matchEndOccurrences, meetingOccurrences } from './pair.js';
import { rhythmOccurrences, rhythmOf, weekAt, weekStart } from './rhythm.js';
import {
  inWindow,
  type DigestSubject,
  type EnrollmentSubject,
  type MatchSubject,
  type MeetingSubject,
  type Occurrence,
  type PlanWindow,
  type SteppedCareSubject,
} from './types.js';

/** Only an active enrollment of a person still with us has a rhythm; paused people get nothing. */
export function enrollmentIsLive(e: EnrollmentSubject): boolean {
  return e.status === 'active' && e.person.withdrawnAt === null && e.startDate !== null;
}

export function planEnrollment(e: EnrollmentSubject, window: PlanWindow): Occurrence[] {
  return planEnrollmentAhead(e, window).occurrences;
}

export interface PlannedAhead {
  /** The occurrences due in the window (planEnrollment's answer). */
  occurrences: Occurrence[];
  /** The earliest occurrence due at or after `window.to` that the computation saw (ms; Infinity: none)… */
  nextDueAt: number;
  /** …which is certain up to this instant (ms): later weeks were not computed. */
  knownUntil: number;
}

/**
 * planEnrollment, and what its computation saw beyond the window. While an enrollment's facts
 * stay the same, a planner that remembers this can skip it on later passes whose window ends
 * before `min(nextDueAt, knownUntil)`: they would find nothing new. Occurrences only ever drop out
 * as `now` moves on (they expire), so nothing a later pass needs is missed.
 */
export function planEnrollmentAhead(e: EnrollmentSubject, window: PlanWindow): PlannedAhead {
  const r = enrollmentIsLive(e) ? rhythmOf(e) : null;
  // Not live: nothing now, and nothing later until its facts change.
  if (!r) return { occurrences: [], nextDueAt: Infinity, knownUntil: Infinity };
  // One week of margin on both sides: a week's nudges can fall into the next week (summaries,
  // evaluations) and quiet hours can push one past a week boundary — later, never earlier.
  const fromWeek = Math.max(1, weekAt(r, window.from) - 1);
  const toWeek = weekAt(r, window.to) + 1;
  const computed = rhythmOccurrences(r, fromWeek, toWeek);
  let nextDueAt = Infinity;
  for (const o of computed) if (o.dueAt.getTime() >= window.to.getTime()) nextDueAt = Math.min(nextDueAt, o.dueAt.getTime());
  // Everything due before week `toWeek` starts came from weeks up to toWeek, all computed.
  const knownUntil = weekStart(r, toWeek)?.getTime() ?? window.to.getTime();
  return { occurrences: computed.filter((o) => inWindow(o, window)), nextDueAt, knownUntil };
}

export function planMatch(m: MatchSubject, window: PlanWindow): Occurrence[] {
  const people = [m.mentor.person, m.mentee.person];
  const firstCall = people.some((p) => p.withdrawnAt !== null) ? [] : firstCallOccurrences(m);
  return [...firstCall, ...matchEndOccurrences(m)].filter((o) => inWindow(o, window));
}

export function planMeeting(meeting: MeetingSubject, window: PlanWindow): Occurrence[] {
  return meetingOccurrences(meeting).filter((o) => inWindow(o, window));
}

/** The stepped-care checks of a trainee's weeks that finish in the window (each week's steps). */
export function planSteppedCare(s: SteppedCareSubject, window: PlanWindow): Occurrence[] {
  const r = enrollmentIsLive(s.trainee) ? rhythmOf(s.trainee) : null;
  if (!r) return [];
  // A week is checked when it has ended (and the steps after it go up to a day later).
  const fromWeek = Math.max(1, weekAt(r, window.from) - 2);
  const toWeek = weekAt(r, window.to) + 1;
  return steppedCareOccurrences(s, fromWeek, toWeek).filter((o) => inWindow(o, window));
}

/** A mentor's or supervisor's weekly digests due in the window. */
export function planDigest(s: DigestSubject, window: PlanWindow): Occurrence[] {
  if (s.person.withdrawnAt !== null) return [];
  return digestOccurrences(s, window).filter((o) => inWindow(o, window));
}
