// "Does this nudge still apply?" — asked at delivery time, with facts loaded fresh, under the
// delivery's claim. The occurrence is recomputed from today's data, so a pause, a new nudge time
// or a moved meeting is honoured even when the row was planned before it happened.
import { isPausedAt, minimumKeptMinutes } from '../clock/index.js';
import type { Audience, Message } from '../messages/model.js';
import { inQuietHours, leaveQuietHours } from './local-time.js';
import { nudgeMessage } from './messages.js';
import { DEFAULT_NOTIFICATION_PREVIEW } from '../programs/template-care.js';
import { firstCallOccurrences, matchEndOccurrences, meetingOccurrences } from './pair.js';
import {
  evaluationAt,
  finalCaseReviewAt,
  hoursSummaryAt,
  phaseAt,
  reflectionAt,
  rhythmOf,
  supervisionAt,
  supervisionPeriodsUpTo,
  weekAt,
} from './rhythm.js';
import { digestAt, digestEntries } from './oversight/digest.js';
import { digestSince } from './oversight/messages.js';
import { steppedCareAt, steppedCareGone, weekCheckOf, type CareStep } from './oversight/stepped-care.js';
import { isOptionalKind, type DeliveryFacts, type EnrollmentSubject, type NudgeKind, type NudgeRefs, type Occurrence } from './types.js';

export type { DeliveryFacts } from './types.js';

/** A planned nudge as stored. */
export interface PlannedNudgeView {
  key: string;
  kind: NudgeKind;
  personId: string | null;
  channel: string | null;
  dueAt: Date;
  refs: NudgeRefs;
}

export type Decision =
  | { kind: 'send'; to: Audience; message: Message }
  /** Will never apply again. */
  | { kind: 'skip'; reason: string }
  /** Does not apply now (paused); a later plan may bring it back with a new time. */
  | { kind: 'hold'; reason: string }
  | { kind: 'reschedule'; dueAt: Date; reason: string };

/** A job may fire this much before its due time (timer rounding) without being re-delayed. */
export const EARLY_TOLERANCE_MS = 1_000;

const ENDED: ReadonlySet<string> = new Set(['withdrawn', 'completed', 'declined', 'pending']);

function occurrenceFor(n: PlannedNudgeView, f: DeliveryFacts): Occurrence | null {
  const find = (list: Occurrence[]) => list.find((o) => o.key === n.key) ?? null;
  if (n.kind === 'first-call') return f.match ? find(firstCallOccurrences(f.match)) : null;
  if (n.kind === 'cohort') return f.meeting ? find(meetingOccurrences(f.meeting)) : null;
  if (n.kind === 'evaluation' && n.refs.matchId) return f.match ? find(matchEndOccurrences(f.match)) : null;
  if (n.kind === 'digest') return f.recipient && n.refs.workspaceId && n.refs.occasion ? digestAt(f.recipient, n.refs.workspaceId, n.refs.occasion) : null;
  const r = f.enrollment ? rhythmOf(f.enrollment) : null;
  const week = n.refs.week ?? 1;
  if (!r) return null;
  switch (n.kind) {
    case 'supervision': {
      const period = supervisionPeriodsUpTo(r, week).find((p) => p.index === n.refs.periodIndex);
      return period ? supervisionAt(r, period) : null;
    }
    case 'phase':
      return phaseAt(r, r.e.template.phases.findIndex((p) => p.key === n.refs.phaseKey));
    case 'reflection':
    case 'reflection-followup':
      return reflectionAt(r, week, n.kind === 'reflection-followup');
    case 'hours-summary':
      return hoursSummaryAt(r, week);
    case 'stepped-care':
      return steppedCareAt(r, week, careStep(n), n.refs.role === 'mentee' ? r.e.person : f.recipient);
    case 'final-case-review':
      return finalCaseReviewAt(r);
    case 'evaluation':
      return evaluationAt(r, week, n.refs.occasion === 'program-end');
    default:
      return null;
  }
}

/** Reasons that make the nudge pointless for good, from the facts alone. */
function goneReason(n: PlannedNudgeView, f: DeliveryFacts): string | null {
  if (n.personId && (!f.recipient || f.recipient.withdrawnAt)) return 'person withdrawn';
  if (f.enrollment && ENDED.has(f.enrollment.status)) return `enrollment ${f.enrollment.status}`;
  switch (n.kind) {
    case 'supervision': {
      const r = f.enrollment && rhythmOf(f.enrollment);
      const start = n.refs.week ?? 1;
      const period = r && supervisionPeriodsUpTo(r, start).find((p) => p.index === n.refs.periodIndex);
      // Only a call long enough to keep the period (the clock's rule) stops the reminder.
      const enough = r && period ? minimumKeptMinutes(r.e.template, period) : 0;
      const logged = r && period && (f.supervisionCalls ?? []).some((c) => {
        const { at, minutes } = c instanceof Date ? { at: c, minutes: Infinity } : c;
        const w = weekAt(r, at);
        return w >= period.startWeek && w <= period.endWeek && minutes >= enough;
      });
      return logged ? "this period's supervision call is already logged" : null;
    }
    case 'reflection':
      return f.reflectedWeeks?.includes(n.refs.week ?? -1) ? 'reflection already written' : null;
    case 'reflection-followup':
      if (!f.promptSent) return 'the weekly prompt was not sent';
      return f.reflectedWeeks?.includes(n.refs.week ?? -1) ? 'reflection already written' : null;
    case 'first-call':
      if (!f.match || f.match.status !== 'active') return 'match no longer active';
      if (f.match.firstCallAt || f.firstCallLogged) return 'first call already logged';
      if (n.refs.role === 'mentor' && f.releaseRequired && !f.releaseInForce) return 'release of information not in force';
      return null;
    case 'cohort':
      return !f.meeting || f.meeting.cancelledAt ? 'meeting cancelled' : null;
    case 'evaluation':
      return f.evaluationAnswered ? 'evaluation already answered' : null;
    case 'hours-summary': {
      // A week with a miss gets the stepped-care nudge instead, which says the same and more.
      const check = weekCheckOf(f, n.refs.week ?? 0);
      return check && (check.hourless || check.missedPeriod) ? 'stepped care speaks for this week' : null;
    }
    case 'stepped-care':
      return steppedCareGone(careStep(n), n.personId, n.refs.week ?? 0, f);
    case 'final-case-review': {
      const needed = f.enrollment?.template.finalCaseReview?.cases ?? 0;
      return (f.caseRecordsDone ?? 0) >= needed ? 'case records complete' : null;
    }
    default:
      return null;
  }
}

