// What the nudge engine needs from Postgres, as ports: implemented in src/store (the only code
// that talks to the database) and injected into the engine. Rows cross this boundary as plain
// data; what came from JSON columns (refs, target, a sealed message) is validated with zod here
// in src/jobs before use.
import type {
  CountedCall,
  DigestSubject,
  DigestTrainee,
  EnrollmentSubject,
  MatchSubject,
  MeetingSubject,
  Occurrence,
  PersonFacts,
  SteppedCareFacts,
  SteppedCareSubject,
} from '../core/nudges/index.js';
import type { PlatformName } from '../platform/contract.js';
import type { DmChannelCache } from '../platform/route.js';

/** A row still to be sent (or given up on), and a row that is done: the one definition of each. */
export const OPEN_STATUSES = ['planned', 'queued', 'claimed'] as const;
export const FINISHED_STATUSES = ['sent', 'skipped', 'failed', 'cancelled'] as const;
export const isFinished = (status: string): boolean => (FINISHED_STATUSES as readonly string[]).includes(status);

/** Limits every query to some workspaces (tests share one database); undefined = all. */
export type Scope = string[] | undefined;

export interface NudgeRow {
  key: string;
  kind: string;
  personId: string | null;
  channel: string | null;
  dueAt: Date;
  status: string;
  attempts: number;
  refs: unknown;
  lastError: string | null;
}

/** A claimed row with what delivery needs: its route (as stored), the cached DM channel, the opened message. */
export interface ClaimedNudge extends NudgeRow {
  route: { platform: string | null; workspaceId: string | null; target: unknown };
  dmChannelId: string | null;
  /** The outbox message, decrypted and parsed; null for planned nudges (their text is built at send time). */
  message: unknown;
  /**
   * When the earliest earlier attempt that may have reached the platform began (a dead worker's
   * claim, or a send that failed unclearly); null when no attempt could have. Delivery then asks
   * the platform what arrived since, before sending again.
   */
  sendingAt: Date | null;
}

/** How a claimed row ended. */
export interface FinishedNudge {
  key: string;
  status: 'sent' | 'skipped' | 'cancelled' | 'failed';
  /** Why it was not sent (null when it was). */
  reason: string | null;
}

/** A routed row waiting for its BullMQ job; `platform` null: nobody could be reached. */
export interface QueuedNudge {
  key: string;
  kind: string;
  platform: PlatformName | null;
  /** The workspace it goes to (picks the queue shard); null with no route. */
  workspaceId: string | null;
  dueAt: Date;
}

export interface NudgeRepository {
  /** Idempotent by key; returns how many rows were inserted or changed. */
  upsert(occurrences: Occurrence[]): Promise<number>;
  /**
   * Takes the due rows among `keys` for delivery, in one statement (one worker at a time per row;
   * a claim older than the lease may be taken over); rows not taken are simply absent.
   */
  claimDueMany(keys: string[], dueBy: Date, leaseMs: number): Promise<ClaimedNudge[]>;
  get(key: string): Promise<NudgeRow | null>;
  /**
   * Records how several claimed rows ended, in one statement: sent (at `at`), skipped, cancelled
   * (held) or failed, each with its reason. A row no longer claimed is left alone.
   */
  finishMany(rows: FinishedNudge[], at: Date): Promise<void>;
  /**
   * Gives the claim back (transient failure, rate limit). `mayHaveSent`: the platform call had
   * begun and failed without a clear "not sent", so the row remembers that attempt (`sendingAt`).
   */
  release(key: string, reason?: string, mayHaveSent?: boolean): Promise<void>;
  /** A new due time: still queued when near, back to the planner's care when far. */
  reschedule(key: string, dueAt: Date, near: boolean, reason: string): Promise<void>;
  deferToPlanner(key: string): Promise<void>;

  /**
   * Planned rows due by `dueBy` are routed (the store's one audience resolver) and become queued,
   * in one step; returns how many were looked at and the rows this call queued.
   */
  queueDue(options: { dueBy: Date; scope: Scope; limit: number }): Promise<{ selected: number; queued: QueuedNudge[] }>;
  /** The rows among `keys` still queued (the outbox rows a command just wrote). */
  queuedByKeys(keys: string[]): Promise<QueuedNudge[]>;
  /** Queued rows, and claims older than `staleBefore`, due by `dueBy`; by due time then key, after `after` (null: from the start). */
  openPage(options: { after: { dueAt: Date; key: string } | null; dueBy: Date; staleBefore: Date; scope: Scope; limit: number }): Promise<QueuedNudge[]>;
  /** Keys of queued rows due by `now`. */
  dueQueuedKeys(now: Date, scope: Scope): Promise<string[]>;
  failOpen(keys: string[], reason: string): Promise<void>;
  countOpenDue(now: Date, scope: Scope): Promise<number>;
  /** The earliest due time of a row still open (the console's `advance` steps to it); null when none. */
  nextOpenDueAt(scope: Scope): Promise<Date | null>;
  countOpen(keys: string[]): Promise<number>;
  /** Deletes finished rows due before `before`; returns how many. */
  cleanup(before: Date, scope: Scope): Promise<number>;
}

