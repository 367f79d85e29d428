// The one home of "who supervises this trainee": the person a coordinator set, or by default
// their active mentor. Check-in debriefs go there first (reason only).
import type { CommandContext } from '../commands/types.js';
import type { Enrollment, Program } from '../domain.js';
import { openMatches } from '../matching/current-match.js';

/** Whether the program keeps its rules out of the pair's business after the match (peer programs). */
const stepsBack = (program: Program) => program.template.participation?.reportsToProgram === false;

/** What decides a trainee's supervisor, as plain facts (the store loads them for the nudge engine). */
export interface SupervisorFacts {
  /** Set by a coordinator, and whether that person has since withdrawn. */
  set: { personId: string; withdrawn: boolean } | null;
  /** The mentor of the trainee's (oldest) active match. */
  activeMentorId: string | null;
  /** The program steps back after the match (no default supervisor there). */
  stepsBack: boolean;
}

/** The one rule: the person a coordinator set (while still with us), else the active mentor — not where the program steps back. */
export function supervisorOf(f: SupervisorFacts): string | null {
  if (f.set && !f.set.withdrawn) return f.set.personId;
  return f.stepsBack ? null : f.activeMentorId;
}

/**
 * The trainee's supervisor, or null when none applies: a mentor's own enrollment has none, and a
 * program that steps back after the match has no default (only a supervisor set on purpose).
 */
export async function traineeSupervisorId(ctx: Pick<CommandContext, 'store'>, program: Program, enrollment: Enrollment): Promise<string | null> {
  if (enrollment.role !== 'mentee') return null;
  const setId = await ctx.store.enrollments.getSupervisor(enrollment.id);
  const person = setId ? await ctx.store.people.get(setId) : null;
  const set = setId ? { personId: setId, withdrawn: !person || person.withdrawnAt !== null } : null;
  if (set && !set.withdrawn) return set.personId;
  const [mentor] = stepsBack(program) ? [] : await openMatches(ctx, enrollment, ['active']);
  return supervisorOf({ set, activeMentorId: mentor?.mentor.personId ?? null, stepsBack: stepsBack(program) });
}
