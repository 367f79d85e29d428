import type { CommandContext } from '../commands/types.js';
import type { EndReason, Program } from '../domain.js';
import { revokeRelease } from '../consent/sign.js';
import type { MatchView } from './current-match.js';

/** Ends a match: status and reason recorded, the mentee's release rescinded, audited. Hours and history stay. */
export async function endMatch(ctx: CommandContext, program: Program, view: MatchView, reason: EndReason): Promise<void> {
  await ctx.store.matches.update(view.match.id, { status: 'ended', endedAt: ctx.now, endReason: reason, endedById: ctx.actor.id });
  if (program.template.releaseOfInformation) await revokeRelease(ctx, { program, view }, 'rescinded-on-end');
  await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'match.ended', subjectType: 'match', subjectId: view.match.id, details: { reason } });
}
