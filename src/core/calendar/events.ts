// What a calendar shows, as plain data: the web process turns these into iCalendar with a library.
// Timed events carry the zone they are meant in, so apps show them at the person's local time.

/** A day-long span: `endDate` is exclusive, as iCalendar's DTEND for all-day events. */
export interface AllDayEvent {
  allDay: true;
  startDate: string;
  endDate: string;
}

export interface TimedEvent {
  allDay: false;
  start: Date;
  end: Date;
  /** IANA zone the event is shown in (the person's zone, or the meeting's viewer's). */
  timeZone: string;
}

export type CalendarEvent = (AllDayEvent | TimedEvent) & {
  /** Stable across changes: calendars replace the event with the same UID and a higher sequence. */
  uid: string;
  summary: string;
  description?: string;
  sequence?: number;
  cancelled?: boolean;
};

/** UIDs live in Trellis's own namespace so they never collide with other calendars' events. */
export const eventUid = (kind: string, id: string): string => `${kind}-${id}@trellis`;
