// The volunteer's side of a peer referral: the release (same rules and wording style as the
// mentee's release of information: first name and phone only, purpose, expiry, revocable,
// audited), saying no, and withdrawing — each of which tells the other people involved.
import type { CommandContext } from '../commands/types.js';
import type { PeerReferral, Program } from '../domain.js';
import { UserError } from '../errors.js';
import { validateContact } from '../consent/release.js';
import { message, privateReply, type Form, type Outbound, type Outcome } from '../messages/model.js';
import { coordinatorIds } from '../programs/resolve.js';
import { formatLocalDate } from '../time/local-date.js';

export const PEER_RELEASE_FORM = 'peer-release';
export const PEER_REVIEW_ACTION = 'peer.review';
export const PEER_DECLINE_ACTION = 'peer.decline';
export const PEER_WITHDRAW_ACTION = 'peer.withdraw';
const DAY_MS = 86_400_000;

export const dm = (personId: string, text: string): Outbound => ({ to: { kind: 'person', personId }, message: message(text) });

/** The program's referral settings, or a private "this program does not arrange them". */
export function referralSettings(program: Program) {
  const settings = program.template.peerReferral;
  if (!settings) throw new UserError(`${program.name} does not arrange conversations with other participants.`, { code: 'NO_REFERRALS' });
  return settings;
}

const expiryFrom = (now: Date, program: Program) => new Date(now.getTime() + referralSettings(program).defaultExpiryDays * DAY_MS);

export function peerReleaseForm(ctx: CommandContext, program: Program, referral: PeerReferral): Form {
  const s = referralSettings(program);
  const expires = formatLocalDate(expiryFrom(ctx.now, program), ctx.actor.timeZone);
  return {
    id: PEER_RELEASE_FORM,
    title: 'Release of information',
    submitLabel: 'Sign',
    context: referral.id,
    inputs: [
      { kind: 'text', id: 'first_name', label: 'Your first name (the only name they see)', maxLength: 50 },
      { kind: 'text', id: 'phone', label: 'Your phone number', placeholder: '+1 555 010 0199', maxLength: 30 },
      {
        kind: 'choice',
        id: 'agree',
        label: `${s.text} Recipient: the one participant who asked. Purpose: ${s.purpose} Expires: ${expires}. Wording ${s.wordingVersion}.`.slice(0, 2000),
        choices: [{ value: 'sign', label: 'I sign this release' }, { value: 'decline', label: 'No, thank you' }],
      },
    ],
  };
}

/** A referral waiting for this volunteer's answer (buttons and forms carry its id; anyone else is refused). */
export async function askedOf(ctx: CommandContext, referralId: string): Promise<{ referral: PeerReferral; program: Program }> {
  const referral = referralId ? await ctx.store.referrals.get(referralId) : null;
  const program = referral ? await ctx.store.programs.get(referral.programId) : null;
  if (!referral || !program || referral.volunteerPersonId !== ctx.actor.id || referral.status !== 'asked' || program.workspaceId !== ctx.workspace.id) {
    throw new UserError('That request is no longer waiting for you.', { code: 'NO_REFERRAL' });
  }
  return { referral, program };
}

export async function signPeerRelease(ctx: CommandContext, program: Program, referral: PeerReferral, firstName: string, phone: string): Promise<Outcome> {
  const s = referralSettings(program);
  const contact = validateContact(firstName, phone);
  const released = await ctx.store.referrals.release(referral.id, { contact, purpose: s.purpose, wordingVersion: s.wordingVersion, signedAt: ctx.now, expiresAt: expiryFrom(ctx.now, program) });
  await ctx.store.audit.record({
    actorPersonId: ctx.actor.id, action: 'peer.release-signed', subjectType: 'peer-referral', subjectId: referral.id,
    details: { scope: ['first_name', 'phone'], recipientPersonId: referral.requesterPersonId, purpose: s.purpose, wordingVersion: s.wordingVersion, expiresAt: released.expiresAt!.toISOString() },
  });
  const requester = (await ctx.store.people.get(referral.requesterPersonId))!;
  const until = (tz: string) => formatLocalDate(released.expiresAt!, tz);
  const coordinators = await coordinatorIds(ctx, program.id);
  return privateReply(
    {
      text: `Thank you — your release is signed (expires ${until(ctx.actor.timeZone)}).`,
      blocks: [
        { type: 'text', text: `Thank you — your release is signed (expires ${until(ctx.actor.timeZone)}). Only the one participant who asked sees your first name and phone number, nothing else. You can withdraw it at any time with \`/mentor peer withdraw\`.` },
        { type: 'actions', buttons: [{ action: PEER_WITHDRAW_ACTION, value: referral.id, label: 'Withdraw my release', style: 'danger' }] },
      ],
    },
    [
      dm(requester.id, `A participant who has a mentor agreed to talk with you about what it is like. \`/mentor peer contact\` shows their first name and phone number while their release is in force (until ${until(requester.timeZone)}).`),
      ...coordinators.map((id) => dm(id, `The participant you asked agreed and signed a release: ${requester.displayName} can now reach them in ${program.name}.`)),
    ],
  );
}

export async function declinePeerRequest(ctx: CommandContext, program: Program, referral: PeerReferral): Promise<Outcome> {
  await ctx.store.referrals.unask(referral.id);
  await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'peer.declined', subjectType: 'peer-referral', subjectId: referral.id, details: {} });
  const requester = (await ctx.store.people.get(referral.requesterPersonId))!;
  const coordinators = await coordinatorIds(ctx, program.id);
  return privateReply(message("Understood — nothing was shared, and saying no doesn't affect your standing in any way."),
    coordinators.map((id) => dm(id, `The participant you asked to talk with ${requester.displayName} said no, thank you. You can ask someone else with \`/mentor admin refer\`.`)));
}

/** Closes a referral at once (its contact erased) and tells the other side and the coordinators what they need to know. */
export async function withdrawReferral(ctx: CommandContext, program: Program, referral: PeerReferral): Promise<Outbound[]> {
  await ctx.store.referrals.withdraw(referral.id, ctx.actor.id, ctx.now);
  await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'peer.withdrawn', subjectType: 'peer-referral', subjectId: referral.id, details: { status: referral.status } });
  const coordinators = await coordinatorIds(ctx, program.id);
  const requester = await ctx.store.people.get(referral.requesterPersonId);
  if (ctx.actor.id === referral.requesterPersonId) {
    const volunteer = referral.volunteerPersonId ? [dm(referral.volunteerPersonId, `The participant who asked to talk with you in ${program.name} no longer needs to. Your first name and phone number are no longer shared.`)] : [];
    return [...volunteer, ...coordinators.map((id) => dm(id, `${requester?.displayName ?? 'A participant'} withdrew their request to talk with a participant who has a mentor in ${program.name}.`))];
  }
  const toRequester = referral.status === 'released'
    ? [dm(referral.requesterPersonId, `The participant you were put in touch with in ${program.name} has withdrawn their release; their contact details are no longer available to you. \`/mentor peer request\` asks your coordinator again if you'd like to talk with someone.`)]
    : [];
  return [...toRequester, ...coordinators.map((id) => dm(id, `The participant asked to talk with ${requester?.displayName ?? 'a participant'} in ${program.name} withdrew; they were told and can ask again with \`/mentor peer request\`.`))];
}
