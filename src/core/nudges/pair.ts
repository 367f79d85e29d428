// Nudges about a match and about cohort meetings.
//   first call: reminders to the mentor on day 3 and on the day before the deadline (day 6 of a
//   7-day window), at the mentor's chosen minute; once the deadline passes without a first call,
//   the mentee is offered a re-match and each coordinator learns that it is overdue, each at
//   their own chosen minute on or after the deadline (never in the night).
//   match end: an end-of-relationship evaluation for both sides, when the template asks for one.
//   cohort meetings: the cohort's channel hears 24 h and 1 h before the start (channels have no
//   quiet hours; the meeting time is what it is).
import { DateTime } from 'luxon';
import { evaluationOccasions, nudgeKeys } from './keys.js';
import { atLocalMinute, leaveQuietHours, nextLocalMinute, nudgeMinuteOf, zoneOf } from './local-time.js';
import type { MatchSubject, MeetingSubject, Occurrence, PersonFacts } from './types.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
export const COHORT_LEAD_HOURS = [24, 1] as const;

/** Whole local days from activation to the deadline, at least 1 (7 for a one-week window). */
export function firstCallWindowDays(m: MatchSubject): number | null {
  if (!m.activatedAt || !m.firstCallDueAt) return null;
  return Math.max(1, Math.round((m.firstCallDueAt.getTime() - m.activatedAt.getTime()) / DAY_MS));
}

/** Reminder days before the deadline: day 3 and the day before it, when those differ. */
export function firstCallReminderDays(windowDays: number): number[] {
  return [...new Set([3, windowDays - 1])].filter((d) => d >= 1 && d < windowDays).sort((a, b) => a - b);
}

/** `minute` local on the day `days` after the local date of `from`. */
function localDayAfter(from: Date, person: PersonFacts, days: number): Date {
  const zone = zoneOf(person);
  const day = DateTime.fromJSDate(from, { zone }).startOf('day').plus({ days }).toJSDate();
  return atLocalMinute(day, zone, nudgeMinuteOf(person));
}

const personOccurrence = (person: PersonFacts, o: Omit<Occurrence, 'personId' | 'channel' | 'dueAt'> & { dueAt: Date }): Occurrence | null => {
  const dueAt = leaveQuietHours(o.dueAt, person);
  return dueAt.getTime() < o.expiresAt.getTime() ? { ...o, dueAt, personId: person.id, channel: null } : null;
};

export function firstCallOccurrences(m: MatchSubject): Occurrence[] {
  const days = firstCallWindowDays(m);
  if (days === null || m.status !== 'active' || m.firstCallAt) return [];
  const deadline = m.firstCallDueAt!;
  const base = { kind: 'first-call' as const, refs: { workspaceId: m.workspaceId, matchId: m.id } };
  const reminderDays = firstCallReminderDays(days);
  const found: (Occurrence | null)[] = reminderDays.map((day, i) => {
    const next = reminderDays[i + 1];
    const dueAt = localDayAfter(m.activatedAt!, m.mentor.person, day);
    // A reminder is pointless once the next one (or the deadline) has come.
    const expiresAt = next === undefined ? deadline : localDayAfter(m.activatedAt!, m.mentor.person, next);
    return personOccurrence(m.mentor.person, { ...base, key: nudgeKeys.firstCallReminder(m.id, day), dueAt, expiresAt, refs: { ...base.refs, step: day, role: 'mentor' } });
  });
  const overdue = (person: PersonFacts, key: string, role: 'mentee' | 'coordinator') => {
    const dueAt = nextLocalMinute(deadline, zoneOf(person), nudgeMinuteOf(person));
    return personOccurrence(person, { ...base, key, dueAt, expiresAt: new Date(deadline.getTime() + 7 * DAY_MS), refs: { ...base.refs, step: days, role } });
  };
  found.push(overdue(m.mentee.person, nudgeKeys.firstCallOverdue(m.id, days, 'mentee'), 'mentee'));
  // A program that steps back after the match never tells coordinators about first-call timing.
  if (m.template.participation?.reportsToProgram !== false) for (const c of m.coordinators) found.push(overdue(c, nudgeKeys.firstCallOverdue(m.id, days, `coordinator:${c.id}`), 'coordinator'));
  return found.filter((o): o is Occurrence => o !== null);
}

/** The end-of-relationship evaluation for both sides, the morning after the match ended. */
export function matchEndOccurrences(m: MatchSubject): Occurrence[] {
  if (m.status !== 'ended' || !m.endedAt || !m.template.evaluations?.atEnd) return [];
  const occasion = evaluationOccasions.matchEnd(m.id);
  return [m.mentor, m.mentee].flatMap(({ enrollmentId, person }) => {
    const dueAt = nextLocalMinute(new Date(m.endedAt!.getTime() + HOUR_MS), zoneOf(person), nudgeMinuteOf(person));
    const o = personOccurrence(person, {
      key: nudgeKeys.evaluation(enrollmentId, occasion),
      kind: 'evaluation',
      dueAt,
      expiresAt: new Date(dueAt.getTime() + 14 * DAY_MS),
      refs: { workspaceId: m.workspaceId, enrollmentId, matchId: m.id, occasion },
    });
    return o ? [o] : [];
  });
}

export function meetingOccurrences(meeting: MeetingSubject): Occurrence[] {
  if (meeting.cancelledAt) return [];
  return COHORT_LEAD_HOURS.map((hours, i) => {
    const closer = COHORT_LEAD_HOURS[i + 1];
    return {
      key: nudgeKeys.cohort(meeting.id, hours),
      kind: 'cohort' as const,
      personId: null,
      channel: meeting.channelId,
      dueAt: new Date(meeting.startsAt.getTime() - hours * HOUR_MS),
      // The 24 h reminder gives way to the 1 h one; the 1 h one to the meeting itself.
      expiresAt: new Date(meeting.startsAt.getTime() - (closer ?? 0) * HOUR_MS),
      refs: { workspaceId: meeting.workspaceId, meetingId: meeting.id, step: hours },
    };
  });
}

