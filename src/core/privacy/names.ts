// The one home of "what name may this person see for that one". In a program with a release of
// information the mentor never learns the mentee's name before a release is in force, and while
// one is, only the first name the mentee wrote on it — never the platform's display name (on
// Slack that can be a full name).
import type { CommandContext } from '../commands/types.js';
import type { Match, Program } from '../domain.js';

type Ctx = Pick<CommandContext, 'store' | 'now'>;

/** The facts the name rule reads (the store loads them for the nudge engine, which has no command context). */
export interface NameFacts {
  displayName: string | null;
  /** The program asks for a release of information before a mentor learns anything. */
  programHasRelease: boolean;
  /** The viewer is the subject's mentor in this match. */
  viewerIsMentorOfSubject: boolean;
  /** The release in force, with the first name it gave; null when none is in force. */
  release: { firstName: string | null } | null;
}

/** The one rule, on plain facts. */
export function nameFromFacts(f: NameFacts): string {
  if (!f.programHasRelease || !f.viewerIsMentorOfSubject) return f.displayName ?? 'your match';
  if (!f.release) return 'your mentee';
  return f.release.firstName ?? 'your mentee';
}

/** How `viewerPersonId` may see `subjectPersonId`, the other side of `match`. */
export async function nameSeenBy(ctx: Ctx, program: Program, match: Match, subjectPersonId: string, viewerPersonId: string): Promise<string> {
  const subject = await ctx.store.people.get(subjectPersonId);
  const facts: NameFacts = { displayName: subject?.displayName ?? null, programHasRelease: !!program.template.releaseOfInformation, viewerIsMentorOfSubject: false, release: null };
  if (!facts.programHasRelease) return nameFromFacts(facts);
  const [mentee, mentor] = await Promise.all([ctx.store.enrollments.get(match.menteeEnrollmentId), ctx.store.enrollments.get(match.mentorEnrollmentId)]);
  facts.viewerIsMentorOfSubject = mentee?.personId === subjectPersonId && mentor?.personId === viewerPersonId;
  if (!facts.viewerIsMentorOfSubject) return nameFromFacts(facts);
  const consent = await ctx.store.consents.inForce(match.id, ctx.now);
  facts.release = consent ? { firstName: (await ctx.store.people.getContact(subjectPersonId)).firstName ?? null } : null;
  return nameFromFacts(facts);
}

/** Capitalised for the start of a sentence ("Your mentee agreed…"). */
export const sentenceCase = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);
