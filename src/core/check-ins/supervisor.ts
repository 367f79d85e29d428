// The one home of "who supervises this trainee": the person a coordinator set, or by default
// their active mentor. Check-in debriefs go there first (reason only).
import type { CommandContext } from '../commands/types.js';
import type { Enrollment, Program } from '../domain.js';
import { openMatches } from '../matching/current-match.js';

/** Whether the program keeps its rules out of the pair's business after the match (peer programs). */
const stepsBack = (program: Program) => program.template.participation?.reportsToProgram === false;

/**
 * The trainee's supervisor, or null when none applies: a mentor's own enrollment has none, and a
 * program that steps back after the match has no default (only a supervisor set on purpose).
 */
export async function traineeSupervisorId(ctx: Pick<CommandContext, 'store'>, program: Program, enrollment: Enrollment): Promise<string | null> {
  if (enrollment.role !== 'mentee') return null;
  const set = await ctx.store.enrollments.getSupervisor(enrollment.id);
  if (set) {
    const person = await ctx.store.people.get(set);
    if (person && !person.withdrawnAt) return set;
  }
  if (stepsBack(program)) return null;
  const [mentor] = await openMatches(ctx, enrollment, ['active']);
  return mentor?.mentor.personId ?? null;
}
