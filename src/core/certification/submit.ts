// What every hand-in shares: the trainee's own portfolio while it can still change, the mentor
// told that something waits (its kind only), the audit row, and the reply pointing at the portfolio.
import { z } from 'zod';
import type { CommandContext } from '../commands/types.js';
import type { CertificationItem } from '../domain.js';
import { UserError } from '../errors.js';
import { message, privateReply, type Outbound, type Outcome } from '../messages/model.js';
import { loadPortfolio, recordVerificationIfComplete } from './completion.js';
import { isFrozen, isLocked, type PortfolioState } from './portfolio.js';
import { activeMentorId, scopedTrainee, traineeOfEnrollment, type Trainee } from './trainee.js';

export const MAX_BODY = 4000;
export const MAX_TITLE = 120;

/** Why nothing can change any more, in the trainee's words. */
export const lockedText = (s: PortfolioState): string =>
  isFrozen(s) ? 'Your certificate has been issued, so your portfolio stays as it was then.' : 'Your mentor has verified all of your portfolio, so it no longer changes.';

export async function requireOpen(ctx: Pick<CommandContext, 'store'>, trainee: Trainee): Promise<PortfolioState> {
  const state = await loadPortfolio(ctx, trainee);
  if (isLocked(state)) throw new UserError(lockedText(state), { code: 'LOCKED' });
  return state;
}

/** The actor's portfolio (the enrollment the router chose), while it can still change. */
export async function openPortfolio(ctx: CommandContext): Promise<{ trainee: Trainee; state: PortfolioState }> {
  const trainee = scopedTrainee(ctx);
  return { trainee, state: await requireOpen(ctx, trainee) };
}

/** The actor's own portfolio from a form's or button's enrollment id (anyone can forge those, so check). */
export async function ownPortfolio(ctx: CommandContext, enrollmentId: string | undefined, again: string): Promise<{ trainee: Trainee; state: PortfolioState }> {
  const trainee = enrollmentId && z.uuid().safeParse(enrollmentId).success ? await traineeOfEnrollment(ctx, enrollmentId) : null;
  const live = trainee && (trainee.enrollment.status === 'active' || trainee.enrollment.status === 'paused');
  if (!trainee || !live || trainee.enrollment.personId !== ctx.actor.id) {
    throw new UserError(`That form is not yours or has expired. Run \`${again}\` again.`, { code: 'FORM_EXPIRED' });
  }
  return { trainee, state: await requireOpen(ctx, trainee) };
}

/** Tells the active mentor something is waiting (what kind only: they read it in the review). */
async function tellMentor(ctx: CommandContext, trainee: Trainee, what: string): Promise<Outbound[]> {
  const mentorId = await activeMentorId(ctx, trainee);
  if (!mentorId) return [];
  const text = `${ctx.actor.displayName} sent ${what} for you to verify. \`/mentor portfolio review @${ctx.identity.handle}\` shows what is waiting.`;
  return [{ to: { kind: 'person', personId: mentorId }, message: message(text) }];
}

/** After a hand-in: audit, tell the mentor when it now waits for them, and reply. */
export async function saved(ctx: CommandContext, trainee: Trainee, item: CertificationItem, replyText: string, what: string): Promise<Outcome> {
  await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'portfolio.submitted', subjectType: 'certification_item', subjectId: item.id, details: { kind: item.kind } });
  const told = item.status === 'submitted' ? await tellMentor(ctx, trainee, what) : [];
  const outbound = [...told, ...(await recordVerificationIfComplete(ctx, trainee, ctx.actor.displayName))];
  return privateReply(message(`${replyText} \`/mentor portfolio\` shows where your portfolio stands.`), outbound);
}

/** The text as written; quotes around nothing but spaces still leave nothing to keep. */
export function requiredText(value: string | undefined, argument: string, what: string, usage?: string): string {
  const text = (value ?? '').trim();
  if (!text) throw new UserError(`Write your ${what} after the command.`, { code: 'EMPTY', usage, argument });
  return text;
}
