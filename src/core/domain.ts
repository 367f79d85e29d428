/** Plain domain records the core works with. Repositories map storage to these; private text arrives decrypted. */
import type { ProgramTemplate } from './programs/template-schema.js';

export type Platform = 'slack' | 'discord' | 'console';
export type Role = 'coordinator' | 'mentor' | 'mentee' | 'supervisor';
export type EnrollmentStatus = 'pending' | 'active' | 'paused' | 'withdrawn' | 'completed' | 'declined';
export type CallKind = 'supervision' | 'observation' | 'co_facilitation' | 'independent' | 'first_call' | 'check_in' | 'peer' | 'phone' | 'face_to_face' | 'message';
export type CheckInReason = 'safety' | 'impasse' | 'failed_activity' | 'uncertain';

export interface Workspace {
  id: string;
  platform: Platform;
  externalId: string;
  name: string;
}

export interface Person {
  id: string;
  displayName: string;
  timeZone: string;
  /** Chosen by the person (settings, join); otherwise it follows the platform's zone. */
  timeZoneChosen: boolean;
  quietStartMinute: number | null;
  quietEndMinute: number | null;
  nudgeWeekday: number | null;
  nudgeMinute: number | null;
  /** Nudges wait until then; the program clock keeps running (unlike a pause). */
  awayUntil: Date | null;
  /** Optional nudge kinds turned off (see OPTIONAL_NUDGE_KINDS). */
  mutedNudgeKinds: string[];
  withdrawnAt: Date | null;
}

export interface Identity {
  id: string;
  personId: string;
  workspaceId: string;
  externalUserId: string;
  handle: string;
}

/** A program-wide break set by a coordinator: local days, and the instants that bound them. */
export interface ProgramHoliday {
  id: string;
  programId: string;
  firstDay: string;
  lastDay: string;
  startsAt: Date;
  endsAt: Date;
  /** The template's rule when it was set: true stops the program clock (deadlines move later); false only holds nudges. */
  shiftsClock: boolean;
}

export interface Program {
  id: string;
  workspaceId: string;
  slug: string;
  name: string;
  template: ProgramTemplate;
  createdAt: Date;
}

export interface PauseInterval {
  start: Date;
  end: Date | null;
}

export interface Enrollment {
  id: string;
  programId: string;
  personId: string;
  role: Role;
  status: EnrollmentStatus;
  startDate: string | null;
  commitmentConfirmedAt: Date | null;
  createdAt: Date;
  pauses: PauseInterval[];
}

export interface CallLog {
  id: string;
  enrollmentId: string;
  matchId: string | null;
  counterpartPersonId: string | null;
  kind: CallKind;
  minutes: number;
  occurredOn: string;
  notes: string | null;
  confirmation: 'pending' | 'confirmed' | 'disputed';
  checkIn: CheckInReason | null;
  /** First calls where the program asks: was an in-person meeting arranged (pair only). */
  meetingArranged?: boolean | null;
  meetingArrangedOn?: string | null;
  createdAt: Date;
}

/** One logged session of a template's session framework; `notes` is private text, decrypted. */
export interface SessionLog {
  id: string;
  enrollmentId: string;
  sessionKey: string;
  minutes: number;
  occurredOn: string;
  notes: string | null;
  /** Keys of the template's "when to check in" situations chosen, and their reasons. */
  checkIns: string[];
  checkInReasons: CheckInReason[];
  createdAt: Date;
}

export interface AuditEntry {
  actorPersonId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  details: Record<string, unknown>;
}

export type MatchStatus = 'proposed' | 'active' | 'ended';
/** `completed`: the trainee reached the end of the program (nothing ended early). */
export type EndReason = 'mutual' | 'coordinator' | 'first_call_overdue' | 'withdrawn' | 'declined' | 'completed';

export interface Match {
  id: string;
  programId: string;
  mentorEnrollmentId: string;
  menteeEnrollmentId: string;
  status: MatchStatus;
  proposedAt: Date;
  activatedAt: Date | null;
  firstCallDueAt: Date | null;
  firstCallAt: Date | null;
  endedAt: Date | null;
  endReason: EndReason | null;
}

export interface ConsentRecord {
  id: string;
  matchId: string;
  grantorPersonId: string;
  recipientPersonId: string;
  scope: string[];
  purpose: string;
  wordingVersion: string;
  signedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

/** A weekly availability window in the person's own zone: day 1 = Monday … 7 = Sunday. */
export interface AvailabilityWindow {
  day: number;
  startMinute: number;
  endMinute: number;
}

export interface MentorEligibility {
  enrollmentId: string;
  criteria: string[];
  field: string | null;
  readinessConfirmed: boolean;
  signedOffAt: Date;
  /** Answers to the template's mentor questions, by question key (private; matching only). */
  answers?: Record<string, string>;
}

/** Good-fit survey answers by question key; private to the mentee and the matching code. */
export type SurveyAnswers = Record<string, string>;

export interface Reflection {
  id: string;
  enrollmentId: string;
  promptKey: string;
  week: number;
  answer: string;
  shared: boolean;
  checkIn: CheckInReason | null;
  createdAt: Date;
}

export interface Cohort {
  id: string;
  programId: string;
  name: string;
  channelId: string;
}

export interface CohortMeeting {
  id: string;
  cohortId: string;
  title: string;
  startsAt: Date;
  durationMinutes: number;
  cancelledAt: Date | null;
  /** Raised on every move or cancellation (the .ics SEQUENCE); 0 when never changed. */
  sequence?: number;
}

export type RsvpResponse = 'yes' | 'no' | 'maybe';

export interface MeetingRsvp {
  meetingId: string;
  personId: string;
  response: RsvpResponse;
  attended: boolean | null;
}

export interface Contact {
  firstName: string | null;
  phone: string | null;
}

export type CertificationKind = 'learning_contract' | 'self_assessment' | 'case_record' | 'verification' | 'certificate' | 'ce_module';
/** `closed`: still unverified when a certificate was issued by override; the portfolio is frozen, so it waits for nobody. */
export type CertificationStatus = 'draft' | 'submitted' | 'verified' | 'rejected' | 'closed';

/** One piece of a trainee's certification portfolio; `body` is private text, decrypted. */
export interface CertificationItem {
  id: string;
  enrollmentId: string;
  kind: CertificationKind;
  title: string;
  body: string | null;
  status: CertificationStatus;
  /** Who reviewed (verified or returned) the item, or issued the certificate, and when. */
  verifiedById: string | null;
  verifiedAt: Date | null;
  /** Certificates only: the public code anyone can check. */
  verificationCode: string | null;
  createdAt: Date;
  /** Continuing-education modules only: the template's module key. */
  moduleKey: string | null;
  /** Returned items: the mentor's reason, private to the trainee (decrypted). */
  reviewNote: string | null;
}

/** One anonymous evaluation answer: ratings by question key, an optional comment, no person. */
export interface EvaluationAnswer {
  occasion: string;
  ratings: Record<string, number>;
  comment: string | null;
}

export type PeerReferralStatus = 'requested' | 'asked' | 'released' | 'withdrawn';

/**
 * A participant's request to talk with someone who has a mentor. The volunteer's first name and
 * phone are not part of it: they are read only through the store's "release in force" rule.
 */
export interface PeerReferral {
  id: string;
  programId: string;
  requesterPersonId: string;
  volunteerPersonId: string | null;
  status: PeerReferralStatus;
  purpose: string | null;
  wordingVersion: string | null;
  requestedAt: Date;
  askedAt: Date | null;
  signedAt: Date | null;
  expiresAt: Date | null;
  withdrawnAt: Date | null;
}