/** Facts for the delivery check, read fresh; nothing private (no notes, answers or contact details). */
export interface DeliveryFactsReader {
  /** Several enrollments in one statement (a batch of deliveries), in the order asked; null when gone. */
  enrollments(ids: string[]): Promise<(EnrollmentSubject | null)[]>;
  match(id: string): Promise<MatchSubject | null>;
  meeting(id: string): Promise<MeetingSubject | null>;
  person(id: string): Promise<PersonFacts | null>;
  /** Per enrollment asked: supervision calls logged on it or any of its matches (by either side), local date and length. */
  supervisionCallLogs(enrollmentIds: string[]): Promise<{ day: string; minutes: number }[][]>;
  /** Per question asked: minutes the enrollment logged on local dates in [from, to). */
  minutesLogged(asks: { enrollmentId: string; from: string; to: string }[]): Promise<number[]>;
  firstCallLogged(matchId: string): Promise<boolean>;
  /** The store's one rule for "a release of information is in force". */
  releaseInForce(matchId: string, now: Date): Promise<boolean>;
  /** Per question asked: has the enrollment written its reflection for that week? */
  reflectionAnswered(asks: { enrollmentId: string; week: number }[]): Promise<boolean[]>;
  /** Per key asked: was that nudge sent? */
  nudgeSent(keys: string[]): Promise<boolean[]>;
  caseRecordsDone(enrollmentId: string): Promise<number>;
  evaluationAnswered(enrollmentId: string, occasion: string): Promise<boolean>;
  /** Per trainee asked: calls that count for them (their own, and those logged with them on their matches; never disputed), dates and lengths. */
  countedCalls(enrollmentIds: string[]): Promise<CountedCall[][]>;
  /** Per ask: who watches over the trainee now — supervisor, coordinators, since when in care — named as `viewerId` may see them. */
  oversight(asks: { enrollmentId: string; viewerId: string | null; now: Date }[]): Promise<Omit<SteppedCareFacts, 'calls'>[]>;
  /** Everyone a person mentors or supervises in a workspace, with counts of what waits (check-ins since `since`). */
  digestTrainees(personId: string, workspaceId: string, since: Date, now: Date): Promise<DigestTrainee[]>;
}

export interface Page {
  /** Subjects with an id after this one, by id. */
  after: string | undefined;
  limit: number;
  scope: Scope;
}

/** What the planner pages through. */
export interface PlanSubjects {
  /** Active, started mentor and mentee enrollments of people who have not withdrawn. */
  liveEnrollments(page: Page): Promise<EnrollmentSubject[]>;
  /** Active matches whose first call is not logged and was due since `openDueSince`, and matches ended since `endedSince`. */
  firstCallMatches(page: Page, since: { openDueSince: Date; endedSince: Date }): Promise<MatchSubject[]>;
  /** Meetings not cancelled that start in [from, before). */
  upcomingMeetings(page: Page, range: { from: Date; before: Date }): Promise<MeetingSubject[]>;
  /**
   * Ids of active matches whose trainee's fixed-length program may have ended by `by` (a cheap
   * over-estimate: the core checks each on the trainee's own clock before completing it).
   */
  programEndCandidates(page: Page, by: Date): Promise<string[]>;
  /** Live trainees in an active match in programs with stepped care, with their supervisor and coordinators. */
  steppedCareTrainees(page: Page): Promise<SteppedCareSubject[]>;
  /** People who mentor an active match or supervise an active trainee, once per workspace (paged by person). */
  digestRecipients(page: Page): Promise<DigestSubject[]>;
}

/** What is owed and not yet sent, for the operators' gauges. */
export interface BacklogReader {
  /** Outbox rows (messages a command owed someone) due by `now` and not sent: how many, and the earliest due time. */
  outbox(now: Date, scope: Scope): Promise<{ pending: number; oldestDueAt: Date | null }>;
}

/** Everything the engine reads and writes, as one injected bundle. */
export interface JobStore {
  nudges: NudgeRepository;
  facts: DeliveryFactsReader;
  subjects: PlanSubjects;
  dmChannels: DmChannelCache;
  backlog: BacklogReader;
  /** Forgets request ids (see RequestLog) recorded before `before`; returns how many. */
  forgetRequestsBefore(before: Date): Promise<number>;
  /** Deletes written-down platform requests (the durable intake) received before `before`; returns how many. */
  forgetInboundRequestsBefore(before: Date): Promise<number>;
  /**
   * The retention rule for private notes: in programs whose template sets
   * `privateNotesRetentionDays`, erases call notes and journals of relationships that ended
   * longer ago than that (src/store/prisma/privacy.ts); returns how many were erased.
   */
  erasePrivateNotes(now: Date, scope: Scope): Promise<number>;
}
