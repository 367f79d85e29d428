import { takeProgramOption } from '../commands/args.js';
import type { ActionSpec, CommandContext, CommandSpec, FormSpec } from '../commands/types.js';
import { UserError } from '../errors.js';
import { formReply, message, privateReply, type Outcome } from '../messages/model.js';
import { openMatch } from '../matching/current-match.js';
import { formatLocalDate } from '../time/local-date.js';
import { RELEASE_FORM, releaseContext, releaseForm, type ReleaseContext } from './release.js';
import { revokeRelease, signRelease } from './sign.js';

const USAGE = '/mentor consent [sign <first name> <phone> | revoke]';

async function mentorName(ctx: CommandContext, rc: ReleaseContext): Promise<string> {
  return (await ctx.store.people.get(rc.view.mentor.personId))?.displayName ?? 'your mentor';
}

async function overview(ctx: CommandContext, rc: ReleaseContext): Promise<Outcome> {
  const consent = await ctx.store.consents.inForce(rc.view.match.id, ctx.now);
  const roi = rc.program.template.releaseOfInformation!;
  if (consent) {
    return privateReply({
      text: `Your release is in force until ${formatLocalDate(consent.expiresAt, ctx.actor.timeZone)}.`,
      blocks: [
        { type: 'text', text: `Your release is in force until ${formatLocalDate(consent.expiresAt, ctx.actor.timeZone)}: ${await mentorName(ctx, rc)} sees your first name and phone number, nothing else.` },
        { type: 'actions', buttons: [{ action: 'consent.revoke', value: rc.view.match.id, label: 'Revoke the release', style: 'danger' }] },
      ],
    });
  }
  return privateReply({
    text: 'Release of information',
    blocks: [
      { type: 'heading', text: 'Release of information' },
      { type: 'text', text: roi.text },
      { type: 'fields', fields: [
        { label: 'What', value: 'Your first name and phone number only' },
        { label: 'To whom', value: await mentorName(ctx, rc) },
        { label: 'Why', value: roi.purpose },
        { label: 'Until', value: formatLocalDate(new Date(ctx.now.getTime() + roi.defaultExpiryDays * 86_400_000), ctx.actor.timeZone) },
        { label: 'Wording', value: roi.wordingVersion },
      ] },
      { type: 'text', text: 'You can revoke it at any time with `/mentor consent revoke`. To sign by text: `/mentor consent sign <first name> <phone>`.' },
      { type: 'actions', buttons: [{ action: 'consent.review', value: rc.view.match.id, label: 'Sign the release', style: 'primary' }] },
    ],
  });
}

async function revoke(ctx: CommandContext, rc: ReleaseContext): Promise<Outcome> {
  if (!(await revokeRelease(ctx, rc))) throw new UserError('You have no release in force to revoke.', { code: 'NO_CONSENT' });
  return privateReply(message('Your release is revoked. Your mentor no longer sees your first name or phone number.'), [
    { to: { kind: 'person', personId: rc.view.mentor.personId }, message: message(`Your mentee in ${rc.program.name} has withdrawn their release; their contact details are no longer available to you.`) },
  ]);
}

export const consentCommand: CommandSpec = {
  path: ['consent'],
  usage: USAGE,
  summary: 'review, sign or revoke the release that lets your mentor contact you',
  async run(ctx, args) {
    const { slug, rest } = takeProgramOption(args);
    const rc = await releaseContext(ctx, slug, USAGE);
    const [sub, ...more] = rest;
    if (!sub) return overview(ctx, rc);
    if (sub === 'revoke' && more.length === 0) return revoke(ctx, rc);
    if (sub === 'sign') {
      if (more.length < 2) throw new UserError('Give your first name and phone number.', { code: 'BAD_INPUT', usage: USAGE });
      return signRelease(ctx, rc, more[0]!, more.slice(1).join(' '));
    }
    throw new UserError(`I don't understand "${rest.join(' ')}".`, { code: 'BAD_INPUT', usage: USAGE });
  },
};

/** Buttons carry the match id; the release must still belong to the person pressing. */
async function contextForMatch(ctx: CommandContext, matchId: string): Promise<ReleaseContext> {
  const rc = await releaseContext(ctx, undefined, USAGE).catch(() => null);
  if (!rc || rc.view.match.id !== matchId) throw new UserError('That release is no longer waiting for you.', { code: 'BAD_INPUT' });
  return rc;
}

export const consentReviewAction: ActionSpec = {
  action: 'consent.review',
  async run(ctx, matchId) {
    const rc = await contextForMatch(ctx, matchId);
    if (await ctx.store.consents.inForce(matchId, ctx.now)) return overview(ctx, rc);
    return formReply(releaseForm(ctx, rc, await mentorName(ctx, rc)));
  },
};

export const consentRevokeAction: ActionSpec = {
  action: 'consent.revoke',
  run: async (ctx, matchId) => revoke(ctx, await contextForMatch(ctx, matchId)),
};

export const releaseFormSpec: FormSpec = {
  formId: RELEASE_FORM,
  async run(ctx, values, context) {
    const rc = await contextForMatch(ctx, context ?? '');
    if (values.agree !== 'sign') return privateReply(message('Nothing was shared. You can sign later with `/mentor consent` if you change your mind.'));
    return signRelease(ctx, rc, values.first_name ?? '', values.phone ?? '');
  },
};

export const contactCommand: CommandSpec = {
  path: ['contact'],
  usage: '/mentor contact',
  summary: "mentors: your mentee's first name and phone, while their release is in force",
  async run(ctx) {
    const enrollments = (await ctx.store.enrollments.listForPerson(ctx.actor.id)).filter((e) => e.role === 'mentor' && e.status === 'active');
    const lines: string[] = [];
    for (const enrollment of enrollments) {
      const view = await openMatch(ctx, enrollment);
      if (!view || view.mentor.id !== enrollment.id) continue;
      const consent = await ctx.store.consents.inForce(view.match.id, ctx.now);
      if (!consent) {
        lines.push('Your mentee has no release in force, so their contact details are not available.');
        continue;
      }
      const contact = await ctx.store.people.getContact(view.mentee.personId);
      lines.push(`${contact.firstName ?? '(no first name given)'} — ${contact.phone ?? '(no phone given)'}`);
      await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'contact.viewed', subjectType: 'match', subjectId: view.match.id, details: { consentId: consent.id } });
    }
    if (lines.length === 0) throw new UserError('You have no active mentee.', { code: 'NO_MATCH' });
    return privateReply(message(lines.join('\n')));
  },
};
