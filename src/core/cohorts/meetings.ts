import { scopeOf, type ArgSpec, type Args, type CommandContext, type CommandSpec } from '../commands/types.js';
import type { CohortMeeting } from '../domain.js';
import { UserError } from '../errors.js';
import { message, privateReply, type Block, type Outcome } from '../messages/model.js';
import { renderPlain } from '../messages/plain-text.js';
import { meetingAnnouncement } from './announce.js';
import { COHORT_NAME, requireCohort } from './lookup.js';
import { meetingLine } from './rsvp-buttons.js';
import { cohortPhase, MEETING_MINUTES, parseLocalDateTime, requireFuture } from './when.js';
import { planSeries } from './series.js';
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

/** The default start of a scheduled series: early evening, after most working days. */
const DEFAULT_SERIES_TIME = '18:00';

/**
 * The template's peer meetings: every four weeks across the phase that has them (16 weeks → 4),
 * from that phase's first day on the cohort's own program clock unless a first day is given.
 * Running it again only adds the meetings still missing (see series.ts).
 */
async function schedule(ctx: CommandContext, args: Args): Promise<Outcome> {
  const { program } = scopeOf(ctx);
  const cohort = await requireCohort(ctx, program, args.requiredString('name'));
  const plan = cohortPhase(program.template.phases);
  if (!plan) {
    throw new UserError(`${program.name}'s template has no peer cohort meetings to plan. Schedule meetings one at a time with \`/mentor admin cohort meeting\`.`, { code: 'NO_COHORT_PHASE', usage: ctx.usage });
  }
  const zone = args.string('zone') ?? ctx.actor.timeZone;
  const time = args.string('time') ?? DEFAULT_SERIES_TIME;
  const firstDate = args.string('first-date');
  const firstDay = firstDate ? calendarDate(firstDate, ctx.now, zone) : undefined;
  // An explicit first day in the past is a slip of the keyboard, not a wish to skip meetings.
  if (firstDay) requireFuture(parseLocalDateTime(firstDay, time, zone, ctx.usage), ctx.now, ctx.usage);
  const series = await planSeries(ctx, { cohort, program, plan, firstDay, time, zone }, await ctx.store.cohorts.listMeetings(cohort.id));
  const minutes = plan.phase.cohortMeetings?.minutes ?? DEFAULT_MINUTES;
  const created: CohortMeeting[] = [];
  for (const slot of series.toCreate) {
    created.push(await ctx.store.cohorts.createMeeting({ cohortId: cohort.id, title: `${DEFAULT_TITLE} ${slot.index} of ${series.total}`, startsAt: slot.startsAt, durationMinutes: minutes }));
  }
  const notes = [
    series.alreadyHeld.length ? `${series.alreadyHeld.length} already had a meeting, so I left ${series.alreadyHeld.length === 1 ? 'it' : 'them'} as ${series.alreadyHeld.length === 1 ? 'it was' : 'they were'}.` : null,
    series.past.length ? `${series.past.length} fell in the past and ${series.past.length === 1 ? 'was' : 'were'} left out.` : null,
    ...series.toCreate.filter((s) => s.movedFrom).map((s) => `Meeting ${s.index} moved from ${s.movedFrom} to the first day after the program holiday.`),
  ].filter((n): n is string => n !== null);
  if (created.length === 0) {
    const text = `Nothing to add: cohort "${cohort.name}" has every peer meeting of ${plan.phase.name} it can still have. ${notes.join(' ')} See them with \`/mentor admin cohort list\`.`;
    return privateReply(message(text));
  }
  const blocks: Block[] = [
    { type: 'text', text: `Created ${created.length} peer meeting${created.length === 1 ? '' : 's'} for cohort "${cohort.name}": every 4 weeks across the ${plan.weeks} weeks of ${plan.phase.name}, at ${time} (${zone}). I've announced ${created.length === 1 ? 'it' : 'them'} in the cohort's channel.` },
    { type: 'list', items: created.map((m) => meetingLine(m, zone)) },
    ...notes.map((text): Block => ({ type: 'text', text })),
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
    summary: "create the template's monthly peer meetings for a cohort, from the start of their phase to its end, and announce them; again adds only what is missing",
    args: [
      COHORT_NAME,
      { name: 'first-date', kind: 'date', description: "the first meeting's day, YYYY-MM-DD (default: when the cohort's trainees reach the phase)", required: false },
      { ...TIME, description: `start time, HH:MM on the 24-hour clock (default ${DEFAULT_SERIES_TIME})`, required: false },
      { name: 'zone', kind: 'time-zone', description: 'the time zone of that time (default: yours)', required: false, flag: true },
    ],
    requires: 'coordinator',
    run: schedule,
  },
];
