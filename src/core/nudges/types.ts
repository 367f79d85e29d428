// The nudge catalogue's vocabulary: what a planned occurrence is, and the plain facts the
// planner and the delivery check read. Nothing here knows about Postgres, Redis or a platform.
import { z } from 'zod';
import type { CheckInReason, EnrollmentStatus, Role } from '../domain.js';
import type { LoggedSupervision, Pause } from '../clock/index.js';
import type { ProgramTemplate } from '../programs/template-schema.js';
import type { NudgePrefs } from './local-time.js';

export const NUDGE_KINDS = [
  'supervision',
  'phase',
  'reflection',
  'reflection-followup',
  'first-call',
  'cohort',
  'evaluation',
  'final-case-review',
  'hours-summary',
  'stepped-care',
  'digest',
  'outbound',
] as const;
export const ZNudgeKind = z.enum(NUDGE_KINDS);
export type NudgeKind = z.infer<typeof ZNudgeKind>;

/**
 * Nudges a person may turn off: comfort, not obligation. Deadlines (supervision, first call,
 * final case review), the weekly prompt and evaluations are never optional.
 */
export const OPTIONAL_NUDGE_KINDS = ['reflection-followup', 'hours-summary', 'phase'] as const satisfies readonly NudgeKind[];
export const isOptionalKind = (kind: string): boolean => (OPTIONAL_NUDGE_KINDS as readonly string[]).includes(kind);

/**
 * What a planned nudge refers to: ids and small numbers only, never private text. They are
 * enough to reload the facts at delivery time. (`sealed` is the one exception: an encrypted
 * message a command owed someone, written to the outbox; see src/store/prisma/outbox.ts.)
 */
export const ZNudgeRefs = z.strictObject({
  workspaceId: z.string().optional(),
  enrollmentId: z.string().optional(),
  matchId: z.string().optional(),
  meetingId: z.string().optional(),
  periodIndex: z.number().int().min(0).optional(),
  week: z.number().int().min(1).optional(),
  phaseKey: z.string().optional(),
  /** first-call day (3, 6, 7 …) or cohort lead time in hours (24, 1). */
  step: z.number().int().min(0).optional(),
  role: z.enum(['mentor', 'mentee', 'coordinator', 'supervisor']).optional(),
  occasion: z.string().optional(),
  sealed: z.string().optional(),
  /** A "remind me later" copy: the key of the nudge it repeats (its facts and message are that one's). */
  snoozeOf: z.string().optional(),
});
export type NudgeRefs = z.infer<typeof ZNudgeRefs>;

/** One occurrence of a nudge: who, when, and until when it is still worth sending. */
export interface Occurrence {
  key: string;
  kind: NudgeKind;
  /** A person's DM, or … */
  personId: string | null;
  /** … a channel of the workspace in refs.workspaceId. */
  channel: string | null;
  dueAt: Date;
  /** After this instant the nudge is pointless (its week, period or deadline has passed). */
  expiresAt: Date;
  refs: NudgeRefs;
}

export interface PersonFacts extends NudgePrefs {
  id: string;
  displayName: string;
  withdrawnAt: Date | null;
  /** Nudges wait until then (optional: planner pages need not load it). */
  awayUntil?: Date | null;
  mutedNudgeKinds?: string[];
}

/** An enrollment with everything the rhythm nudges are computed from. */
export interface EnrollmentSubject {
  id: string;
  role: Role;
  status: EnrollmentStatus;
  /** Local date (person's zone) of week 1; rhythm nudges need it. */
  startDate: string | null;
  pauses: readonly Pause[];
  /** Program holidays that hold reminders without stopping the clock (template `holidayRule: hold-nudges`). */
  holds?: readonly { start: Date; end: Date }[];
  person: PersonFacts;
  workspaceId: string;
  programName: string;
  template: ProgramTemplate;
}

export interface MatchSubject {
  id: string;
  status: 'proposed' | 'active' | 'ended';
  activatedAt: Date | null;
  firstCallDueAt: Date | null;
  firstCallAt: Date | null;
  endedAt: Date | null;
  workspaceId: string;
  programName: string;
  template: ProgramTemplate;
  mentor: { enrollmentId: string; person: PersonFacts };
  mentee: { enrollmentId: string; person: PersonFacts };
  /** Active coordinators of the program. */
  coordinators: PersonFacts[];
}

