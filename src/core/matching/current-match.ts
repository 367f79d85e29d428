import type { CommandContext } from '../commands/types.js';
import type { Enrollment, Match } from '../domain.js';
import { UserError } from '../errors.js';
import { nameSeenBy } from '../privacy/names.js';

export interface MatchView {
  match: Match;
  mentor: Enrollment;
  mentee: Enrollment;
  /** The other side, seen from the enrollment we started from. */
  counterpart: Enrollment;
}

/**
 * Which of several matches is meant: a person named (the counterpart) or a match id (a button,
 * a form's choice). `argument` is the declared argument to name in the message when none is given.
 */
export interface MatchChoice {
  personId?: string;
  matchId?: string;
  argument?: string;
}

/** One match with both sides loaded, seen from `from`. */
export async function matchView(ctx: Pick<CommandContext, 'store'>, match: Match, from: Enrollment): Promise<MatchView | null> {
  const [mentor, mentee] = await Promise.all([ctx.store.enrollments.get(match.mentorEnrollmentId), ctx.store.enrollments.get(match.menteeEnrollmentId)]);
  if (!mentor || !mentee) return null;
  return { match, mentor, mentee, counterpart: mentor.id === from.id ? mentee : mentor };
}

/** Every open match of the enrollment with these statuses, oldest first (a mentor may have several trainees). */
export async function openMatches(ctx: Pick<CommandContext, 'store'>, enrollment: Enrollment, statuses: Match['status'][] = ['active']): Promise<MatchView[]> {
  const matches = (await ctx.store.matches.listOpenForEnrollment(enrollment.id)).filter((m) => statuses.includes(m.status));
  return (await Promise.all(matches.map((m) => matchView(ctx, m, enrollment)))).filter((v): v is MatchView => v !== null);
}

/** The names the actor may see for the other side of each match, for "which one?" messages and choices. */
export async function counterpartNames(ctx: CommandContext, views: MatchView[]): Promise<string[]> {
  const program = views[0] ? await ctx.store.programs.get(views[0].match.programId) : null;
  if (!program) return [];
  return Promise.all(views.map((v) => nameSeenBy(ctx, program, v.match, v.counterpart.personId, ctx.actor.id)));
}

/**
 * The one home of "which match does this mean": the only open match, or the one chosen. With
 * several (a mentor's trainees) and no choice it never guesses — it asks, privately, naming the
 * argument and listing the matches. Null when there is none.
 */
export async function openMatch(ctx: CommandContext, enrollment: Enrollment, statuses: Match['status'][] = ['active'], choice: MatchChoice = {}): Promise<MatchView | null> {
  const views = await openMatches(ctx, enrollment, statuses);
  if (choice.matchId) {
    const view = views.find((v) => v.match.id === choice.matchId);
    if (!view) throw new UserError('That match is no longer open.', { code: 'NOT_YOUR_MATCH', argument: choice.argument });
    return view;
  }
  if (choice.personId) {
    const view = views.find((v) => v.counterpart.personId === choice.personId);
    if (view) return view;
    const person = await ctx.store.people.get(choice.personId);
    throw new UserError(`${person?.displayName ?? 'That person'} is not in an open match with you.`, { code: 'NOT_YOUR_MATCH', argument: choice.argument });
  }
  if (views.length <= 1) return views[0] ?? null;
  const argument = choice.argument ?? (enrollment.role === 'mentor' ? 'trainee' : 'person');
  const names = await counterpartNames(ctx, views);
  throw new UserError(`You have ${views.length} ${enrollment.role === 'mentor' ? 'trainees' : 'matches'} (${names.join(', ')}), so say which one: name them as @${argument}.`, {
    code: 'CHOOSE_PERSON',
    argument,
    usage: ctx.usage,
  });
}
