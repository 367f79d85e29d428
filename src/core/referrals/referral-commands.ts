// Peer referrals, as the Q&A describes them: a participant may talk with another participant
// about what having a mentor is like, if that person is willing to have their first name and
// phone released. The requester asks (one command), the coordinator finds someone willing and
// asks them (`admin refer`), that person signs a release for that one requester, and only then
// does the requester get the contact. Either side can withdraw at once.
import { textNaming } from '../commands/naming.js';
import { refilled } from '../commands/form-checks.js';
import { validateReleaseForm } from '../consent/release.js';
import { scopeOf, type ActionSpec, type CommandContext, type CommandSpec, type FormSpec } from '../commands/types.js';
import type { PeerReferral } from '../domain.js';
import { UserError } from '../errors.js';
import { formReply, message, privateReply } from '../messages/model.js';
import { coordinatorIds } from '../programs/resolve.js';
import {
  askedOf, declinePeerRequest, dm, PEER_DECLINE_ACTION, PEER_RELEASE_FORM, PEER_REVIEW_ACTION, PEER_WITHDRAW_ACTION,
  peerReleaseForm, referralSettings, signPeerRelease, withdrawReferral,
} from './release.js';

const open = (ctx: CommandContext, programId: string) => ctx.store.referrals.listOpen(ctx.actor.id, ctx.now, programId);
const asRequester = (ctx: CommandContext, r: PeerReferral) => r.requesterPersonId === ctx.actor.id;

export const peerRequestCommand: CommandSpec = {
  path: ['peer', 'request'],
  summary: 'ask to talk with another participant who has a mentor, about what it is like',
  args: [],
  requires: 'participant',
  async run(ctx) {
    const { program } = scopeOf(ctx);
    referralSettings(program);
    const mine = (await open(ctx, program.id)).filter((r) => asRequester(ctx, r));
    if (mine.some((r) => r.status === 'released')) return privateReply(message('Someone already agreed to talk with you: `/mentor peer contact` shows their first name and phone number.'));
    if (mine.length) return privateReply(message('Your coordinator already knows you would like to talk with someone; they will ask a participant who has a mentor. Nothing was sent again.'));
    const referral = await ctx.store.referrals.create({ programId: program.id, requesterPersonId: ctx.actor.id, requestedAt: ctx.now });
    await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'peer.requested', subjectType: 'peer-referral', subjectId: referral.id, details: {} });
    const refer = (ctx.naming ?? textNaming).command(['admin', 'refer']);
    const coordinators = (await coordinatorIds(ctx, program.id)).filter((id) => id !== ctx.actor.id);
    return privateReply(
      message("I let your coordinator know you'd like to talk with a participant who has a mentor. They will ask someone willing; once that person agrees and signs a release, I'll tell you, and `/mentor peer contact` will show their first name and phone number. Nothing about you is shared with them."),
      coordinators.map((id) => dm(id, `${ctx.actor.displayName} would like to talk with a participant who has a mentor, about what it is like (${program.name}). When you find someone willing, \`${refer} @${ctx.identity.handle} @them\` asks them; their contact reaches ${ctx.actor.displayName} only after they sign a release.`)),
    );
  },
};

export const peerContactCommand: CommandSpec = {
  path: ['peer', 'contact'],
  summary: 'the first name and phone of the participant who agreed to talk with you, while their release is in force',
  args: [],
  requires: 'participant',
  async run(ctx) {
    const { program } = scopeOf(ctx);
    referralSettings(program);
    const released = (await open(ctx, program.id)).filter((r) => asRequester(ctx, r) && r.status === 'released');
    for (const referral of released) {
      const contact = await ctx.store.referrals.contactInForce(referral.id, ctx.now);
      if (!contact) continue;
      await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'peer.contact-viewed', subjectType: 'peer-referral', subjectId: referral.id, details: {} });
      return privateReply(message(`${contact.firstName ?? '(no first name given)'} — ${contact.phone ?? '(no phone given)'}. They agreed to talk about what having a mentor is like.`));
    }
    return privateReply(message('Nobody has agreed and signed a release for you yet, so there is no contact to show. `/mentor peer request` asks your coordinator.'));
  },
};

export const peerSignCommand: CommandSpec = {
  path: ['peer', 'sign'],
  summary: 'agree to talk with the participant who asked, and sign the release of your first name and phone to them',
  args: [
    { name: 'first-name', kind: 'word', description: 'your first name, the only name they see', maxLength: 50 },
    { name: 'phone', kind: 'text', description: 'your phone number, e.g. +1 555 010 0199', variadic: true, maxLength: 30 },
  ],
  requires: 'participant',
  async run(ctx, args) {
    const { program } = scopeOf(ctx);
    const asked = (await open(ctx, program.id)).filter((r) => r.volunteerPersonId === ctx.actor.id && r.status === 'asked');
    if (asked.length === 0) throw new UserError('Nobody is waiting for your answer about a conversation.', { code: 'NO_REFERRAL' });
    return signPeerRelease(ctx, program, asked[0]!, args.requiredString('first-name'), args.requiredString('phone'));
  },
};

