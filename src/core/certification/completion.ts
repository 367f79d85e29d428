import type { CommandContext } from '../commands/types.js';
import { message, type Outbound } from '../messages/model.js';
import { coordinatorIds } from '../programs/resolve.js';
import { isComplete, portfolioState, type PortfolioState } from './portfolio.js';
import type { Trainee } from './trainee.js';

export const loadPortfolio = async (ctx: CommandContext, trainee: Trainee): Promise<PortfolioState> =>
  portfolioState(await ctx.store.certification.listForEnrollment(trainee.enrollment.id), trainee.review);

/**
 * The verification pillar, written down once: when the evidence first becomes complete, a
 * `verification` item records who confirmed the last of it and when, and the coordinators learn
 * that the portfolio is ready (nothing else). Returns the messages to send.
 */
export async function recordVerificationIfComplete(ctx: CommandContext, trainee: Trainee, traineeName: string): Promise<Outbound[]> {
  const state = await loadPortfolio(ctx, trainee);
  if (state.verification || !isComplete(state)) return [];
  const lastVerified = state.cases.filter((c) => c.status === 'verified').sort((a, b) => a.verifiedAt!.getTime() - b.verifiedAt!.getTime()).at(-1)!;
  const item = await ctx.store.certification.create({
    enrollmentId: trainee.enrollment.id, kind: 'verification', title: 'Evidence verified', body: null,
    status: 'verified', verifiedById: lastVerified.verifiedById, verifiedAt: ctx.now, createdAt: ctx.now,
  });
  await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'portfolio.complete', subjectType: 'certification_item', subjectId: item.id, details: { enrollmentId: trainee.enrollment.id } });
  const text = `${traineeName}'s certification portfolio in ${trainee.program.name} is complete and verified by their mentor. Issue the certificate with \`/mentor admin certify\` and a mention of them.`;
  return (await coordinatorIds(ctx, trainee.program.id)).map((personId) => ({ to: { kind: 'person', personId }, message: message(text) }));
}

/** Once the evidence is verified as complete (or certified), what was confirmed stays as it was. */
export const isLocked = (state: PortfolioState): boolean => !!state.verification || !!state.certificate;
