import type {
  AuditEntry, AvailabilityWindow, CallLog, CertificationItem, CertificationKind, CheckInReason, Cohort, CohortMeeting, ConsentRecord, Contact, Enrollment,
  EvaluationAnswer, Identity, Match, MeetingRsvp, MentorEligibility, Person, Platform, Program, Reflection, Role, RsvpResponse, SurveyAnswers, Workspace,
 ProgramHoliday, SessionLog } from '../domain.js';
import type { Outbound } from '../messages/model.js';
import type { ProgramTemplate } from '../programs/template-schema.js';
import type { PeerReferralRepository, PrivacyRepository } from './privacy.js';

/** Who is acting, as an adapter knows them. */
export interface IdentityInput {
  platform: Platform;
  workspaceExternalId: string;
  workspaceName: string;
  externalUserId: string;
  handle: string;
  displayName: string;
  /** The platform's idea of the person's zone; used only when we have none yet. */
  timeZone?: string;
}

export interface PeopleRepository {
  /** Finds or creates the workspace, person and identity. */
  resolve(input: IdentityInput): Promise<{ person: Person; identity: Identity; workspace: Workspace }>;
  get(personId: string): Promise<Person | null>;
  /** `<@U123>` (platform id) or `@handle`, within one workspace. */
  findByMention(workspaceId: string, mention: string): Promise<Person | null>;
  update(personId: string, patch: Partial<Omit<Person, 'id'>>): Promise<Person>;
  /** The platform says the person's zone changed: follow it unless they chose one. True when it changed. */
  followPlatformZone(input: { platform: Platform; workspaceExternalId: string; externalUserId: string; timeZone: string }): Promise<boolean>;
  /** Contact details are encrypted at rest; only the release-of-information code reads them. */
  setContact(personId: string, contact: Contact): Promise<void>;
  getContact(personId: string): Promise<Contact>;
  setAvailability(personId: string, windows: AvailabilityWindow[]): Promise<void>;
  getAvailability(personId: string): Promise<AvailabilityWindow[]>;
}

export interface ProgramRepository {
  create(input: { workspaceId: string; slug: string; name: string; template: ProgramTemplate }): Promise<Program>;
  findBySlug(workspaceId: string, slug: string): Promise<Program | null>;
  get(programId: string): Promise<Program | null>;
  listByWorkspace(workspaceId: string): Promise<Program[]>;
  /** Holidays stop the program clock for everyone in the program (the store adds them to each enrollment's pauses). */
  addHoliday(holiday: Omit<ProgramHoliday, 'id'>): Promise<ProgramHoliday>;
  listHolidays(programId: string): Promise<ProgramHoliday[]>;
}

export type NewEnrollment = Pick<Enrollment, 'programId' | 'personId' | 'role' | 'status' | 'startDate' | 'commitmentConfirmedAt'> & { declinedAt?: Date | null };

export interface EnrollmentRepository {
  create(input: NewEnrollment): Promise<Enrollment>;
  get(enrollmentId: string): Promise<Enrollment | null>;
  find(programId: string, personId: string, role: Role): Promise<Enrollment | null>;
  listForPerson(personId: string): Promise<Enrollment[]>;
  listForProgram(programId: string, role?: Role): Promise<Enrollment[]>;
  update(enrollmentId: string, patch: Partial<Pick<Enrollment, 'status' | 'startDate' | 'commitmentConfirmedAt'>> & { declinedAt?: Date | null }): Promise<Enrollment>;
  startPause(enrollmentId: string, at: Date): Promise<void>;
  endPause(enrollmentId: string, at: Date): Promise<void>;
  saveEligibility(eligibility: MentorEligibility & { expectationsVersion: number }): Promise<void>;
  getEligibility(enrollmentId: string): Promise<MentorEligibility | null>;
  saveSurvey(enrollmentId: string, answers: SurveyAnswers, at: Date): Promise<void>;
  /** Decrypted answers, for matching only: never returned to a coordinator. */
  getSurvey(enrollmentId: string): Promise<SurveyAnswers | null>;
  /** The supervisor a coordinator set for this trainee, or null (the default: their active mentor). */
  getSupervisor(enrollmentId: string): Promise<string | null>;
  setSupervisor(enrollmentId: string, personId: string | null): Promise<void>;
}

