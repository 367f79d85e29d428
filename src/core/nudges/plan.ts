// The rolling planner's pure part: which occurrences of which nudges fall due in a window.
// The jobs layer loads the subjects, calls these, and upserts the result by key.
import { digestOccurrences } from './oversight/digest.js';
import { steppedCareOccurrences } from './oversight/stepped-care.js';
import { firstCallOccurrences, matchEndOccurrences, meetingOccurrences } from './pair.js';
import { rhythmOccurrences, rhythmOf, weekAt } from './rhythm.js';
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
  const r = enrollmentIsLive(e) ? rhythmOf(e) : null;
  if (!r) return [];
  // One week of margin on both sides: a week's nudges can fall into the next week (summaries,
  // evaluations) and quiet hours can push one past a week boundary.
  const fromWeek = Math.max(1, weekAt(r, window.from) - 1);
  const toWeek = weekAt(r, window.to) + 1;
  return rhythmOccurrences(r, fromWeek, toWeek).filter((o) => inWindow(o, window));
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
