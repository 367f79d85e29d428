import type { Cohort, CohortMeeting } from '../domain.js';
import { message, type Block, type Outbound } from '../messages/model.js';
import { renderPlain } from '../messages/plain-text.js';
import type { PublicLinks } from '../ports/links.js';
import { rsvpButtons } from './rsvp-buttons.js';
import { meetingCode } from './when.js';

/**
 * The channel post for newly scheduled meetings: times and codes, RSVP buttons for the first.
 * Never anything private — a channel is read by people outside the cohort too.
 */
export function meetingAnnouncement(workspaceId: string, cohort: Cohort, meetings: CohortMeeting[], zone: string, links?: Pick<PublicLinks, 'meetingInvite'>): Outbound {
  const first = meetings[0]!;
  const blocks: Block[] = [
    { type: 'heading', text: meetings.length === 1 ? `Cohort ${cohort.name}: a peer meeting is scheduled` : `Cohort ${cohort.name}: ${meetings.length} peer meetings are scheduled` },
    // One time element per meeting, so each reader sees the start in their own zone.
    ...meetings.map((m): Block => ({ type: 'time', at: m.startsAt.toISOString(), before: `• ${meetingCode(m.id)} · `, after: ` · ${m.title} · ${m.durationMinutes} min`, fallbackZone: zone })),
    { type: 'text', text: `Members, RSVP with the buttons${meetings.length > 1 ? ' (for the first meeting)' : ''} or with \`/mentor cohort rsvp ${meetingCode(first.id)} yes|no|maybe\`. \`/mentor cohort\` shows every meeting in your own time zone.` },
    ...calendarLinks(meetings, links),
    { type: 'actions', buttons: rsvpButtons(first.id) },
  ];
  return { to: { kind: 'channel', workspaceId, channelId: cohort.channelId }, message: message(renderPlain(blocks), blocks) };
}

/** "Add to calendar" per meeting: the .ics updates itself when the meeting moves or is cancelled. */
export function calendarLinks(meetings: CohortMeeting[], links?: Pick<PublicLinks, 'meetingInvite'>): Block[] {
  if (!links) return [];
  if (meetings.length === 1) return [{ type: 'text', text: `Add to calendar: ${links.meetingInvite(meetings[0]!.id)}` }];
  return [{ type: 'text', text: 'Add to calendar:' }, { type: 'list', items: meetings.map((m) => `${meetingCode(m.id)}: ${links.meetingInvite(m.id)}`) }];
}

export function channelNotice(workspaceId: string, cohort: Cohort, text: string): Outbound {
  return { to: { kind: 'channel', workspaceId, channelId: cohort.channelId }, message: message(text) };
}
