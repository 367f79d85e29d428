// The program-rhythm nudges of one enrollment, each anchored to a local day of the program clock
// (so pauses shift them) and to the person's chosen local minute (so DST does not):
//   supervision   one per supervision period, on the person's chosen weekday, first one in the period
//   phase         the first day of every phase: a welcome with what the first one is about at the
//                 program's start (trainees and mentors), then the new rhythm and commitment
//   reflection    day 4 of each program week; its one follow-up on day 7 of the same week
//   hours-summary day 1 of the next week, for the week just finished (phases with a commitment)
//   final-case-review  the first day of the week two weeks before the review is due
//   evaluation    the day after every `everyWeeks` weeks, and the day after the program ends
import {
  activeDaysAt,
  calendarOffset,
  instantOfActiveDay,
  phaseForWeek,
  supervisionPeriods,
  type ProgramCalendar,
  type SupervisionPeriod,
} from '../clock/index.js';
import { PROMPTED_ROLES } from '../reflections/roles.js';
import { evaluationOccasions, nudgeKeys } from './keys.js';
import { atLocalMinute, leaveQuietHours, localWeekday, memo, nudgeMinuteOf, nudgeWeekdayOf, zoneOf } from './local-time.js';
import type { EnrollmentSubject, NudgeKind, NudgeRefs, Occurrence } from './types.js';

const DAY_MS = 86_400_000;

/** Participants get the rhythm; mentors get the pair's nudges (first call) and evaluations. */
export const RHYTHM_ROLES: ReadonlySet<string> = new Set(['mentee']);
export const EVALUATION_ROLES: ReadonlySet<string> = new Set(['mentee', 'mentor']);
/** Who is welcomed at the program's start with what its first phase is about. */
export const WELCOME_ROLES: ReadonlySet<string> = new Set(['mentee', 'mentor']);

export interface Rhythm {
  e: EnrollmentSubject;
  cal: ProgramCalendar;
  zone: string;
  minute: number;
  /** Local midnight of each active day asked for so far: the same days are needed many times. */
  midnights: Map<number, Date | null>;
  /** Days since 1970-01-01 of the start date (NaN when it is not a valid date). */
  startDay: number;
}

export function rhythmOf(e: EnrollmentSubject): Rhythm | null {
  if (!e.startDate) return null;
  const zone = zoneOf(e.person);
  return { e, zone, minute: nudgeMinuteOf(e.person), cal: { startDate: e.startDate, timeZone: zone, pauses: e.pauses }, midnights: new Map(), startDay: epochDayOf(e.startDate) };
}

/** Days since 1970-01-01 of a valid 'YYYY-MM-DD'; NaN otherwise (the program clock then says why). */
function epochDayOf(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return NaN;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().startsWith(date) ? ms / DAY_MS : NaN;
}

// Without pauses, active day d is simply the local date startDate + d, and its midnight is the
// same instant for everyone in that zone, whatever day they started: remembered by (zone, date),
// a week's planning for 100,000 people asks for a few hundred of them.
const isoDay = (epochDay: number) => new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
const midnightOfDate = memo(100_000, (zone, epochDay) => instantOfActiveDay({ timeZone: zone, startDate: isoDay(epochDay), pauses: [] }, 0)!.getTime());

/** Local midnight that starts active day `day` (0-based); null behind an open pause. */
export function midnightOf(r: Rhythm, day: number): Date | null {
  if (r.cal.pauses.length === 0 && Number.isFinite(r.startDay)) return new Date(midnightOfDate(r.zone, r.startDay + day));
  let midnight = r.midnights.get(day);
  if (midnight === undefined) {
    midnight = instantOfActiveDay(r.cal, day);
    r.midnights.set(day, midnight);
  }
  return midnight;
}

/** The person's chosen minute on the local day that is active day `day` (0-based). */
export function dayAt(r: Rhythm, day: number): Date | null {
  const midnight = midnightOf(r, day);
  return midnight && atLocalMinute(midnight, r.zone, r.minute);
}

