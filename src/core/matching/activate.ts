import type { CommandContext } from '../commands/types.js';
import type { Match, Program } from '../domain.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Activating a match starts the first-call clock (when the program has one). */
export async function activateMatch(ctx: CommandContext, match: Match, program: Program): Promise<Match> {
  const days = program.template.firstCallWithinDays;
  const updated = await ctx.store.matches.update(match.id, {
    status: 'active',
    activatedAt: ctx.now,
    firstCallDueAt: days ? new Date(ctx.now.getTime() + days * DAY_MS) : null,
  });
  await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'match.activated', subjectType: 'match', subjectId: match.id, details: { firstCallDueAt: updated.firstCallDueAt?.toISOString() ?? null } });
  return updated;
}

export type FirstCallState = { kind: 'none' } | { kind: 'done'; at: Date } | { kind: 'due'; daysLeft: number; dueAt: Date } | { kind: 'overdue'; daysLate: number; dueAt: Date };

/** Where the first-call clock stands: days left (rounded up) or days late (rounded down). */
export function firstCallState(match: Match, now: Date): FirstCallState {
  if (match.firstCallAt) return { kind: 'done', at: match.firstCallAt };
  if (!match.firstCallDueAt || match.status !== 'active') return { kind: 'none' };
  const left = match.firstCallDueAt.getTime() - now.getTime();
  if (left >= 0) return { kind: 'due', daysLeft: Math.ceil(left / DAY_MS), dueAt: match.firstCallDueAt };
  return { kind: 'overdue', daysLate: Math.max(1, Math.floor(-left / DAY_MS)), dueAt: match.firstCallDueAt };
}
