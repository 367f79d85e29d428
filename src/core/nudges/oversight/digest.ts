// One weekly digest per mentor or supervisor (per person and workspace, across all their
// trainees): what waits for them — calls to confirm, portfolio items to verify, debriefs asked
// for — and each trainee's finished weeks that had no hours or closed a supervision period
// without a call. On the person's chosen weekday and minute, once per week of their own
// calendar (the key names the ISO week, so a changed weekday never brings a second one); at
// delivery, nothing waiting means nothing is sent. Counts and reasons only, never anyone's words.
import { DateTime } from 'luxon';
import { isPausedAt } from '../../clock/index.js';
import { CHECK_IN_LABELS } from '../../check-ins/debrief.js';
import { nudgeKeys } from '../keys.js';
import { atLocalMinute, leaveQuietHours, nudgeMinuteOf, nudgeWeekdayOf, zoneOf } from '../local-time.js';
import { rhythmOf, weekAt, weekEnd } from '../rhythm.js';
import type { DigestSubject, DigestTrainee, Occurrence, PersonFacts, PlanWindow } from '../types.js';
import { traineeWeeks, weeksLabel } from './trainee-weeks.js';

const WEEK_LABEL = "kkkk-'W'WW";

/** The digest of the ISO week `isoWeek` (`2026-W10`) in the person's zone. */
export function digestAt(person: PersonFacts, workspaceId: string, isoWeek: string): Occurrence | null {
  const zone = zoneOf(person);
  const monday = DateTime.fromISO(`${isoWeek}-1`, { zone });
  if (!monday.isValid) return null;
  const day = monday.plus({ days: nudgeWeekdayOf(person) - 1 }).toJSDate();
  const dueAt = leaveQuietHours(atLocalMinute(day, zone, nudgeMinuteOf(person)), person);
  const expiresAt = monday.plus({ weeks: 1 }).toJSDate();
  if (dueAt.getTime() >= expiresAt.getTime()) return null;
  const refs = { workspaceId, occasion: isoWeek };
  return { key: nudgeKeys.digest(person.id, workspaceId, isoWeek), kind: 'digest', personId: person.id, channel: null, dueAt, expiresAt, refs };
}

/** The digests of the weeks around a planning window; the caller keeps those inside it. */
export function digestOccurrences(s: DigestSubject, window: Pick<PlanWindow, 'from' | 'to'>): Occurrence[] {
  const zone = zoneOf(s.person);
  const found: Occurrence[] = [];
  for (let week = DateTime.fromJSDate(window.from, { zone }).startOf('week').minus({ weeks: 1 }); week.toMillis() < window.to.getTime(); week = week.plus({ weeks: 1 })) {
    const o = digestAt(s.person, s.workspaceId, week.toFormat(WEEK_LABEL));
    if (o) found.push(o);
  }
  return found;
}

export interface DigestEntry {
  trainee: DigestTrainee;
  lines: string[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Is the trainee resting now — paused by themselves, or on one of their program's holidays (those
 * that stop the clock are pauses too)? Then the digest says nothing of their weeks: they are on a
 * break, and their mentor hears of it when they are back. What waits for the mentor still shows.
 */
export function restingNow(e: DigestTrainee['enrollment'], now: Date): boolean {
  const t = now.getTime();
  return e.status === 'paused' || isPausedAt(e.pauses, now) || (e.holds ?? []).some((h) => h.start.getTime() <= t && t < h.end.getTime());
}

/** What one trainee's finished weeks in (since, now] showed: hour-less weeks and missed periods. */
function weekLines(t: DigestTrainee, since: Date, now: Date): string[] {
  const r = rhythmOf(t.enrollment);
  if (!r || restingNow(t.enrollment, now)) return [];
  const weeks = traineeWeeks(r, t.calls, t.careSince);
  const lines: string[] = [];
  const last = Math.min(weekAt(r, now) - 1, t.enrollment.template.weeks ?? Infinity);
  for (let week = Math.max(1, weekAt(r, since) - 1); week <= last; week++) {
    const end = weekEnd(r, week);
    if (!end || end.getTime() <= since.getTime() || end.getTime() > now.getTime()) continue;
    const check = weeks.check(week);
    if (check.hourless) lines.push(`No hours logged in week ${week}${check.hoursStreak > 1 ? ` (${check.hoursStreak} weeks in a row)` : ''}.`);
    if (check.missedPeriod) lines.push(`No supervision call in ${weeksLabel(check.missedPeriod)}${check.supervisionStreak > 1 ? ` (${check.supervisionStreak} periods in a row)` : ''}.`);
  }
  return lines;
}

/**
 * Each trainee with what the digest says about them, those with nothing left out. `since` is a
 * week before the digest's planned time, so consecutive digests cover the weeks between them.
 */
export function digestEntries(trainees: readonly DigestTrainee[], since: Date, now: Date): DigestEntry[] {
  const entries: DigestEntry[] = [];
  for (const t of trainees) {
    const lines: string[] = [];
    if (t.matchId && t.callsToConfirm) lines.push(`${plural(t.callsToConfirm, 'call')} ${t.name} logged with you to confirm — the Confirm buttons are in your messages.`);
    if (t.matchId && t.itemsToVerify) lines.push(`${plural(t.itemsToVerify, 'portfolio item')} to verify: \`/mentor portfolio review @${t.name}\`.`);
    if (t.supervises) {
      for (const c of t.checkIns.filter((c) => c.at.getTime() > since.getTime() && c.at.getTime() <= now.getTime())) lines.push(`Asked you for a debrief: ${CHECK_IN_LABELS[c.reason]}.`);
    }
    lines.push(...weekLines(t, since, now));
    if (lines.length) entries.push({ trainee: t, lines });
  }
  return entries;
}
