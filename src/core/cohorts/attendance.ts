import type { CommandContext, CommandSpec } from '../commands/types.js';
import type { Person } from '../domain.js';
import { UserError } from '../errors.js';
import { message, privateReply, type Outcome } from '../messages/model.js';
import { requirePerson } from '../people/mentions.js';
import { formatLocal } from '../time/local-date.js';
import { coordinatedProgram } from './coordinated.js';
import { requireMeeting } from './lookup.js';

const USAGE = '/mentor admin cohort attendance <meeting> @person…';

/** Marks the named members present. Others keep whatever was recorded, so a late addition is one more run. */
async function attendance(ctx: CommandContext, args: string[]): Promise<Outcome> {
  const { program, rest } = await coordinatedProgram(ctx, args, USAGE);
  const cohorts = await ctx.store.cohorts.listForProgram(program.id);
  const { meeting, cohort } = await requireMeeting(ctx, cohorts, rest[0], USAGE);
  if (meeting.startsAt.getTime() > ctx.now.getTime()) {
    throw new UserError(`That meeting is on ${formatLocal(meeting.startsAt, ctx.actor.timeZone)}; record attendance once it has started.`, { code: 'MEETING_NOT_HELD', usage: USAGE });
  }
  if (rest.length < 2) throw new UserError('Name the people who attended, as @name.', { code: 'MISSING_PERSON', usage: USAGE });
  const members = await ctx.store.cohorts.members(cohort.id);
  const present = new Map<string, Person>();
  for (const word of rest.slice(1)) {
    const person = await requirePerson(ctx, word, USAGE);
    if (!members.some((m) => m.personId === person.id)) throw new UserError(`${person.displayName} is not in cohort "${cohort.name}"; nothing was recorded.`, { code: 'NOT_MEMBER', usage: USAGE });
    present.set(person.id, person);
  }
  for (const person of present.values()) await ctx.store.cohorts.markAttendance(meeting.id, person.id, true, ctx.now);
  const attended = (await ctx.store.cohorts.rsvps(meeting.id)).filter((r) => r.attended).length;
  const names = [...present.values()].map((p) => p.displayName).join(', ');
  return privateReply(message(`Recorded as present at "${meeting.title}" (${formatLocal(meeting.startsAt, ctx.actor.timeZone)}): ${names}. ${attended} of ${members.length} members are marked present.`));
}

export const attendanceCommand: CommandSpec = { path: ['admin', 'cohort', 'attendance'], usage: USAGE, summary: 'record who attended a cohort meeting', group: 'coordinator', run: attendance };
