// Occurrence keys: one per nudge occurrence, stable across re-planning. The key is unique in
// Postgres and (with ':' spelled '/', which BullMQ requires) the BullMQ job id, so planning or
// dispatching twice is a no-op. Keys hold ids and numbers only, never private text.
export const nudgeKeys = {
  supervision: (enrollmentId: string, periodIndex: number) => `supervision:${enrollmentId}:p${periodIndex}`,
  phase: (enrollmentId: string, phaseKey: string) => `phase:${enrollmentId}:${phaseKey}`,
  reflection: (enrollmentId: string, week: number) => `reflection:${enrollmentId}:w${week}`,
  reflectionFollowup: (enrollmentId: string, week: number) => `reflection-followup:${enrollmentId}:w${week}`,
  hoursSummary: (enrollmentId: string, week: number) => `hours-summary:${enrollmentId}:w${week}`,
  finalCaseReview: (enrollmentId: string) => `final-case-review:${enrollmentId}`,
  evaluation: (enrollmentId: string, occasion: string) => `evaluation:${enrollmentId}:${occasion}`,
  firstCallReminder: (matchId: string, day: number) => `first-call:${matchId}:d${day}`,
  firstCallOverdue: (matchId: string, day: number, recipient: 'mentee' | `coordinator:${string}`) =>
    `first-call:${matchId}:d${day}:${recipient}`,
  cohort: (meetingId: string, hoursBefore: number) => `cohort:${meetingId}:${hoursBefore}h`,
  /** The trainee's own step for a finished week; the supervisor's and coordinators' steps name their recipient. */
  steppedCare: (enrollmentId: string, week: number, recipient?: { role: 'supervisor' | 'coordinator'; personId: string }) =>
    `stepped-care:${enrollmentId}:w${week}${recipient ? `:${recipient.role}:${recipient.personId}` : ''}`,
  /** One digest per person, workspace and ISO week of their own calendar (`2026-W10`). */
  digest: (personId: string, workspaceId: string, isoWeek: string) => `digest:${personId}:${workspaceId}:${isoWeek}`,
  outbound: (id: string, index: number) => `outbound:${id}:${index}`,
};

/** Evaluation occasions, also the EvaluationReceipt.occasion that stops the asking. */
export const evaluationOccasions = {
  periodic: (week: number) => `week-${week}`,
  programEnd: () => 'program-end',
  matchEnd: (matchId: string) => `match-end:${matchId}`,
};
