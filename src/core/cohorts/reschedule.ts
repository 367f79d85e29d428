// Moving or cancelling a meeting: the channel hears of it, reminders follow (they are planned from
// the meeting row), and the meeting's sequence rises so calendars that added its .ics update.
import { scopeOf, type ArgSpec, type Args, type CommandContext, type CommandSpec } from '../commands/types.js';
import { message, privateReply, type Block, type Outcome } from '../messages/model.js';
import { renderPlain } from '../messages/plain-text.js';
import { calendarLinks } from './announce.js';
import { requireMeeting } from './lookup.js';
import { meetingStart, TIME } from './meetings.js';
import { meetingLine } from './rsvp-buttons.js';
import { requireFuture } from './when.js';

const MEETING: ArgSpec = { name: 'meeting', kind: 'word', description: 'the meeting code, e.g. 3f9a2c (from /mentor admin cohort list)' };

async function findMeeting(ctx: CommandContext, args: Args) {
  const { program } = scopeOf(ctx);
  const found = await requireMeeting(ctx, await ctx.store.cohorts.listForProgram(program.id), args.requiredString('meeting'));
  requireFuture(found.meeting.startsAt, ctx.now, ctx.usage);
  return found;
}

function channelPost(ctx: CommandContext, channelId: string, blocks: Block[]) {
  return { to: { kind: 'channel' as const, workspaceId: ctx.workspace.id, channelId }, message: message(renderPlain(blocks), blocks) };
}

async function move(ctx: CommandContext, args: Args): Promise<Outcome> {
  const { meeting, cohort } = await findMeeting(ctx, args);
  const zone = ctx.actor.timeZone;
  const at = meetingStart(ctx, args, 'date');
  requireFuture(at, ctx.now, ctx.usage);
  const moved = await ctx.store.cohorts.moveMeeting(meeting.id, at);
  const blocks: Block[] = [
    { type: 'heading', text: `Cohort ${cohort.name}: a peer meeting has moved` },
    { type: 'text', text: `Now ${meetingLine(moved, zone)} (was ${meetingLine(meeting, zone).split(' · ')[1]}). Calendars that added it update by themselves.` },
    ...calendarLinks([moved], ctx.links),
  ];
  return privateReply(message(`Moved: ${meetingLine(moved, zone)}. I've told the cohort's channel.`), [channelPost(ctx, cohort.channelId, blocks)]);
}

async function cancel(ctx: CommandContext, args: Args): Promise<Outcome> {
  const { meeting, cohort } = await findMeeting(ctx, args);
  const zone = ctx.actor.timeZone;
  const cancelled = await ctx.store.cohorts.cancelMeeting(meeting.id, ctx.now);
  const blocks: Block[] = [
    { type: 'heading', text: `Cohort ${cohort.name}: a peer meeting is cancelled` },
    { type: 'text', text: `${meetingLine(cancelled, zone)} will not take place. Calendars that added it show it as cancelled.` },
  ];
  return privateReply(message(`Cancelled: ${meetingLine(cancelled, zone)}. I've told the cohort's channel; its reminders will not go out.`), [channelPost(ctx, cohort.channelId, blocks)]);
}

export const rescheduleCommands: CommandSpec[] = [
  {
    path: ['admin', 'cohort', 'move'],
    summary: 'move a peer meeting to another day and time (in your zone); calendars update',
    args: [MEETING, { name: 'date', kind: 'date', description: 'the new day: YYYY-MM-DD or today' }, TIME],
    requires: 'coordinator',
    run: move,
  },
  {
    path: ['admin', 'cohort', 'cancel'],
    summary: 'cancel a peer meeting; its reminders stop and calendars show it cancelled',
    args: [MEETING],
    requires: 'coordinator',
    run: cancel,
  },
];
