import type { CommandContext, CommandSpec } from '../commands/types.js';
import type { CohortMeeting } from '../domain.js';
import { UserError } from '../errors.js';
import { message, privateReply, type Block, type Outcome } from '../messages/model.js';
import { renderPlain } from '../messages/plain-text.js';
import { meetingAnnouncement } from './announce.js';
import { coordinatedProgram, refuseExtra } from './coordinated.js';
import { requireCohort } from './lookup.js';
import { meetingLine } from './rsvp-buttons.js';
import { cohortPhase, parseLocalDateTime, parseMeetingMinutes, planMonthlyMeetings, requireFuture } from './when.js';

const MEETING_USAGE = '/mentor admin cohort meeting <name> <YYYY-MM-DD> <HH:MM> [minutes] [title…]';
const SCHEDULE_USAGE = '/mentor admin cohort schedule <name> <first YYYY-MM-DD> <HH:MM>';
const DEFAULT_MINUTES = 60;
const DEFAULT_TITLE = 'Peer cohort meeting';
const MAX_TITLE = 100;

function title(words: string[]): string {
  const text = words.join(' ').trim();
  if (text.length > MAX_TITLE) throw new UserError(`That title is ${text.length} characters; keep it under ${MAX_TITLE}.`, { code: 'BAD_TITLE', usage: MEETING_USAGE });
  return text || DEFAULT_TITLE;
}

/** A one-off meeting, at a time in the coordinator's own zone. */
async function meeting(ctx: CommandContext, args: string[]): Promise<Outcome> {
  const { program, rest } = await coordinatedProgram(ctx, args, MEETING_USAGE);
  const cohort = await requireCohort(ctx, program, rest[0], MEETING_USAGE);
  const zone = ctx.actor.timeZone;
  const startsAt = parseLocalDateTime(rest[1], rest[2], zone, MEETING_USAGE);
  requireFuture(startsAt, ctx.now, MEETING_USAGE);
  const given = parseMeetingMinutes(rest[3], MEETING_USAGE);
  const phaseMinutes = cohortPhase(program.template.phases)?.phase.cohortMeetings?.minutes;
  const durationMinutes = given ?? phaseMinutes ?? DEFAULT_MINUTES;
  const created = await ctx.store.cohorts.createMeeting({ cohortId: cohort.id, title: title(rest.slice(given === null ? 3 : 4)), startsAt, durationMinutes });
  const reply = `Scheduled for cohort "${cohort.name}": ${meetingLine(created, zone)}. I've announced it in the cohort's channel.`;
  return privateReply(message(reply), [meetingAnnouncement(ctx.workspace.id, cohort, [created], zone)]);
}

/** The template's peer meetings: every four weeks across the phase that has them (16 weeks → 4). */
async function schedule(ctx: CommandContext, args: string[]): Promise<Outcome> {
  const { program, rest } = await coordinatedProgram(ctx, args, SCHEDULE_USAGE);
  const cohort = await requireCohort(ctx, program, rest[0], SCHEDULE_USAGE);
  const zone = ctx.actor.timeZone;
  const first = parseLocalDateTime(rest[1], rest[2], zone, SCHEDULE_USAGE);
  refuseExtra(rest.slice(3), SCHEDULE_USAGE);
  const plan = cohortPhase(program.template.phases);
  if (!plan) {
    throw new UserError(`${program.name}'s template has no peer cohort meetings to plan. Schedule meetings one at a time with \`${MEETING_USAGE}\`.`, { code: 'NO_COHORT_PHASE', usage: SCHEDULE_USAGE });
  }
  requireFuture(first, ctx.now, SCHEDULE_USAGE);
  const times = planMonthlyMeetings(first, zone, plan.weeks);
  const existing = new Set((await ctx.store.cohorts.listMeetings(cohort.id)).filter((m) => !m.cancelledAt).map((m) => m.startsAt.getTime()));
  if (times.some((t) => existing.has(t.getTime()))) {
    throw new UserError(`Cohort "${cohort.name}" already has meetings at these times, so I added none. See them with \`/mentor admin cohort list\`.`, { code: 'ALREADY_SCHEDULED', usage: SCHEDULE_USAGE });
  }
  const minutes = plan.phase.cohortMeetings?.minutes ?? DEFAULT_MINUTES;
  const created: CohortMeeting[] = [];
  for (const [i, startsAt] of times.entries()) {
    created.push(await ctx.store.cohorts.createMeeting({ cohortId: cohort.id, title: `${DEFAULT_TITLE} ${i + 1} of ${times.length}`, startsAt, durationMinutes: minutes }));
  }
  const blocks: Block[] = [
    { type: 'text', text: `Created ${created.length} peer meetings for cohort "${cohort.name}": every 4 weeks across the ${plan.weeks} weeks of ${plan.phase.name}. I've announced them in the cohort's channel.` },
    { type: 'list', items: created.map((m) => meetingLine(m, zone)) },
  ];
  return privateReply(message(renderPlain(blocks), blocks), [meetingAnnouncement(ctx.workspace.id, cohort, created, zone)]);
}

export const meetingCommands: CommandSpec[] = [
  { path: ['admin', 'cohort', 'meeting'], usage: MEETING_USAGE, summary: 'schedule one peer meeting for a cohort (time in your zone) and announce it', group: 'coordinator', run: meeting },
  { path: ['admin', 'cohort', 'schedule'], usage: SCHEDULE_USAGE, summary: "create the template's monthly peer meetings for a cohort and announce them", group: 'coordinator', run: schedule },
];
