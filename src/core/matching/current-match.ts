import type { CommandContext } from '../commands/types.js';
import type { Enrollment, Match } from '../domain.js';

export interface MatchView {
  match: Match;
  mentor: Enrollment;
  mentee: Enrollment;
  /** The other side, seen from the enrollment we started from. */
  counterpart: Enrollment;
}

/** The enrollment's open (proposed or active) match, with both sides loaded. */
export async function openMatch(ctx: CommandContext, enrollment: Enrollment, statuses: Match['status'][] = ['active']): Promise<MatchView | null> {
  const matches = (await ctx.store.matches.listOpenForEnrollment(enrollment.id)).filter((m) => statuses.includes(m.status));
  const match = matches.at(-1);
  if (!match) return null;
  const [mentor, mentee] = await Promise.all([ctx.store.enrollments.get(match.mentorEnrollmentId), ctx.store.enrollments.get(match.menteeEnrollmentId)]);
  if (!mentor || !mentee) return null;
  return { match, mentor, mentee, counterpart: mentor.id === enrollment.id ? mentee : mentor };
}
