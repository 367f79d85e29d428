// The nudge catalogue: which nudges exist for an enrollment, a match or a cohort meeting, when
// each is due in the person's own time, whether it still applies at delivery, and what it says.
// Pure and platform-free: src/jobs loads the facts and moves the timers.
export { decideDelivery, EARLY_TOLERANCE_MS, type Decision, type DeliveryFacts, type PlannedNudgeView } from './decide.js';
export { evaluationOccasions, nudgeKeys } from './keys.js';
export {
  atLocalMinute,
  DEFAULT_MINUTE,
  DEFAULT_WEEKDAY,
  inQuietHours,
  leaveQuietHours,
  nextLocalMinute,
  spreadWithinMinute,
  type NudgePrefs,
} from './local-time.js';
export { NUDGE_ACTIONS, nudgeMessage } from './messages.js';
export { COHORT_LEAD_HOURS, firstCallReminderDays } from './pair.js';
export { enrollmentIsLive, planDigest, planEnrollment, planEnrollmentAhead, planMatch, planMeeting, planSteppedCare, type PlannedAhead } from './plan.js';
export { steppedCareOf } from './oversight/stepped-care.js';
export {
  NUDGE_KINDS,
  ZNudgeKind,
  ZNudgeRefs,
  type CountedCall,
  type DigestSubject,
  type DigestTrainee,
  type EnrollmentSubject,
  type MatchSubject,
  type MeetingSubject,
  type NudgeKind,
  type NudgeRefs,
  type Occurrence,
  type PersonFacts,
  type PlanWindow,
  type SteppedCareFacts,
  type SteppedCareSubject,
} from './types.js';
