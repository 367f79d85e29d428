import type { CommandContext } from '../commands/types.js';
import type { CertificationItem, Enrollment } from '../domain.js';
import { loadPortfolio } from './completion.js';
import { waitingItems } from './portfolio.js';
import { traineeOfEnrollment } from './trainee.js';

/**
 * The one answer to "what of this trainee's portfolio waits for their mentor": items handed in and
 * not yet decided, and none once a certificate froze the portfolio. Status and digests ask here.
 */
export async function itemsToVerify(ctx: Pick<CommandContext, 'store' | 'workspace'>, mentee: Enrollment): Promise<CertificationItem[]> {
  const trainee = await traineeOfEnrollment(ctx as CommandContext, mentee.id);
  return trainee ? waitingItems(await loadPortfolio(ctx, trainee)) : [];
}
