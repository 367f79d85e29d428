import { scopeOf, type CommandContext } from '../commands/types.js';
import type { Enrollment, Person, Program } from '../domain.js';
import { UserError } from '../errors.js';
import { openMatch, openMatches } from '../matching/current-match.js';
import { completedMatchViews, completedMentorId } from '../matching/program-end.js';
import { certificationRules, type CertificationRulesInForce } from './rules.js';

/** A trainee (a mentee in a program with a final case review) and their program's rules. */
export interface Trainee {
  enrollment: Enrollment;
  program: Program;
  rules: CertificationRulesInForce;
}

const asTrainee = (enrollment: Enrollment, program: Program): Trainee | null => {
  const rules = certificationRules(program.template);
  return enrollment.role === 'mentee' && rules ? { enrollment, program, rules } : null;
};

/** The actor's own trainee enrollment: the mentee enrollment the router chose, in a program that certifies. */
export function scopedTrainee(ctx: CommandContext): Trainee {
  const { enrollment, program } = scopeOf(ctx);
  const trainee = asTrainee(enrollment, program);
  if (!trainee) throw new UserError(`${program.name} has no certification, so there is no portfolio to keep there.`, { code: 'NO_CERTIFICATION' });
  return trainee;
}

/** A trainee enrollment by id (from an item or a button), with its program, or null if it is not one. */
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

/**
 * A trainee whose mentorship with the actor completed at the program's end — its mentor stays the
 * verifier of the last items: the one named, or the only one when the actor has no open match.
 */
async function finishedTrainee(ctx: CommandContext, enrollment: Enrollment, program: Program, openWith: string[], named: Person | undefined): Promise<{ trainee: Trainee; person: Person } | null> {
  if (named ? openWith.includes(named.id) : openWith.length > 0) return null;
  const completed = await completedMatchViews(ctx, enrollment);
  const view = named ? completed.find((v) => v.counterpart.personId === named.id) : completed.length === 1 ? completed[0] : undefined;
  const trainee = view && asTrainee(view.mentee, program);
  const person = view && (await ctx.store.people.get(view.mentee.personId));
  return trainee && person ? { trainee, person } : null;
}

/**
 * The trainee a mentor's command is about, by the one rule of current-match.ts: the person named,
 * or the only trainee; with several and none named it asks which, never picking the newest.
 */
export async function chosenTrainee(ctx: CommandContext, named: Person | undefined): Promise<{ trainee: Trainee; person: Person }> {
  const { enrollment, program } = scopeOf(ctx);
  const open = await openMatches(ctx, enrollment);
  const finished = await finishedTrainee(ctx, enrollment, program, open.map((v) => v.counterpart.personId), named);
  if (finished) return finished;
  if (named && !open.some((v) => v.counterpart.personId === named.id)) {
    throw new UserError(`Only ${named.displayName}'s active mentor can review their portfolio, and you aren't that in ${program.name}.`, { code: 'FORBIDDEN', usage: ctx.usage });
  }
  const view = await openMatch(ctx, enrollment, ['active'], { personId: named?.id, argument: 'trainee' });
  const trainee = view && asTrainee(view.mentee, program);
  const person = view && (await ctx.store.people.get(view.mentee.personId));
  if (!view || !person) throw new UserError(`You have no active trainee in ${program.name} yet.`, { code: 'NOT_YOUR_MATCH' });
  if (!trainee) throw new UserError(`${program.name} has no certification, so there is no portfolio to review.`, { code: 'NO_CERTIFICATION' });
  return { trainee, person };
}
