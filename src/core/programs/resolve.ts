import type { CommandContext, Requirement, Scope } from '../commands/types.js';
import type { Role } from '../domain.js';
import { UserError } from '../errors.js';
import { requireLiveEnrollments } from '../people/current-enrollments.js';

export type Participation = Scope;

const ROLES: Record<Exclude<Requirement, 'anyone' | 'coordinator'>, Role[]> = {
  participant: ['mentor', 'mentee'],
  mentor: ['mentor'],
  mentee: ['mentee'],
};

/**
 * The enrollment a participant command is about: the only live one, or the one named with
 * `--program`. `roles` narrows it (e.g. only mentors and mentees log calls).
 */
export async function resolveParticipation(ctx: CommandContext, slug: string | undefined, roles?: Role[]): Promise<Participation> {
  const live = (await requireLiveEnrollments(ctx)).filter((p) => !roles || roles.includes(p.enrollment.role));
  const chosen = slug ? live.filter((p) => p.program.slug === slug) : live;
  if (chosen.length === 1) return chosen[0]!;
  if (chosen.length === 0) {
    const what = roles ? ` as ${roles.join(' or ')}` : '';
    throw new UserError(slug ? `You're not enrolled in \`${slug}\`${what}.` : `You're not enrolled in a program${what}.`, { code: 'NOT_ENROLLED', usage: ctx.usage });
  }
  const names = chosen.map((p) => `\`${p.program.slug}\` (${p.enrollment.role})`).join(', ');
  throw new UserError(`You take part in several programs: ${names}. Add \`--program <name>\` to say which.`, { code: 'AMBIGUOUS_PROGRAM', usage: ctx.usage });
}

/** "Coordinator of": the programs of this workspace the actor actively coordinates. The one home of the rule. */
export async function coordinatedPrograms(ctx: CommandContext): Promise<Participation[]> {
  const coordinating: Participation[] = [];
  for (const enrollment of await ctx.store.enrollments.listForPerson(ctx.actor.id)) {
    if (enrollment.role !== 'coordinator' || enrollment.status !== 'active') continue;
    const program = await ctx.store.programs.get(enrollment.programId);
    if (program && program.workspaceId === ctx.workspace.id) coordinating.push({ enrollment, program });
  }
  return coordinating;
}

/** The program a coordinator command is about, checking the actor coordinates it. */
export async function resolveCoordinatedProgram(ctx: CommandContext, slug: string | undefined): Promise<Participation> {
  const coordinating = await coordinatedPrograms(ctx);
  const chosen = slug ? coordinating.filter((p) => p.program.slug === slug) : coordinating;
  if (chosen.length === 1) return chosen[0]!;
  if (coordinating.length === 0) throw new UserError('Only a program coordinator can do that.', { code: 'NOT_COORDINATOR' });
  if (chosen.length === 0) throw new UserError(`You don't coordinate a program called \`${slug}\`.`, { code: 'NOT_COORDINATOR', usage: ctx.usage });
  const names = chosen.map((p) => `\`${p.program.slug}\``).join(', ');
  throw new UserError(`You coordinate several programs (${names}). Add \`--program <name>\` to say which.`, { code: 'AMBIGUOUS_PROGRAM', usage: ctx.usage });
}

/** The router's role check: the scope a command with this requirement runs in, or a private refusal. */
export async function resolveScope(ctx: CommandContext, requires: Requirement, slug: string | undefined): Promise<Scope | undefined> {
  if (requires === 'anyone') return undefined;
  if (requires === 'coordinator') return resolveCoordinatedProgram(ctx, slug);
  return resolveParticipation(ctx, slug, ROLES[requires]);
}

/** Coordinators of a program (to tell them things), as person ids. */
export async function coordinatorIds(ctx: CommandContext, programId: string): Promise<string[]> {
  const rows = await ctx.store.enrollments.listForProgram(programId, 'coordinator');
  return rows.filter((e) => e.status === 'active').map((e) => e.personId);
}
