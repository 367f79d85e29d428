import type { CohortMeeting } from '../domain.js';
import { eventUid, type CalendarEvent } from './events.js';

/**
 * One cohort meeting as an event: the invite and every feed use the same UID, so a calendar that
 * has it from either place replaces it when the meeting moves (higher sequence) or is cancelled.
 * Only the title and the cohort's name: a meeting has no private text.
 */
export function meetingEvent(meeting: CohortMeeting, cohortName: string, timeZone: string): CalendarEvent {
  return {
    uid: eventUid('meeting', meeting.id),
    summary: `${cohortName}: ${meeting.title}`,
    description: `Peer cohort meeting of ${cohortName} (${meeting.durationMinutes} min).`,
    allDay: false,
    start: meeting.startsAt,
    end: new Date(meeting.startsAt.getTime() + meeting.durationMinutes * 60_000),
    timeZone,
    sequence: meeting.sequence ?? 0,
    cancelled: meeting.cancelledAt !== null,
  };
}