export interface MeetingSubject {
  id: string;
  title: string;
  startsAt: Date;
  durationMinutes: number;
  cancelledAt: Date | null;
  cohortName: string;
  channelId: string;
  workspaceId: string;
}

/**
 * A call that counts for a trainee (theirs, or one logged with them on one of their matches; never
 * a disputed one): its local date, length and kind. Nothing else — no notes.
 */
export interface CountedCall {
  day: string;
  minutes: number;
  kind: string;
}

/** A trainee in stepped care, with the people its steps reach: planned from this. */
export interface SteppedCareSubject {
  trainee: EnrollmentSubject;
  /** When the trainee's current active match began: weeks before it are not held against them. */
  careSince: Date;
  /** The trainee's supervisor (set by a coordinator, else their mentor); null when none. */
  supervisor: PersonFacts | null;
  coordinators: PersonFacts[];
}

/** Someone who mentors or supervises trainees in a workspace: gets one weekly digest there. */
export interface DigestSubject {
  person: PersonFacts;
  workspaceId: string;
}

/** What stepped care reads at delivery: the trainee's counted calls and who watches over them now. */
export interface SteppedCareFacts {
  calls: CountedCall[];
  careSince: Date | null;
  supervisorId: string | null;
  coordinatorIds: string[];
  /** The trainee's name as the recipient may see it (src/core/privacy/names.ts). */
  traineeName: string;
  /** The supervisor's name, for a coordinator's notice. */
  supervisorName: string | null;
  /** The active match in which the recipient is the trainee's mentor (a "log a call" button). */
  matchId: string | null;
  /** For a supervisor's or coordinator's step: the trainee's weeks whose step this recipient was already sent. */
  toldWeeks?: number[];
}

/** One trainee in a digest: counts and reasons only, never what anyone wrote. */
export interface DigestTrainee {
  enrollment: EnrollmentSubject;
  /** As the recipient may see them. */
  name: string;
  /** The active match in which the recipient is their mentor, if so. */
  matchId: string | null;
  /** The recipient is their supervisor (set, or by default as their mentor). */
  supervises: boolean;
  /** Calls the trainee logged with the recipient, waiting for the recipient's confirmation. */
  callsToConfirm: number;
  /** Portfolio items handed in and waiting for the recipient (their mentor) to verify. */
  itemsToVerify: number;
  /** Debriefs the trainee asked for recently: when, and the reason only. */
  checkIns: { at: Date; reason: CheckInReason }[];
  calls: CountedCall[];
  careSince: Date | null;
}

/** Facts loaded at delivery time; each kind reads only its own. */
export interface DeliveryFacts {
  now: Date;
  recipient?: PersonFacts | null;
  enrollment?: EnrollmentSubject | null;
  match?: MatchSubject | null;
  meeting?: MeetingSubject | null;
  /** The meeting's "Add to calendar" address, when the process knows its public address. */
  meetingInvite?: string;
  /** Supervision calls of the enrollment (its own or its matches'), as instants inside their local day, with their length when known. */
  supervisionCalls?: LoggedSupervision[];
  /** Program weeks the person has written a reflection for. */
  reflectedWeeks?: number[];
  /** The weekly prompt this follow-up follows was actually sent. */
  promptSent?: boolean;
  firstCallLogged?: boolean;
  /** The program needs a release of information before a mentor may call, and one is in force. */
  releaseRequired?: boolean;
  releaseInForce?: boolean;
  evaluationAnswered?: boolean;
  caseRecordsDone?: number;
  /** Minutes logged in the summarised week. */
  weekMinutes?: number;
  /** Stepped care (and the hours summary it may speak for). */
  steppedCare?: SteppedCareFacts;
  /** A digest's trainees. */
  digest?: DigestTrainee[];
}

export interface PlanWindow {
  /** Occurrences due in [from, to) are planned … */
  from: Date;
  to: Date;
  /** … unless they already expired by `now`. */
  now: Date;
}

export const inWindow = (o: Occurrence, w: PlanWindow): boolean =>
  o.dueAt.getTime() >= w.from.getTime() && o.dueAt.getTime() < w.to.getTime() && o.expiresAt.getTime() > w.now.getTime();
