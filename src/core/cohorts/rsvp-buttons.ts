// The RSVP button contract: action `cohort.rsvp`, value `<meetingId>:yes|no|maybe`. The nudge
// engine puts the same buttons in its meeting reminders, so keep this shape stable.
import type { CohortMeeting, RsvpResponse } from '../domain.js';
import type { Button } from '../messages/model.js';
import { formatLocal } from '../time/local-date.js';
import { meetingCode } from './when.js';

export const RSVP_ACTION = 'cohort.rsvp';
export const RSVP_RESPONSES: readonly RsvpResponse[] = ['yes', 'maybe', 'no'];

export function rsvpButtons(meetingId: string): Button[] {
  return [
    { action: RSVP_ACTION, value: `${meetingId}:yes`, label: 'Going', style: 'primary' },
    { action: RSVP_ACTION, value: `${meetingId}:maybe`, label: 'Maybe' },
    { action: RSVP_ACTION, value: `${meetingId}:no`, label: "Can't make it" },
  ];
}

export function parseRsvpValue(value: string): { meetingId: string; response: RsvpResponse } | null {
  const match = /^([0-9a-f-]{36}):(yes|no|maybe)$/i.exec(value.trim());
  return match ? { meetingId: match[1]!.toLowerCase(), response: match[2]!.toLowerCase() as RsvpResponse } : null;
}

/** `3f9a2c · Tue 7 Apr 2026, 18:30 (Europe/London) · Peer meeting · 60 min` */
export function meetingLine(meeting: CohortMeeting, zone: string): string {
  return `${meetingCode(meeting.id)} · ${formatLocal(meeting.startsAt, zone)} (${zone}) · ${meeting.title} · ${meeting.durationMinutes} min`;
}

export const RESPONSE_WORDS: Record<RsvpResponse, string> = { yes: 'going', maybe: 'maybe', no: "can't make it" };
