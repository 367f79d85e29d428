import type { ArgSpec, CommandContext } from '../commands/types.js';
import type { Cohort, CohortMeeting, Enrollment, Person, Program } from '../domain.js';
import { UserError } from '../errors.js';
import { liveEnrollments } from '../people/current-enrollments.js';
import { meetingCode, parseMeetingCode } from './when.js';

/** The cohort name most cohort commands start with. */
/** The short code each meeting announcement shows, used to RSVP and to record attendance. */
export const MEETING_CODE: ArgSpec = { name: 'meeting', kind: 'word', description: 'the meeting’s code, e.g. 3f9a2c' };

export const COHORT_NAME: ArgSpec = { name: 'name', kind: 'word', description: 'the cohort’s name: one word, or "in quotes"', maxLength: 50 };

/** One word (or "quoted words"), so every cohort command can find where the name ends. */
export function cohortName(word: string, usage?: string): string {
  const name = word.trim();
  if (!name) throw new UserError('Name the cohort.', { code: 'MISSING_COHORT', usage, argument: 'name' });
  if (!/^[\p{L}\p{N}][\p{L}\p{N} _.'’-]{0,49}$/u.test(name)) {
    throw new UserError(`"${name}" can't be a cohort name: use up to 50 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit.`, { code: 'BAD_COHORT_NAME', usage, argument: 'name' });
  }
  return name;
}

export async function requireCohort(ctx: CommandContext, program: Program, word: string): Promise<Cohort> {
  const name = cohortName(word, ctx.usage);
  const cohort = await ctx.store.cohorts.findByName(program.id, name);
  if (cohort) return cohort;
  const all = await ctx.store.cohorts.listForProgram(program.id);
  const known = all.length
    ? `Its cohorts: ${all.map((c) => `"${c.name}"`).join(', ')}.`
    : 'It has none yet: create one in its channel with `/mentor admin cohort create <name>`.';
  throw new UserError(`${program.name} has no cohort called "${name}". ${known}`, { code: 'UNKNOWN_COHORT', usage: ctx.usage, argument: 'name' });
}

export interface MeetingInCohort {
  meeting: CohortMeeting;
  cohort: Cohort;
}

/** Finds a meeting by its code among the given cohorts' meetings (cancelled ones excluded). */
export async function requireMeeting(ctx: CommandContext, cohorts: Cohort[], word: string): Promise<MeetingInCohort> {
  const usage = ctx.usage;
  const code = parseMeetingCode(word);
  if (!code) throw new UserError(`"${word}" is not a meeting code. Codes look like 3f9a2c.`, { code: 'UNKNOWN_MEETING', usage, argument: 'meeting' });
  const found: MeetingInCohort[] = [];
  for (const cohort of cohorts) {
    for (const meeting of await ctx.store.cohorts.listMeetings(cohort.id)) {
      if (!meeting.cancelledAt && meeting.id.startsWith(code)) found.push({ meeting, cohort });
    }
  }
  if (found.length === 1) return found[0]!;
  if (found.length === 0) {
    throw new UserError(`I can't find meeting ${word}. Each meeting's code is shown in \`/mentor cohort\` and \`/mentor admin cohort list\`.`, { code: 'UNKNOWN_MEETING', usage, argument: 'meeting' });
  }
  throw new UserError(`Several meetings start with ${code}: ${found.map((f) => meetingCode(f.meeting.id)).join(', ')}. Type more of the code.`, { code: 'AMBIGUOUS_MEETING', usage, argument: 'meeting' });
}

/** The cohorts the actor belongs to, across their live enrollments in this workspace. */
export async function actorCohorts(ctx: CommandContext): Promise<{ cohort: Cohort; program: Program }[]> {
  const seen = new Map<string, { cohort: Cohort; program: Program }>();
  for (const { enrollment, program } of await liveEnrollments(ctx)) {
    for (const cohort of await ctx.store.cohorts.listForEnrollment(enrollment.id)) seen.set(cohort.id, { cohort, program });
  }
  return [...seen.values()];
}

/** The person's live, non-coordinator enrollment in the program: who may be in a cohort. */
export async function cohortEligibleEnrollment(ctx: CommandContext, program: Program, person: Person): Promise<Enrollment | null> {
  const order = ['mentee', 'mentor', 'supervisor'];
  const candidates = (await ctx.store.enrollments.listForPerson(person.id))
    .filter((e) => e.programId === program.id && (e.status === 'active' || e.status === 'paused') && order.includes(e.role))
    .sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role));
  return candidates[0] ?? null;
}
