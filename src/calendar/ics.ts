// iCalendar text from the core's events, by ical-generator (escaping, folding, VTIMEZONE, SEQUENCE
// and STATUS done by a maintained library, never by hand). Timed events carry the person's zone
// with a VTIMEZONE from timezones-ical-library, so apps show them at local time across DST.
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { CalendarEvent } from '../core/calendar/events.js';

const vtimezone = (zone: string): string | null => {
  const block = tzlib_get_ical_block(zone);
  return Array.isArray(block) && typeof block[0] === 'string' && block[0].startsWith('BEGIN:VTIMEZONE') ? block[0] : null;
};

export function toIcs(name: string, timeZone: string, events: CalendarEvent[], now: Date): string {
  const zone = timeZone === 'UTC' || !vtimezone(timeZone) ? null : timeZone;
  const cal = ical({
    name,
    prodId: { company: 'Trellis', product: 'Trellis mentorship', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 60 * 60 * 4,
    ...(zone ? { timezone: { name: zone, generator: vtimezone } } : {}),
  });
  for (const e of events) {
    const common = { id: e.uid, summary: e.summary, description: e.description, sequence: e.sequence ?? 0, stamp: now, status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED };
    if (e.allDay) {
      // All-day dates are calendar dates, not instants: written as DATE values, the same everywhere.
      cal.createEvent({ ...common, allDay: true, start: DateTime.fromISO(e.startDate, { zone: 'UTC' }), end: DateTime.fromISO(e.endDate, { zone: 'UTC' }), floating: true });
    } else {
      // ical-generator writes a Date's UTC clock time beside the TZID; a zoned luxon DateTime
      // gives it the local wall time, which is what TZID means (tested across DST).
      const at = (d: Date) => (zone ? DateTime.fromJSDate(d, { zone }) : d);
      cal.createEvent({ ...common, start: at(e.start), end: at(e.end), ...(zone ? { timezone: zone } : {}) });
    }
  }
  return cal.toString();
}
