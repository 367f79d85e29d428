import { scopeOf, type ArgSpec, type Args, type CommandContext, type CommandSpec } from '../commands/types.js';
import type { CohortMeeting } from '../domain.js';
import { UserError } from '../errors.js';
import { message, privateReply, type Block, type Outcome } from '../messages/model.js';
import { renderPlain } from '../messages/plain-text.js';
import { meetingAnnouncement } from './announce.js';
import { COHORT_NAME, requireCohort } from './lookup.js';
import { meetingLine } from './rsvp-buttons.js';
import { cohortPhase, MEETING_MINUTES, parseLocalDateTime, planMonthlyMeetings, requireFuture } from './when.js';
import { calendarDate } from '../time/local-date.js';

const DEFAULT_MINUTES = 60;
const DEFAULT_TITLE = 'Peer cohort meeting';
const MAX_TITLE = 100;

/** The date and time a meeting starts, as typed in the coordinator's own zone. */
function meetingStart(ctx: CommandContext, args: Args, dateArg: string): Date {
  const zone = ctx.actor.timeZone;
  const date = calendarDate(args.requiredString(dateArg), ctx.now, zone);
  return parseLocalDateTime(date, args.requiredString('time'), zone, ctx.usage);
}

/** A one-off meeting, at a time in the coordinator's own zone. */
async function meeting(ctx: CommandContext, args: Args): Promise<Outcome> {
  const { program } = scopeOf(ctx);
  const cohort = await requireCohort(ctx, program, args.requiredString('name'));
  const zone = ctx.actor.timeZone;
  const at = meetingStart(ctx, args, 'date');
  requireFuture(at, ctx.now, ctx.usage);
  const phaseMinutes = cohortPhase(program.template.phases)?.phase.cohortMeetings?.minutes;
  const durationMinutes = args.number('minutes') ?? phaseMinutes ?? DEFAULT_MINUTES;
  const title = args.string('title')?.trim() || DEFAULT_TITLE;
  const created = await ctx.store.cohorts.createMeeting({ cohortId: cohort.id, title, startsAt: at, durationMinutes });
  const reply = `Scheduled for cohort "${cohort.name}": ${meetingLine(created, zone)}. I've announced it in the cohort's channel.`;
  return privateReply(message(reply), [meetingAnnouncement(ctx.workspace.id, cohort, [created], zone, ctx.links)]);
}

/** The template's peer meetings: every four weeks across the phase that has them (16 weeks → 4). */
async function schedule(ctx: CommandContext, args: Args): Promise<Outcome> {
  const { program } = scopeOf(ctx);
  const cohort = await requireCohort(ctx, program, args.requiredString('name'));
  const zone = ctx.actor.timeZone;
  const first = meetingStart(ctx, args, 'first-date');
  const plan = cohortPhase(program.template.phases);
  if (!plan) {
    throw new UserError(`${program.name}'s template has no peer cohort meetings to plan. Schedule meetings one at a time with \`/mentor admin cohort meeting\`.`, { code: 'NO_COHORT_PHASE', usage: ctx.usage });
  }
  requireFuture(first, ctx.now, ctx.usage);
  const times = planMonthlyMeetings(first, zone, plan.weeks);
  const existing = new Set((await ctx.store.cohorts.listMeetings(cohort.id)).filter((m) => !m.cancelledAt).map((m) => m.startsAt.getTime()));
  if (times.some((t) => existing.has(t.getTime()))) {
    throw new UserError(`Cohort "${cohort.name}" already has meetings at these times, so I added none. See them with \`/mentor admin cohort list\`.`, { code: 'ALREADY_SCHEDULED', usage: ctx.usage });
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
  return privateReply(message(renderPlain(blocks), blocks), [meetingAnnouncement(ctx.workspace.id, cohort, created, zone, ctx.links)]);
}

const TIME: ArgSpec = { name: 'time', kind: 'time', description: 'start time, HH:MM on the 24-hour clock, in your time zone' };

export { meetingStart, TIME };

export const meetingCommands: CommandSpec[] = [
  {
    path: ['admin', 'cohort', 'meeting'],
    summary: 'schedule one peer meeting for a cohort (time in your zone) and announce it',
    args: [
      COHORT_NAME,
      { name: 'date', kind: 'date', description: 'the day: YYYY-MM-DD or today' },
      TIME,
      { name: 'minutes', kind: 'custom', custom: MEETING_MINUTES, description: 'how long: minutes (90) or 1h30m; default from the program, else 60', required: false },
      { name: 'title', kind: 'text', description: 'what the meeting is called (default: Peer cohort meeting)', required: false, variadic: true, maxLength: MAX_TITLE },
    ],
    requires: 'coordinator',
    run: meeting,
  },
  {
    path: ['admin', 'cohort', 'schedule'],
    summary: "create the template's monthly peer meetings for a cohort and announce them",
    args: [COHORT_NAME, { name: 'first-date', kind: 'date', description: 'the day of the first meeting: YYYY-MM-DD' }, TIME],
    requires: 'coordinator',
    run: schedule,
  },
];
