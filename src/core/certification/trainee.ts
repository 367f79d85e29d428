import { scopeOf, type CommandContext } from '../commands/types.js';
import type { Enrollment, Person, Program } from '../domain.js';
import { UserError } from '../errors.js';
import { openMatch } from '../matching/current-match.js';
import { completedMentorId } from '../matching/program-end.js';
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

/** The actor's own trainee enrollment: the mentee enrollment the router chose, in a program that certifies. */
export function scopedTrainee(ctx: CommandContext): Trainee {
  const { enrollment, program } = scopeOf(ctx);
  const trainee = asTrainee(enrollment, program);
  if (!trainee) throw new UserError(`${program.name} has no certification, so there is no portfolio to keep there.`, { code: 'NO_CERTIFICATION' });
  return trainee;
}

/** A trainee enrollment by id (from an item), with its program, or null if it is not one. */
export async function traineeOfEnrollment(ctx: CommandContext, enrollmentId: string): Promise<Trainee | null> {
  const enrollment = await ctx.store.enrollments.get(enrollmentId);
  const program = enrollment && (await ctx.store.programs.get(enrollment.programId));
  return enrollment && program && program.workspaceId === ctx.workspace.id ? asTrainee(enrollment, program) : null;
}

/**
 * The person id of the trainee's active mentor, if they have one — or, once the program's end
 * completed their mentorship, that mentor still: the last verifications often come in the final days.
 */
export async function activeMentorId(ctx: CommandContext, trainee: Trainee): Promise<string | null> {
  const view = await openMatch(ctx, trainee.enrollment, ['active']);
  if (view) return view.mentee.id === trainee.enrollment.id ? view.mentor.personId : null;
  return completedMentorId(ctx, trainee.enrollment);
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
