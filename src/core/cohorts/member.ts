import type { ActionSpec, Args, CommandContext, CommandSpec } from '../commands/types.js';
import type { RsvpResponse } from '../domain.js';
import { UserError } from '../errors.js';
import { message, privateReply, type Block, type Outcome } from '../messages/model.js';
import { renderPlain } from '../messages/plain-text.js';
import { actorCohorts, MEETING_CODE, requireMeeting, type MeetingInCohort } from './lookup.js';
import { meetingLine, parseRsvpValue, RESPONSE_WORDS, RSVP_ACTION, rsvpButtons } from './rsvp-buttons.js';

/** RSVP buttons for the next few meetings only: platforms cap buttons per message. */
const WITH_BUTTONS = 3;

async function showCohorts(ctx: CommandContext): Promise<Outcome> {
  const mine = await actorCohorts(ctx);
  if (mine.length === 0) return privateReply(message("You're not in a cohort yet. A coordinator adds members with `/mentor admin cohort add`."));
  const zone = ctx.actor.timeZone;
  const blocks: Block[] = [];
  let buttonRows = 0;
  for (const { cohort, program } of mine) {
    const upcoming = (await ctx.store.cohorts.listMeetings(cohort.id)).filter((m) => !m.cancelledAt && m.startsAt.getTime() > ctx.now.getTime());
    blocks.push({ type: 'heading', text: `Cohort ${cohort.name} — ${program.name}` });
    if (upcoming.length === 0) blocks.push({ type: 'text', text: 'No upcoming meetings.' });
    for (const meeting of upcoming) {
      const answer = (await ctx.store.cohorts.rsvps(meeting.id)).find((r) => r.personId === ctx.actor.id);
      blocks.push({ type: 'text', text: `${meetingLine(meeting, zone)} · you: ${answer ? RESPONSE_WORDS[answer.response] : 'no answer yet'}` });
      if (buttonRows++ < WITH_BUTTONS) blocks.push({ type: 'actions', buttons: rsvpButtons(meeting.id) });
    }
  }
  blocks.push({ type: 'text', text: 'Answer with the buttons or `/mentor cohort rsvp <meeting> yes|no|maybe` (the code is the first word of each meeting).' });
  return privateReply(message(renderPlain(blocks), blocks));
}

async function recordRsvp(ctx: CommandContext, { meeting, cohort }: MeetingInCohort, response: RsvpResponse): Promise<Outcome> {
  if (meeting.cancelledAt) throw new UserError('That meeting was cancelled.', { code: 'MEETING_CANCELLED' });
  if (meeting.startsAt.getTime() <= ctx.now.getTime()) throw new UserError('That meeting has already started, so it no longer takes RSVPs.', { code: 'MEETING_STARTED' });
  await ctx.store.cohorts.rsvp(meeting.id, ctx.actor.id, response, ctx.now);
  return privateReply(message(`Thanks — you're down as "${RESPONSE_WORDS[response]}" for cohort "${cohort.name}": ${meetingLine(meeting, ctx.actor.timeZone)}.`));
}

/** As typed: the router accepts only these. */
const ANSWERS: readonly RsvpResponse[] = ['yes', 'no', 'maybe'];

async function rsvpCommand(ctx: CommandContext, args: Args): Promise<Outcome> {
  const mine = (await actorCohorts(ctx)).map((c) => c.cohort);
  if (mine.length === 0) throw new UserError("You're not in a cohort, so there's no meeting to answer.", { code: 'NOT_MEMBER' });
  const found = await requireMeeting(ctx, mine, args.requiredString('meeting'));
  const answer = args.requiredString('answer');
  return recordRsvp(ctx, found, ANSWERS.find((a) => a === answer)!);
}

/** The same buttons appear in channel posts anyone can see, so membership is checked on every press. */
async function rsvpAction(ctx: CommandContext, value: string): Promise<Outcome> {
  const parsed = parseRsvpValue(value);
  const meeting = parsed && (await ctx.store.cohorts.getMeeting(parsed.meetingId));
  if (!parsed || !meeting) throw new UserError('That meeting no longer exists. `/mentor cohort` shows your upcoming meetings.', { code: 'UNKNOWN_MEETING' });
  const cohort = (await actorCohorts(ctx)).find((c) => c.cohort.id === meeting.cohortId)?.cohort;
  if (!cohort) throw new UserError("That meeting is for a cohort you're not in. A coordinator can add you with `/mentor admin cohort add`.", { code: 'NOT_MEMBER' });
  return recordRsvp(ctx, { meeting, cohort }, parsed.response);
}

// Both span every program the person is in, and cohort members may be supervisors as well as
// mentors and mentees: membership is what counts, and it is checked here, so anyone may ask.
export const memberCommands: CommandSpec[] = [
  { path: ['cohort'], summary: 'your cohorts and their upcoming peer meetings, with RSVP', args: [], requires: 'anyone', run: showCohorts },
  {
    path: ['cohort', 'rsvp'],
    summary: 'answer a cohort meeting invitation by its code',
    args: [
      MEETING_CODE,
      { name: 'answer', kind: 'choice', description: 'whether you are coming', choices: ANSWERS },
    ],
    requires: 'anyone',
    run: rsvpCommand,
  },
];

// An RSVP post is shared by the whole channel: its buttons stay for the others.
export const memberActions: ActionSpec[] = [
  {
    action: RSVP_ACTION,
    async run(ctx, value) {
      const outcome = await rsvpAction(ctx, value);
      return { ...outcome, reply: { ...outcome.reply, pressed: { keepButtons: true } } };
    },
  },
];