/** Local midnight that starts program week `week`; null behind an open pause. */
export const weekStart = (r: Rhythm, week: number) => midnightOf(r, (week - 1) * 7);
export const weekEnd = (r: Rhythm, week: number) => midnightOf(r, week * 7);

/** The local date of an instant in a zone, as days since 1970-01-01: shared by everyone in the zone. */
const localEpochDay = memo(100_000, (zone, at) => calendarOffset({ timeZone: zone, startDate: '1970-01-01', pauses: [] }, new Date(at)));

/** Program week containing `t` (1 before the start). */
export function weekAt(r: Rhythm, t: Date): number {
  // Without pauses, active days are calendar days since the start date.
  const days = r.cal.pauses.length === 0 && Number.isFinite(r.startDay) ? localEpochDay(r.zone, t.getTime()) - r.startDay : activeDaysAt(r.cal, t);
  return days < 0 ? 1 : Math.floor(days / 7) + 1;
}

export function occurrence(r: Rhythm, kind: NudgeKind, key: string, due: Date | null, expires: Date | null, refs: NudgeRefs): Occurrence | null {
  if (!due || !expires) return null;
  const dueAt = leaveQuietHours(due, r.e.person);
  if (dueAt.getTime() >= expires.getTime()) return null;
  return { key, kind, personId: r.e.person.id, channel: null, dueAt, expiresAt: expires, refs: { workspaceId: r.e.workspaceId, enrollmentId: r.e.id, ...refs } };
}

export function supervisionPeriodsUpTo(r: Rhythm, week: number): SupervisionPeriod[] {
  return supervisionPeriods(r.e.template, r.e.template.weeks === undefined ? Math.max(week, 1) : undefined);
}

/** First local day of the period that is the person's chosen weekday, at their chosen minute. */
export function supervisionAt(r: Rhythm, period: SupervisionPeriod): Occurrence | null {
  const start = weekStart(r, period.startWeek);
  const end = weekEnd(r, period.endWeek);
  if (!start || !end) return null;
  const weekday = nudgeWeekdayOf(r.e.person);
  const first = (period.startWeek - 1) * 7;
  // Without a pause inside the period, consecutive active days are consecutive weekdays, so the
  // day can be computed; a pause breaks that, and then the days are walked one by one.
  const guess = first + ((weekday - localWeekday(start, r.zone) + 7) % 7);
  const guessed = midnightOf(r, guess);
  let due: Date | null = guessed && localWeekday(guessed, r.zone) === weekday ? atLocalMinute(guessed, r.zone, r.minute) : null;
  for (let day = first; day < period.endWeek * 7 && !due; day++) {
    const midnight = midnightOf(r, day);
    if (midnight && localWeekday(midnight, r.zone) === weekday) due = atLocalMinute(midnight, r.zone, r.minute);
  }
  const refs = { periodIndex: period.index, week: period.startWeek, phaseKey: period.phaseKey };
  return occurrence(r, 'supervision', nudgeKeys.supervision(r.e.id, period.index), due, end, refs);
}

export function phaseAt(r: Rhythm, phaseIndex: number): Occurrence | null {
  const phase = r.e.template.phases[phaseIndex];
  if (!phase || phaseIndex < 0) return null;
  const refs = { phaseKey: phase.key, week: phase.startWeek };
  return occurrence(r, 'phase', nudgeKeys.phase(r.e.id, phase.key), dayAt(r, (phase.startWeek - 1) * 7), weekEnd(r, phase.startWeek), refs);
}

