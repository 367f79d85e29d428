// A participant's own program dates: supervision periods (timed at their chosen weekday and time,
// or all-day spans without a choice), the final case review window, and the program's holidays.
import { DateTime } from 'luxon';
import { periodBounds, supervisionPeriods, weeksSpan, type ClockContext } from '../clock/index.js';
import type { Person } from '../domain.js';
import type { ProgramTemplate } from '../programs/template-schema.js';
import { localDate } from '../time/local-date.js';
import { eventUid, type CalendarEvent } from './events.js';

const CADENCE_WORDS = { weekly: 'weekly', biweekly: 'every two weeks', monthly: 'every four weeks' } as const;

/** The first local day in [start, end) on the person's chosen weekday, at their chosen minute. */
function chosenMoment(start: Date, end: Date, person: Person): Date | null {
  let day = DateTime.fromJSDate(start, { zone: person.timeZone }).startOf('day');
  for (let i = 0; i < 31 && day.toJSDate() < end; i++, day = day.plus({ days: 1 })) {
    if (day.weekday === person.nudgeWeekday) return day.plus({ minutes: person.nudgeMinute ?? 0 }).toJSDate();
  }
  return null;
}

export function supervisionEvents(clock: ClockContext, person: Person, enrollmentId: string, from: Date, until: Date): CalendarEvent[] {
  const weeks = clock.template.weeks ?? 104;
  const events: CalendarEvent[] = [];
  for (const period of supervisionPeriods(clock.template, weeks)) {
    const span = periodBounds(clock, period);
    if (!span || span.end <= from || span.start >= until) continue;
    const phase = clock.template.phases.find((p) => p.key === period.phaseKey);
    const cadence = phase && phase.supervision.cadence !== 'none' ? CADENCE_WORDS[phase.supervision.cadence] : '';
    const weeksText = period.startWeek === period.endWeek ? `week ${period.startWeek}` : `weeks ${period.startWeek}–${period.endWeek}`;
    const base = { uid: eventUid('supervision', `${enrollmentId}-p${period.index}`), summary: `Supervision call (${weeksText})`, description: `One ${period.callMinutes}-minute supervision call in this period (${phase?.name ?? ''}, ${cadence}).` };
    const at = person.nudgeWeekday && person.nudgeMinute !== null ? chosenMoment(span.start, span.end, person) : null;
    events.push(at
      ? { ...base, allDay: false, start: at, end: new Date(at.getTime() + Math.max(period.callMinutes, 15) * 60_000), timeZone: person.timeZone }
      : { ...base, allDay: true, startDate: localDate(span.start, person.timeZone), endDate: localDate(span.end, person.timeZone) });
  }
  return events;
}

export function finalReviewEvent(clock: ClockContext, enrollmentId: string, from: Date): CalendarEvent[] {
  const review = clock.template.finalCaseReview;
  if (!review) return [];
  // The window opens two weeks before the week it is due, as the reminder does.
  const span = weeksSpan(clock, Math.max(1, review.weekDue - 2), review.weekDue);
  if (!span || span.end <= from) return [];
  return [{
    uid: eventUid('final-review', enrollmentId),
    summary: `Final case review: ${review.cases} case records due`,
    allDay: true,
    startDate: localDate(span.start, clock.timeZone),
    endDate: localDate(span.end, clock.timeZone),
  }];
}

export function holidayEvents(template: ProgramTemplate, programId: string, from: Date, zone: string): CalendarEvent[] {
  const today = localDate(from, zone);
  return (template.holidays ?? []).filter((h) => h.date >= today).map((h) => ({
    uid: eventUid('holiday', `${programId}-${h.date}`),
    summary: `${h.name} (no program activities)`,
    allDay: true,
    startDate: h.date,
    endDate: DateTime.fromISO(h.date).plus({ days: 1 }).toISODate()!,
  }));
}