const careStep = (n: PlannedNudgeView): CareStep => (n.refs.role === 'supervisor' || n.refs.role === 'coordinator' ? n.refs.role : 'mentee');

/**
 * A digest with nothing in it is not sent (known only once its week is known). Each trainee's
 * pauses and holidays already shape their own lines (digest.ts), so a trainee who rests never
 * silences what waits for the mentor about another.
 */
function emptyReason(n: PlannedNudgeView, expected: Occurrence, f: DeliveryFacts): string | null {
  if (n.kind !== 'digest') return null;
  return digestEntries(f.digest ?? [], digestSince(expected), f.now).length ? null : 'nothing waits';
}

const isPaused = (e: EnrollmentSubject, now: Date) => e.status === 'paused' || isPausedAt(e.pauses, now);

export function decideDelivery(row: PlannedNudgeView, f: DeliveryFacts): Decision {
  // A snoozed copy is the nudge it repeats, at the time the person asked for: its facts still
  // count (a call logged meanwhile ends it), its planned time and expiry no longer do.
  const snoozed = row.refs.snoozeOf !== undefined;
  const n = snoozed ? { ...row, key: row.refs.snoozeOf! } : row;
  const gone = goneReason(n, f);
  if (gone) return { kind: 'skip', reason: gone };
  if (f.enrollment && isPaused(f.enrollment, f.now)) return { kind: 'hold', reason: 'paused' };
  const expected = occurrenceFor(n, f);
  if (!expected) return { kind: 'skip', reason: 'no longer part of the plan' };
  if (!snoozed && expected.expiresAt.getTime() <= f.now.getTime()) return { kind: 'skip', reason: 'expired' };
  if (!snoozed && expected.dueAt.getTime() > f.now.getTime() + EARLY_TOLERANCE_MS) return { kind: 'reschedule', dueAt: expected.dueAt, reason: 'not due yet' };
  if (f.recipient?.mutedNudgeKinds?.includes(n.kind) && isOptionalKind(n.kind)) return { kind: 'skip', reason: 'turned off by the person' };
  const held = f.enrollment?.holds?.find((h) => h.start.getTime() <= f.now.getTime() && f.now.getTime() < h.end.getTime());
  if (held) {
    // A program holiday that only holds reminders: they wait for its end if they can still help then.
    if (!snoozed && held.end.getTime() >= expected.expiresAt.getTime()) return { kind: 'skip', reason: 'expired during a program holiday' };
    return { kind: 'reschedule', dueAt: held.end, reason: 'program holiday' };
  }
  const away = f.recipient?.awayUntil;
  if (away && away.getTime() > f.now.getTime()) {
    // Away holds nudges until the return, when they can still help; the program clock runs on.
    if (!snoozed && away.getTime() >= expected.expiresAt.getTime()) return { kind: 'skip', reason: 'expired while away' };
    return { kind: 'reschedule', dueAt: away, reason: 'away' };
  }
  if (f.recipient && inQuietHours(f.now, f.recipient)) {
    const after = leaveQuietHours(f.now, f.recipient);
    if (!snoozed && after.getTime() >= expected.expiresAt.getTime()) return { kind: 'skip', reason: 'expired during quiet hours' };
    return { kind: 'reschedule', dueAt: after, reason: 'quiet hours' };
  }
  // Last, once the nudge is really going now: what it would say decides whether it goes at all.
  const empty = emptyReason(n, expected, f);
  if (empty) return { kind: 'skip', reason: empty };
  const to: Audience = n.personId
    ? { kind: 'person', personId: n.personId }
    : { kind: 'channel', workspaceId: n.refs.workspaceId ?? '', channelId: n.channel ?? '' };
  const template = f.enrollment?.template ?? f.match?.template ?? f.digest?.[0]?.enrollment.template;
  return { kind: 'send', to, message: { ...nudgeMessage(expected, f), preview: template?.notificationPreview ?? DEFAULT_NOTIFICATION_PREVIEW } };
}
