import type { CommandContext } from '../commands/types.js';
import type { CertificationItem } from '../domain.js';
import { message, type Outbound } from '../messages/model.js';
import { coordinatorIds } from '../programs/resolve.js';
import { isComplete, portfolioState, type PortfolioState } from './portfolio.js';
import type { Trainee } from './trainee.js';

export const loadPortfolio = async (ctx: Pick<CommandContext, 'store'>, trainee: Trainee): Promise<PortfolioState> =>
  portfolioState(await ctx.store.certification.listForEnrollment(trainee.enrollment.id), trainee.rules);

const reviewed = (s: PortfolioState): CertificationItem[] =>
  [s.contract, s.selfAssessment, ...s.cases, ...s.modules.map((m) => m.item)].filter((i): i is CertificationItem => i?.status === 'verified');

/**
 * The verification pillar, written down once: when the last piece of evidence is verified, a
 * `verification` item records who confirmed it and when, and the coordinators learn that the
 * portfolio is ready (nothing else). Returns the messages to send.
 */
export async function recordVerificationIfComplete(ctx: CommandContext, trainee: Trainee, traineeName: string): Promise<Outbound[]> {
  const state = await loadPortfolio(ctx, trainee);
  if (state.verification || state.certificate || !isComplete(state)) return [];
  const lastVerified = reviewed(state).sort((a, b) => a.verifiedAt!.getTime() - b.verifiedAt!.getTime()).at(-1)!;
  const item = await ctx.store.certification.create({
    enrollmentId: trainee.enrollment.id, kind: 'verification', title: 'Evidence verified', body: null,
    status: 'verified', verifiedById: lastVerified.verifiedById, verifiedAt: ctx.now, createdAt: ctx.now,
  });
  await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'portfolio.complete', subjectType: 'certification_item', subjectId: item.id, details: { enrollmentId: trainee.enrollment.id } });
  const text = `${traineeName}'s certification portfolio in ${trainee.program.name} is complete and verified by their mentor. \`/mentor admin certify\` with a mention of them issues the certificate once the final review window, supervision and hours allow.`;
  return (await coordinatorIds(ctx, trainee.program.id)).map((personId) => ({ to: { kind: 'person', personId }, message: message(text) }));
}
