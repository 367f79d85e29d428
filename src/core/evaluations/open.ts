// Who may answer which evaluation: the button's enrollment must be the presser's own, in a
// program that runs evaluations, and the occasion must have come (a forged or early value is refused).
import { z } from 'zod';
import { programPosition } from '../clock/index.js';
import type { CommandContext } from '../commands/types.js';
import type { Enrollment, Program } from '../domain.js';
import { UserError } from '../errors.js';
import { parseOccasion, receiptKey, type Occasion } from './occasions.js';

const ANSWERING_ROLES = new Set(['mentor', 'mentee']);
const ANSWERING_STATUSES = new Set(['active', 'paused', 'completed']);
const EXPIRED = "That survey button isn't yours or has expired.";

export interface OpenEvaluation {
  enrollment: Enrollment;
  program: Program;
  occasion: Occasion;
}

async function occasionHasCome(ctx: CommandContext, enrollment: Enrollment, program: Program, occasion: Occasion): Promise<boolean> {
  const evaluations = program.template.evaluations!;
  const position = enrollment.startDate
    ? programPosition({ startDate: enrollment.startDate, timeZone: ctx.actor.timeZone, pauses: enrollment.pauses, template: program.template }, ctx.now)
    : null;
  switch (occasion.kind) {
    case 'periodic':
      // Asked the day after week N ends; accepted from week N on, so a late-night nudge isn't refused.
      return occasion.week % evaluations.everyWeeks === 0 && !!position && (position.state === 'finished' || position.week >= occasion.week);
    case 'program-end':
      return evaluations.atEnd && (enrollment.status === 'completed' || position?.state === 'finished');
    case 'match-end': {
      const match = await ctx.store.matches.get(occasion.matchId);
      const mine = match && (match.mentorEnrollmentId === enrollment.id || match.menteeEnrollmentId === enrollment.id);
      return evaluations.atEnd && !!mine && match.status === 'ended';
    }
  }
}

/** Parses and checks `<enrollmentId>:<occasion>`; refuses a second answer. */
export async function openEvaluation(ctx: CommandContext, value: string | undefined): Promise<OpenEvaluation> {
  const at = value?.indexOf(':') ?? -1;
  const id = at > 0 ? value!.slice(0, at) : '';
  const occasion = at > 0 ? parseOccasion(value!.slice(at + 1)) : null;
  const enrollment = occasion && z.uuid().safeParse(id).success ? await ctx.store.enrollments.get(id) : null;
  if (!occasion || !enrollment || enrollment.personId !== ctx.actor.id || !ANSWERING_ROLES.has(enrollment.role) || !ANSWERING_STATUSES.has(enrollment.status)) {
    throw new UserError(EXPIRED, { code: 'FORBIDDEN' });
  }
  const program = await ctx.store.programs.get(enrollment.programId);
  if (!program || program.workspaceId !== ctx.workspace.id) throw new UserError(EXPIRED, { code: 'FORBIDDEN' });
  if (!program.template.evaluations) throw new UserError(`${program.name} doesn't run evaluations.`, { code: 'NO_EVALUATIONS' });
  if (!(await occasionHasCome(ctx, enrollment, program, occasion))) throw new UserError("That survey isn't open for you yet.", { code: 'NOT_YET' });
  if (await ctx.store.evaluations.hasAnswered(enrollment.id, receiptKey(occasion))) {
    throw new UserError("You've already answered this survey — thank you. Each survey takes one answer per person.", { code: 'DUPLICATE' });
  }
  return { enrollment, program, occasion };
}