export interface MatchRepository {
  create(input: { programId: string; mentorEnrollmentId: string; menteeEnrollmentId: string; proposedById: string; proposedAt: Date }): Promise<Match>;
  get(matchId: string): Promise<Match | null>;
  /** Proposed or active matches where the enrollment is on either side. */
  listOpenForEnrollment(enrollmentId: string): Promise<Match[]>;
  listForEnrollment(enrollmentId: string): Promise<Match[]>;
  countActiveForMentor(mentorEnrollmentId: string): Promise<number>;
  update(matchId: string, patch: Partial<Pick<Match, 'status' | 'activatedAt' | 'firstCallDueAt' | 'firstCallAt' | 'endedAt' | 'endReason'>> & { endedById?: string }): Promise<Match>;
  /**
   * Ends an active match as completed (its trainee reached the end of the program), only if it is
   * still active: true for the one call that changed it, so a completion happens exactly once
   * however many workers look at the same match.
   */
  completeIfActive(matchId: string, at: Date): Promise<boolean>;
  /** A coordinator's confidential "never suggest this mentor for this mentee" (no reason stored). False if it existed. */
  addExclusion(input: { programId: string; mentorEnrollmentId: string; menteeEnrollmentId: string; createdById: string }): Promise<boolean>;
  /** Mentor enrollments excluded for this mentee enrollment. */
  excludedMentors(menteeEnrollmentId: string): Promise<string[]>;
}

export interface ConsentRepository {
  create(input: Omit<ConsentRecord, 'id' | 'revokedAt'>): Promise<ConsentRecord>;
  /** The newest unrevoked, unexpired release for the match, if any. */
  inForce(matchId: string, now: Date): Promise<ConsentRecord | null>;
  revoke(consentId: string, at: Date): Promise<void>;
}

export interface NewCallLog {
  enrollmentId: string;
  matchId: string | null;
  counterpartPersonId: string | null;
  kind: CallLog['kind'];
  minutes: number;
  occurredOn: string;
  notes: string | null;
  checkIn: CheckInReason | null;
  confirmation: CallLog['confirmation'];
  meetingArranged?: boolean | null;
  meetingArrangedOn?: string | null;
}

export interface CallLogRepository {
  create(input: NewCallLog): Promise<CallLog>;
  get(callId: string): Promise<CallLog | null>;
  listForEnrollment(enrollmentId: string): Promise<CallLog[]>;
  listForMatch(matchId: string): Promise<CallLog[]>;
  setConfirmation(callId: string, confirmation: 'confirmed' | 'disputed', at: Date): Promise<CallLog>;
}

export type NewSessionLog = Omit<SessionLog, 'id'>;

export interface SessionLogRepository {
  /** Notes are encrypted by the repository, bound to the row. */
  create(input: NewSessionLog): Promise<SessionLog>;
  /** Oldest first (by day, then by when it was logged). */
  listForEnrollment(enrollmentId: string): Promise<SessionLog[]>;
}

export interface ReflectionRepository {
  /** `createdAt` comes from the core's clock, so journal dates follow the program's time. */
  create(input: { enrollmentId: string; promptKey: string; week: number; answer: string; checkIn: CheckInReason | null; createdAt: Date }): Promise<Reflection>;
  get(reflectionId: string): Promise<Reflection | null>;
  listForEnrollment(enrollmentId: string): Promise<Reflection[]>;
  /** Entries the mentee chose to share, for their mentor. */
  listShared(enrollmentIds: string[]): Promise<Reflection[]>;
  countForEnrollment(enrollmentId: string): Promise<number>;
  setShared(reflectionId: string, shared: boolean, at: Date): Promise<Reflection>;
}

