// Leaving with one's data: `/mentor withdraw` asks for a confirmation (and points to
// `/mentor export` first); confirming ends the person's matches with a neutral notice to the
// other side, rescinds every release they gave or received, closes their peer referrals, cancels
// their planned nudges and erases their private data in every program. The audit keeps that they
// withdrew and how much was erased — never what.
import { textNaming } from '../commands/naming.js';
import type { ActionSpec, CommandContext, CommandSpec } from '../commands/types.js';
import { UserError } from '../errors.js';
import { message, privateReply, type Outbound } from '../messages/model.js';
import { endMatch } from '../matching/end-match.js';
import { openMatches } from '../matching/current-match.js';
import { withdrawReferral } from '../referrals/release.js';

export const WITHDRAW_ACTION = 'withdraw.confirm';

const dm = (personId: string, text: string): Outbound => ({ to: { kind: 'person', personId }, message: message(text) });

/** Ends every open match of the person, in every program; the other side hears only that it ended. */
async function endAllMatches(ctx: CommandContext): Promise<Outbound[]> {
  const outbound: Outbound[] = [];
  for (const enrollment of await ctx.store.enrollments.listForPerson(ctx.actor.id)) {
    if (enrollment.role !== 'mentor' && enrollment.role !== 'mentee') continue;
    const program = await ctx.store.programs.get(enrollment.programId);
    if (!program) continue;
    for (const view of await openMatches(ctx, enrollment, ['proposed', 'active'])) {
      await endMatch(ctx, program, view, 'withdrawn');
      const again = view.counterpart.id === view.mentee.id ? ' If you would like a new mentor, `/mentor request-mentor` tells your coordinator.' : '';
      outbound.push(dm(view.counterpart.personId, `Your match in ${program.name} has ended: the other person has stepped away from the program. There is nothing you need to do.${again}`));
    }
  }
  return outbound;
}

async function closeReferrals(ctx: CommandContext): Promise<Outbound[]> {
  const outbound: Outbound[] = [];
  for (const referral of await ctx.store.referrals.listOpen(ctx.actor.id, ctx.now)) {
    const program = await ctx.store.programs.get(referral.programId);
    if (program) outbound.push(...(await withdrawReferral(ctx, program, referral)));
  }
  return outbound;
}

export const withdrawCommand: CommandSpec = {
  path: ['withdraw'],
  section: 'account',
  summary: 'leave every program and have your private data erased (asks you to confirm; `/mentor export` first keeps a copy)',
  args: [],
  requires: 'anyone',
  async run(ctx) {
    if (ctx.actor.withdrawnAt) return privateReply(message('You have already withdrawn: nothing private of yours is kept.'));
    const exportCmd = (ctx.naming ?? textNaming).command(['export']);
    const text = 'Withdrawing ends your matches (the other person is told only that the match ended), revokes every release of information, cancels your reminders, and erases your private data in every program: notes, journal, survey answers, contact details, portfolio text and mentor answers. It cannot be undone. A record that you withdrew, without any content, remains.';
    return privateReply({
      text: 'Withdraw and erase your data?',
      blocks: [
        { type: 'heading', text: 'Withdraw and erase your data?' },
        { type: 'text', text },
        { type: 'text', text: `Want a copy first? \`${exportCmd}\` shows everything Trellis holds about you.` },
        { type: 'actions', buttons: [{ action: WITHDRAW_ACTION, value: ctx.actor.id, label: 'Withdraw and erase my data', style: 'danger' }] },
      ],
    });
  },
};

export const withdrawConfirmAction: ActionSpec = {
  action: WITHDRAW_ACTION,
  async run(ctx, personId) {
    if (personId !== ctx.actor.id) throw new UserError('That button is not for you.', { code: 'FORBIDDEN' });
    if (ctx.actor.withdrawnAt) return privateReply(message('You have already withdrawn: nothing private of yours is kept.'));
    const outbound = [...(await endAllMatches(ctx)), ...(await closeReferrals(ctx))];
    for (const { consentId, matchId } of await ctx.store.privacy.revokeReleases(ctx.actor.id, ctx.now)) {
      await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'consent.rescinded-on-withdrawal', subjectType: 'match', subjectId: matchId, details: { consentId } });
    }
    const erased = await ctx.store.privacy.erasePerson(ctx.actor.id, ctx.now);
    await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'person.withdrawn', subjectType: 'person', subjectId: ctx.actor.id, details: { ...erased } });
    return privateReply(message('You have withdrawn. Your matches have ended, your releases are revoked, your reminders are cancelled, and your private data is erased for good. Thank you for the part you took — you are welcome back any time.'), outbound);
  },
};
