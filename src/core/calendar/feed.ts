// A person's private feed, read through the store's ports: their upcoming supervision periods,
// first-call deadlines, cohort meetings, final case review and their programs' holidays.
// Never notes, reflections, names of others or phone numbers: a feed can end up anywhere.
import type { ClockContext } from '../clock/index.js';
import type { Enrollment, Program } from '../domain.js';
import type { Store } from '../ports/repositories.js';
import { eventUid, type CalendarEvent } from './events.js';
import { meetingEvent } from './meeting-event.js';
import { finalReviewEvent, holidayEvents, supervisionEvents } from './rhythm-events.js';

/** How far ahead the feed looks; calendar apps re-read it every few hours. */
export const FEED_HORIZON_DAYS = 183;
const LIVE = new Set(['active', 'paused']);

export interface Feed {
  name: string;
  timeZone: string;
  events: CalendarEvent[];
}

async function firstCallEvents(store: Store, e: Enrollment, zone: string, now: Date): Promise<CalendarEvent[]> {
  const matches = await store.matches.listForEnrollment(e.id);
  return matches
    .filter((m) => m.status === 'active' && m.firstCallDueAt && !m.firstCallAt && m.firstCallDueAt > now)
    .map((m) => ({
      uid: eventUid('first-call', m.id),
      summary: e.role === 'mentor' ? 'First call with your new mentee is due' : 'First call with your mentor is due',
      allDay: false as const,
      start: new Date(m.firstCallDueAt!.getTime() - 30 * 60_000),
      end: m.firstCallDueAt!,
      timeZone: zone,
    }));
}

async function enrollmentEvents(store: Store, e: Enrollment, program: Program, zone: string, now: Date, until: Date): Promise<CalendarEvent[]> {
  const person = (await store.people.get(e.personId))!;
  const clock: ClockContext | null = e.startDate ? { startDate: e.startDate, timeZone: zone, pauses: e.pauses, template: program.template } : null;
  const own = clock && e.role === 'mentee' ? [...supervisionEvents(clock, person, e.id, now, until), ...finalReviewEvent(clock, e.id, now)] : [];
  const meetings: CalendarEvent[] = [];
  for (const cohort of await store.cohorts.listForEnrollment(e.id)) {
    for (const m of await store.cohorts.listMeetings(cohort.id)) {
      const end = m.startsAt.getTime() + m.durationMinutes * 60_000;
      if (end > now.getTime() && m.startsAt < until) meetings.push(meetingEvent(m, cohort.name, zone));
    }
  }
  return [...own, ...(await firstCallEvents(store, e, zone, now)), ...meetings, ...holidayEvents(program.template, program.id, now, zone)];
}

export async function loadFeed(store: Store, personId: string, now: Date): Promise<Feed | null> {
  const person = await store.people.get(personId);
  if (!person || person.withdrawnAt) return null;
  const until = new Date(now.getTime() + FEED_HORIZON_DAYS * 86_400_000);
  const events = new Map<string, CalendarEvent>();
  for (const e of (await store.enrollments.listForPerson(personId)).filter((x) => LIVE.has(x.status) && x.role !== 'coordinator')) {
    const program = await store.programs.get(e.programId);
    if (!program) continue;
    // A person in two roles or cohorts of one program sees each date once (same UID).
    for (const event of await enrollmentEvents(store, e, program, person.timeZone, now, until)) events.set(event.uid, event);
  }
  return { name: 'Trellis', timeZone: person.timeZone, events: [...events.values()] };
}