export interface CohortRepository {
  create(input: { programId: string; name: string; channelId: string }): Promise<Cohort>;
  findByName(programId: string, name: string): Promise<Cohort | null>;
  findById(cohortId: string): Promise<Cohort | null>;
  listForProgram(programId: string): Promise<Cohort[]>;
  listForEnrollment(enrollmentId: string): Promise<Cohort[]>;
  addMember(cohortId: string, enrollmentId: string): Promise<boolean>;
  removeMember(cohortId: string, enrollmentId: string): Promise<boolean>;
  members(cohortId: string): Promise<Enrollment[]>;
  createMeeting(input: { cohortId: string; title: string; startsAt: Date; durationMinutes: number }): Promise<CohortMeeting>;
  getMeeting(meetingId: string): Promise<CohortMeeting | null>;
  listMeetings(cohortId: string): Promise<CohortMeeting[]>;
  rsvp(meetingId: string, personId: string, response: RsvpResponse, at: Date): Promise<void>;
  markAttendance(meetingId: string, personId: string, attended: boolean, at: Date): Promise<void>;
  rsvps(meetingId: string): Promise<MeetingRsvp[]>;
  /** Moves a meeting and raises its sequence, so calendars replace their copy. */
  moveMeeting(meetingId: string, startsAt: Date): Promise<CohortMeeting>;
  /** Cancels a meeting and raises its sequence; calendars then show it cancelled. */
  cancelMeeting(meetingId: string, at: Date): Promise<CohortMeeting>;
}

/** One private calendar feed per person (src/core/calendar). */
export interface CalendarFeedRepository {
  /** The seed the person's current feed address is derived from, or null before the first. */
  seedOf(personId: string): Promise<string | null>;
  /** Replaces the person's feed: the previous address stops working at once. */
  replace(personId: string, seed: string, tokenHash: string): Promise<void>;
  /** The person a feed token (by its SHA-256) belongs to. */
  personByTokenHash(tokenHash: string): Promise<string | null>;
}

export interface NewCertificationItem {
  enrollmentId: string;
  kind: Exclude<CertificationKind, 'certificate'>;
  title: string;
  /** Private text, encrypted by the repository. */
  body: string | null;
  /** `draft`: kept but not yet handed in (a self-assessment with statements still unanswered). */
  status: 'draft' | 'submitted' | 'verified';
  createdAt: Date;
  verifiedById?: string | null;
  verifiedAt?: Date | null;
  /** Continuing-education modules: which of the template's modules (one item per module). */
  moduleKey?: string | null;
}

export interface CertificationRepository {
  create(input: NewCertificationItem): Promise<CertificationItem>;
  get(itemId: string): Promise<CertificationItem | null>;
  /** Oldest first. */
  listForEnrollment(enrollmentId: string): Promise<CertificationItem[]>;
  /**
   * New text for an item the trainee sends again (or a draft kept): it takes `status` (default
   * `submitted`) and loses any earlier review and its note.
   */
  resubmit(itemId: string, input: { title: string; body: string | null; at: Date; status?: 'draft' | 'submitted' }): Promise<CertificationItem>;
  /** The verifier's decision on a submitted item; a return carries the reason (sealed, for the trainee). */
  review(itemId: string, status: 'verified' | 'rejected', reviewerPersonId: string, at: Date, note?: string | null): Promise<CertificationItem>;
  /** Closes every item of the enrollment still awaiting its verifier (a certificate issued by override); returns how many. */
  closeWaiting(enrollmentId: string): Promise<number>;
  /**
   * Creates the certificate with a fresh verification code: crypto-random, unique across all
   * programs (the store draws again on a collision), 10 characters of Crockford base32. `record`
   * (what the certificate attests, as issued) is kept sealed in its body.
   */
  issueCertificate(input: { enrollmentId: string; title: string; issuedByPersonId: string; at: Date; record: string }): Promise<CertificationItem>;
  /** `code` in canonical form (upper case, no separators). */
  findByVerificationCode(code: string): Promise<CertificationItem | null>;
}