export function reflectionAt(r: Rhythm, week: number, followup: boolean): Occurrence | null {
  const phase = phaseForWeek(r.e.template, week);
  if (!phase || phase.promptBank.length === 0) return null;
  const key = followup ? nudgeKeys.reflectionFollowup(r.e.id, week) : nudgeKeys.reflection(r.e.id, week);
  const due = dayAt(r, (week - 1) * 7 + (followup ? 6 : 3));
  return occurrence(r, followup ? 'reflection-followup' : 'reflection', key, due, weekEnd(r, week), { week, phaseKey: phase.key });
}

export function hoursSummaryAt(r: Rhythm, week: number): Occurrence | null {
  const phase = phaseForWeek(r.e.template, week);
  if (!phase?.weeklyHours) return null;
  const due = dayAt(r, week * 7);
  const expires = midnightOf(r, week * 7 + 3);
  return occurrence(r, 'hours-summary', nudgeKeys.hoursSummary(r.e.id, week), due, expires, { week, phaseKey: phase.key });
}

/** The week the final-case-review reminder goes out: two weeks ahead of the review. */
export const finalReviewReminderWeek = (weekDue: number): number => Math.max(1, weekDue - 2);

export function finalCaseReviewAt(r: Rhythm): Occurrence | null {
  const review = r.e.template.finalCaseReview;
  if (!review) return null;
  const week = finalReviewReminderWeek(review.weekDue);
  return occurrence(r, 'final-case-review', nudgeKeys.finalCaseReview(r.e.id), dayAt(r, (week - 1) * 7), weekEnd(r, review.weekDue), { week });
}

/** `week` is the last week covered: periodic surveys after every N weeks, or the program's end. */
export function evaluationAt(r: Rhythm, week: number, atProgramEnd: boolean): Occurrence | null {
  const evaluations = r.e.template.evaluations;
  if (!evaluations) return null;
  const occasion = atProgramEnd ? evaluationOccasions.programEnd() : evaluationOccasions.periodic(week);
  const due = dayAt(r, week * 7);
  const expires = due && new Date(due.getTime() + 14 * DAY_MS);
  return occurrence(r, 'evaluation', nudgeKeys.evaluation(r.e.id, occasion), due, expires, { week, occasion });
}

/** Every rhythm occurrence whose week lies in [fromWeek, toWeek]; the caller filters by time. */
export function rhythmOccurrences(r: Rhythm, fromWeek: number, toWeek: number): Occurrence[] {
  const { template, role } = r.e;
  const last = template.weeks ?? Infinity;
  const to = Math.min(toWeek, last);
  const found: (Occurrence | null)[] = [];
  if (RHYTHM_ROLES.has(role)) {
    for (const p of supervisionPeriodsUpTo(r, to)) if (p.endWeek >= fromWeek && p.startWeek <= to) found.push(supervisionAt(r, p));
    for (let w = fromWeek; w <= to; w++) {
      if (PROMPTED_ROLES.includes(role)) found.push(reflectionAt(r, w, false), reflectionAt(r, w, true));
      found.push(hoursSummaryAt(r, w));
    }
    const review = template.finalCaseReview;
    if (review && finalReviewReminderWeek(review.weekDue) >= fromWeek && finalReviewReminderWeek(review.weekDue) <= to) found.push(finalCaseReviewAt(r));
  }
  // The first phase is announced to everyone starting it (a welcome); later ones to trainees.
  template.phases.forEach((p, i) => {
    if ((i === 0 ? WELCOME_ROLES : RHYTHM_ROLES).has(role) && p.startWeek >= fromWeek && p.startWeek <= to) found.push(phaseAt(r, i));
  });
  if (EVALUATION_ROLES.has(role) && template.evaluations) {
    const every = template.evaluations.everyWeeks;
    for (let w = Math.max(every, Math.ceil(fromWeek / every) * every); w <= to && w < last; w += every) found.push(evaluationAt(r, w, false));
    if (template.evaluations.atEnd && last >= fromWeek && last <= to) found.push(evaluationAt(r, last, true));
  }
  return found.filter((o): o is Occurrence => o !== null);
}

