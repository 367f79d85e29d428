import { scopeOf, type Args, type CommandContext, type CommandSpec } from '../commands/types.js';
import { UserError } from '../errors.js';
import { message, privateReply, type Outcome } from '../messages/model.js';
import { formatLocal } from '../time/local-date.js';
import { MEETING_CODE, requireMeeting } from './lookup.js';

/** Marks the named members present. Others keep whatever was recorded, so a late addition is one more run. */
async function attendance(ctx: CommandContext, args: Args): Promise<Outcome> {
  const { program } = scopeOf(ctx);
  const cohorts = await ctx.store.cohorts.listForProgram(program.id);
  const { meeting, cohort } = await requireMeeting(ctx, cohorts, args.requiredString('meeting'));
  if (meeting.startsAt.getTime() > ctx.now.getTime()) {
    throw new UserError(`That meeting is on ${formatLocal(meeting.startsAt, ctx.actor.timeZone)}; record attendance once it has started.`, { code: 'MEETING_NOT_HELD', usage: ctx.usage });
  }
  const present = args.persons('people');
  const members = await ctx.store.cohorts.members(cohort.id);
  const outsider = present.find((person) => !members.some((m) => m.personId === person.id));
  if (outsider) throw new UserError(`${outsider.displayName} is not in cohort "${cohort.name}"; nothing was recorded.`, { code: 'NOT_MEMBER', usage: ctx.usage, argument: 'people' });
  for (const person of present) await ctx.store.cohorts.markAttendance(meeting.id, person.id, true, ctx.now);
  const attended = (await ctx.store.cohorts.rsvps(meeting.id)).filter((r) => r.attended).length;
  const names = present.map((p) => p.displayName).join(', ');
  return privateReply(message(`Recorded as present at "${meeting.title}" (${formatLocal(meeting.startsAt, ctx.actor.timeZone)}): ${names}. ${attended} of ${members.length} members are marked present.`));
}

export const attendanceCommand: CommandSpec = {
  path: ['admin', 'cohort', 'attendance'],
  summary: 'record who attended a cohort meeting',
  args: [
    MEETING_CODE,
    { name: 'people', kind: 'person', description: 'the members who were there', variadic: true },
  ],
  requires: 'coordinator',
  run: attendance,
};