export interface EvaluationRepository {
  hasAnswered(enrollmentId: string, occasion: string): Promise<boolean>;
  /**
   * Writes the receipt (who answered which occasion) and the answer (what, without who) as two
   * unrelated rows, atomically. Returns false, writing nothing, when the receipt already exists.
   */
  record(input: {
    receipt: { enrollmentId: string; occasion: string; answeredAt: Date };
    answer: EvaluationAnswer & { programId: string; submittedAt: Date };
  }): Promise<boolean>;
  /** Every answer of a program (comments decrypted), in no meaningful order. */
  listAnswers(programId: string): Promise<EvaluationAnswer[]>;
  /** Occasions the enrollment answered (for the person's own export), never what they answered. */
  answeredOccasions(enrollmentId: string): Promise<string[]>;
}

/** A logged call without its notes: what reports count. */
export type CallFact = Pick<CallLog, 'id' | 'enrollmentId' | 'matchId' | 'counterpartPersonId' | 'kind' | 'minutes' | 'occurredOn' | 'confirmation'>;

/**
 * Program-wide reads for coordinator reports. They never load private text (notes, answers),
 * so a report cannot leak what it never had.
 */
export interface ReportRepository {
  calls(programId: string): Promise<CallFact[]>;
  /** Program weeks in which each enrollment answered a reflection (answers not loaded). */
  reflectionWeeks(programId: string): Promise<{ enrollmentId: string; week: number }[]>;
  matches(programId: string): Promise<Match[]>;
  /** Check-in flags raised on calls, reflections and logged sessions: the reason and who raised it, never the words. */
  checkIns(programId: string): Promise<{ enrollmentId: string; reason: CheckInReason }[]>;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  listForSubject(subjectType: string, subjectId: string): Promise<(AuditEntry & { at: Date })[]>;
}

/** All repositories, plus a transaction that gives the same set bound to one database transaction. */
/**
 * What a command owes other people and channels, written as rows in the command's own
 * transaction (the outbox). The audience is resolved here, once, to platform, workspace and
 * target; delivery reads the rows and never looks the audience up again.
 */
export interface OutboxRepository {
  /**
   * Writes one row per message, due at `at`. `origin` (a platform request id) makes the keys
   * deterministic, so writing the same origin twice is a no-op. Returns the keys written.
   */
  write(items: Outbound[], options: { at: Date; origin?: string }): Promise<string[]>;
  /**
   * "Remind me later": a copy of the person's own planned nudge `key`, due at `until`. Returns
   * the copy's key, or null when the nudge is not theirs (or not a planned nudge).
   */
  snooze(key: string, personId: string, until: Date): Promise<string | null>;
}

/** Platform requests already run, so a platform's retry of one (Slack's `X-Slack-Retry-Num`) never runs it twice. */
export interface RequestLog {
  /** Records the request; false when it was recorded before (this is a retry). */
  firstTime(requestId: string, at: Date): Promise<boolean>;
}

export interface Store {
  outbox: OutboxRepository;
  requests: RequestLog;
  people: PeopleRepository;
  programs: ProgramRepository;
  enrollments: EnrollmentRepository;
  matches: MatchRepository;
  consents: ConsentRepository;
  calls: CallLogRepository;
  reflections: ReflectionRepository;
  sessions: SessionLogRepository;
  cohorts: CohortRepository;
  certification: CertificationRepository;
  evaluations: EvaluationRepository;
  reports: ReportRepository;
  calendarFeeds: CalendarFeedRepository;
  audit: AuditLog;
  referrals: PeerReferralRepository;
  privacy: PrivacyRepository;
  transaction<T>(work: (store: Store) => Promise<T>): Promise<T>;
}