export const peerWithdrawCommand: CommandSpec = {
  path: ['peer', 'withdraw'],
  summary: 'withdraw at once: your request to talk, or the release of your contact to the participant who asked',
  args: [],
  requires: 'participant',
  async run(ctx) {
    const { program } = scopeOf(ctx);
    const referrals = await open(ctx, program.id);
    if (referrals.length === 0) throw new UserError('You have no conversation request or release to withdraw.', { code: 'NO_REFERRAL' });
    const outbound = (await Promise.all(referrals.map((r) => withdrawReferral(ctx, program, r)))).flat();
    return privateReply(message('Withdrawn. Nothing more is shared, and the other person no longer sees any contact details.'), outbound);
  },
};

export const referCommand: CommandSpec = {
  path: ['admin', 'refer'],
  summary: 'ask a willing participant who has a mentor to talk with someone who asked; they decide and sign a release',
  args: [
    { name: 'requester', kind: 'person', description: 'the participant who asked to talk with someone' },
    { name: 'volunteer', kind: 'person', description: 'a participant who has a mentor and may be willing' },
  ],
  requires: 'coordinator',
  async run(ctx, args) {
    const { program } = scopeOf(ctx);
    referralSettings(program);
    const [requester, volunteer] = [args.requiredPerson('requester'), args.requiredPerson('volunteer')];
    const pending = (await ctx.store.referrals.listOpen(requester.id, ctx.now, program.id)).filter((r) => r.requesterPersonId === requester.id);
    const waiting = pending.find((r) => r.status === 'requested');
    if (!waiting) {
      const why = pending.length ? 'someone was already asked for them' : 'they have not asked to talk with a participant';
      throw new UserError(`Nothing to arrange for ${requester.displayName}: ${why}.`, { code: 'NO_REFERRAL' });
    }
    if (volunteer.id === requester.id) throw new UserError('Choose someone other than the person who asked.', { code: 'SELF_MATCH', argument: 'volunteer' });
    const enrollment = await ctx.store.enrollments.find(program.id, volunteer.id, 'mentee');
    const hasMentor = enrollment && (enrollment.status === 'active' || enrollment.status === 'paused') && (await ctx.store.matches.listForEnrollment(enrollment.id)).some((m) => m.activatedAt !== null);
    if (!hasMentor || volunteer.withdrawnAt) throw new UserError(`${volunteer.displayName} is not a participant who has (or had) a mentor in ${program.name}.`, { code: 'NOT_ELIGIBLE', argument: 'volunteer' });
    const referral = await ctx.store.referrals.ask(waiting.id, volunteer.id, ctx.now);
    await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'peer.asked', subjectType: 'peer-referral', subjectId: referral.id, details: { volunteerPersonId: volunteer.id } });
    const text = `A participant in ${program.name} would like to hear what having a mentor is like, and your coordinator thought of you. Only if you agree and sign a release do they get your first name and phone number — nothing else, and nothing about them is shared with you. Saying no is fine.`;
    return privateReply(message(`Asked ${volunteer.displayName}. If they agree and sign a release, ${requester.displayName} gets their first name and phone; you'll be told either way.`), [{
      to: { kind: 'person', personId: volunteer.id },
      message: {
        text: 'A participant would like to hear what having a mentor is like.',
        blocks: [
          { type: 'text', text },
          { type: 'actions', buttons: [
            { action: PEER_REVIEW_ACTION, value: referral.id, label: 'Read the release', style: 'primary' },
            { action: PEER_DECLINE_ACTION, value: referral.id, label: 'No, thank you' },
          ] },
        ],
      },
    }]);
  },
};

export const peerReviewAction: ActionSpec = {
  action: PEER_REVIEW_ACTION,
  async run(ctx, referralId) {
    const { referral, program } = await askedOf(ctx, referralId);
    return formReply(peerReleaseForm(ctx, program, referral));
  },
};

export const peerDeclineAction: ActionSpec = {
  action: PEER_DECLINE_ACTION,
  async run(ctx, referralId) {
    const { referral, program } = await askedOf(ctx, referralId);
    return declinePeerRequest(ctx, program, referral);
  },
};

export const peerWithdrawAction: ActionSpec = {
  action: PEER_WITHDRAW_ACTION,
  async run(ctx, referralId) {
    const referral = referralId ? await ctx.store.referrals.get(referralId) : null;
    const program = referral ? await ctx.store.programs.get(referral.programId) : null;
    const mine = referral && (referral.requesterPersonId === ctx.actor.id || referral.volunteerPersonId === ctx.actor.id);
    if (!referral || !program || !mine || referral.status === 'withdrawn') throw new UserError('There is nothing left to withdraw there.', { code: 'NO_REFERRAL' });
    return privateReply(message('Withdrawn. Nothing more is shared.'), await withdrawReferral(ctx, program, referral));
  },
};

export const peerReleaseFormSpec: FormSpec = {
  formId: PEER_RELEASE_FORM,
  validate: validateReleaseForm,
  async refill(ctx, values, context) {
    const asked = await askedOf(ctx, context ?? '').catch(() => null);
    return asked ? refilled(peerReleaseForm(ctx, asked.program, asked.referral), values) : undefined;
  },
  async run(ctx, values, context) {
    const { referral, program } = await askedOf(ctx, context ?? '');
    if (values.agree !== 'sign') return declinePeerRequest(ctx, program, referral);
    return signPeerRelease(ctx, program, referral, values.first_name ?? '', values.phone ?? '');
  },
};

export const referralCommands = [peerRequestCommand, peerContactCommand, peerSignCommand, peerWithdrawCommand];
export const referralActions = [peerReviewAction, peerDeclineAction, peerWithdrawAction];
