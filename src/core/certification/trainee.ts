import type { CommandContext } from '../commands/types.js';
import type { Enrollment, Person, Program } from '../domain.js';
import { UserError } from '../errors.js';
import { openMatch } from '../matching/current-match.js';
import { requireLiveEnrollments } from '../people/current-enrollments.js';
import type { ProgramTemplate } from '../programs/template-schema.js';

/** A trainee (a mentee in a program with a final case review) and their program. */
export interface Trainee {
  enrollment: Enrollment;
  program: Program;
  review: NonNullable<ProgramTemplate['finalCaseReview']>;
}

const asTrainee = (enrollment: Enrollment, program: Program): Trainee | null => {
  const review = program.template.finalCaseReview;
  return enrollment.role === 'mentee' && review ? { enrollment, program, review } : null;
};

/** The actor's own certification enrollment: the only one, or the one named with `--program`. */
export async function resolveTrainee(ctx: CommandContext, slug: string | undefined, usage: string): Promise<Trainee> {
  const live = (await requireLiveEnrollments(ctx)).map((p) => asTrainee(p.enrollment, p.program)).filter((t) => t !== null);
  const chosen = slug ? live.filter((t) => t.program.slug === slug) : live;
  if (chosen.length === 1) return chosen[0]!;
  if (chosen.length === 0) {
    const where = slug ? `\`${slug}\`` : 'any program';
    throw new UserError(`You're not a trainee in ${where} with a certification portfolio. Mentors review their trainee's with \`/mentor portfolio review @trainee\`.`, { code: 'NOT_ENROLLED', usage });
  }
  throw new UserError(`You have portfolios in several programs (${chosen.map((t) => `\`${t.program.slug}\``).join(', ')}). Add \`--program <name>\` to say which.`, { code: 'AMBIGUOUS_PROGRAM', usage });
}

/** A trainee enrollment by id (from an item), with its program, or null if it is not one. */
export async function traineeOfEnrollment(ctx: CommandContext, enrollmentId: string): Promise<Trainee | null> {
  const enrollment = await ctx.store.enrollments.get(enrollmentId);
  const program = enrollment && (await ctx.store.programs.get(enrollment.programId));
  return enrollment && program && program.workspaceId === ctx.workspace.id ? asTrainee(enrollment, program) : null;
}

/** The person id of the trainee's active mentor, if they have one. */
export async function activeMentorId(ctx: CommandContext, trainee: Trainee): Promise<string | null> {
  const view = await openMatch(ctx, trainee.enrollment, ['active']);
  return view && view.mentee.id === trainee.enrollment.id ? view.mentor.personId : null;
}

/**
 * The mentor is the trainee's verifier, so only their active mentor may review. A coordinator
 * is refused like anyone else: they see ticks and counts, never the evidence.
 */
export async function requireActiveMentor(ctx: CommandContext, trainee: Trainee, traineePerson: Person | null, usage?: string): Promise<void> {
  if ((await activeMentorId(ctx, trainee)) === ctx.actor.id) return;
  const name = traineePerson?.displayName ?? 'this trainee';
  throw new UserError(`Only ${name}'s active mentor can review their portfolio.`, { code: 'FORBIDDEN', usage });
}

/** The trainees in this workspace whose active mentor is the actor, for a named person. */
export async function traineesMentoredBy(ctx: CommandContext, traineePersonId: string): Promise<Trainee[]> {
  const found: Trainee[] = [];
  for (const enrollment of await ctx.store.enrollments.listForPerson(traineePersonId)) {
    const trainee = await traineeOfEnrollment(ctx, enrollment.id);
    if (trainee && (await activeMentorId(ctx, trainee)) === ctx.actor.id) found.push(trainee);
  }
  return found;
}
