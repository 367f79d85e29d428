import type { CommandContext } from '../commands/types.js';
import type { Enrollment, Program, Role } from '../domain.js';
import { UserError } from '../errors.js';
import { requireLiveEnrollments } from '../people/current-enrollments.js';

export interface Participation {
  enrollment: Enrollment;
  program: Program;
}

/**
 * The enrollment a participant command is about: the only live one, or the one named with
 * `--program`. `roles` narrows it (e.g. only mentors and mentees log calls).
 */
export async function resolveParticipation(ctx: CommandContext, slug: string | undefined, usage: string, roles?: Role[]): Promise<Participation> {
  const live = (await requireLiveEnrollments(ctx)).filter((p) => !roles || roles.includes(p.enrollment.role));
  const chosen = slug ? live.filter((p) => p.program.slug === slug) : live;
  if (chosen.length === 1) return chosen[0]!;
  if (chosen.length === 0) {
    const what = roles ? ` as ${roles.join(' or ')}` : '';
    throw new UserError(slug ? `You're not enrolled in \`${slug}\`${what}.` : `You're not enrolled in a program${what}.`, { code: 'NOT_ENROLLED', usage });
  }
  const names = chosen.map((p) => `\`${p.program.slug}\` (${p.enrollment.role})`).join(', ');
  throw new UserError(`You take part in several programs: ${names}. Add \`--program <name>\` to say which.`, { code: 'AMBIGUOUS_PROGRAM', usage });
}

/** The program a coordinator command is about, checking the actor coordinates it. */
export async function resolveCoordinatedProgram(ctx: CommandContext, slug: string | undefined, usage: string): Promise<Participation> {
  const coordinating: Participation[] = [];
  for (const enrollment of await ctx.store.enrollments.listForPerson(ctx.actor.id)) {
    if (enrollment.role !== 'coordinator' || enrollment.status !== 'active') continue;
    const program = await ctx.store.programs.get(enrollment.programId);
    if (program && program.workspaceId === ctx.workspace.id) coordinating.push({ enrollment, program });
  }
  const chosen = slug ? coordinating.filter((p) => p.program.slug === slug) : coordinating;
  if (chosen.length === 1) return chosen[0]!;
  if (coordinating.length === 0) throw new UserError('Only a program coordinator can do that.', { code: 'FORBIDDEN' });
  if (chosen.length === 0) throw new UserError(`You don't coordinate a program called \`${slug}\`.`, { code: 'FORBIDDEN', usage });
  const names = chosen.map((p) => `\`${p.program.slug}\``).join(', ');
  throw new UserError(`You coordinate several programs (${names}). Add \`--program <name>\` to say which.`, { code: 'AMBIGUOUS_PROGRAM', usage });
}

/** Coordinators of a program (to tell them things), as person ids. */
export async function coordinatorIds(ctx: CommandContext, programId: string): Promise<string[]> {
  const rows = await ctx.store.enrollments.listForProgram(programId, 'coordinator');
  return rows.filter((e) => e.status === 'active').map((e) => e.personId);
}
