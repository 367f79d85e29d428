// The one home of "what name may this person see for that one". In a program with a release of
// information the mentor never learns the mentee's name before a release is in force, and while
// one is, only the first name the mentee wrote on it — never the platform's display name (on
// Slack that can be a full name).
import type { CommandContext } from '../commands/types.js';
import type { Match, Program } from '../domain.js';

type Ctx = Pick<CommandContext, 'store' | 'now'>;

/** How `viewerPersonId` may see `subjectPersonId`, the other side of `match`. */
export async function nameSeenBy(ctx: Ctx, program: Program, match: Match, subjectPersonId: string, viewerPersonId: string): Promise<string> {
  const subject = await ctx.store.people.get(subjectPersonId);
  if (!program.template.releaseOfInformation) return subject?.displayName ?? 'your match';
  const [mentee, mentor] = await Promise.all([ctx.store.enrollments.get(match.menteeEnrollmentId), ctx.store.enrollments.get(match.mentorEnrollmentId)]);
  const menteeSeenByMentor = mentee?.personId === subjectPersonId && mentor?.personId === viewerPersonId;
  if (!menteeSeenByMentor) return subject?.displayName ?? 'your match';
  const consent = await ctx.store.consents.inForce(match.id, ctx.now);
  if (!consent) return 'your mentee';
  return (await ctx.store.people.getContact(subjectPersonId)).firstName ?? 'your mentee';
}

/** Capitalised for the start of a sentence ("Your mentee agreed…"). */
export const sentenceCase = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);
