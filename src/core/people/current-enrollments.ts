import type { CommandContext } from '../commands/types.js';
import type { Enrollment, Program } from '../domain.js';
import { UserError } from '../errors.js';

export interface EnrollmentInProgram {
  enrollment: Enrollment;
  program: Program;
}

/** The actor's live enrollments (active or paused) in this workspace's programs. */
export async function liveEnrollments(ctx: CommandContext): Promise<EnrollmentInProgram[]> {
  const enrollments = await ctx.store.enrollments.listForPerson(ctx.actor.id);
  const live: EnrollmentInProgram[] = [];
  for (const enrollment of enrollments.filter((e) => e.status === 'active' || e.status === 'paused')) {
    const program = await ctx.store.programs.get(enrollment.programId);
    if (program && program.workspaceId === ctx.workspace.id) live.push({ enrollment, program });
  }
  return live;
}

/** Live enrollments, or a helpful private answer when there are none. */
export async function requireLiveEnrollments(ctx: CommandContext): Promise<EnrollmentInProgram[]> {
  const live = await liveEnrollments(ctx);
  if (live.length > 0) return live;
  const programs = await ctx.store.programs.listByWorkspace(ctx.workspace.id);
  const names = programs.map((p) => `\`${p.slug}\``).join(', ');
  throw new UserError(
    programs.length
      ? `You're not enrolled in a program yet. Join one with \`/mentor join <program>\` — here you can join ${names}.`
      : "You're not enrolled in a program yet, and this workspace has none. A coordinator can start one with `/mentor admin program create`.", { code: 'NOT_ENROLLED' },
  );
}
