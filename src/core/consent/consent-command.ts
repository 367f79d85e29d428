import { textNaming } from '../commands/naming.js';
import { scopeOf, type ActionSpec, type CommandContext, type CommandSpec, type FormSpec } from '../commands/types.js';
import { UserError } from '../errors.js';
import type { Enrollment } from '../domain.js';
import { formReply, message, privateReply, type Outcome } from '../messages/model.js';
import { openMatch, type MatchChoice } from '../matching/current-match.js';
import { formatLocalDate } from '../time/local-date.js';
import { RELEASE_FORM, releaseContext, releaseForm, validateReleaseForm, type ReleaseContext } from './release.js';
import { refilled } from '../commands/form-checks.js';
import { revokeRelease, signRelease } from './sign.js';

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
      { type: 'text', text: `You can revoke it at any time with \`${naming(ctx).usage(consentRevokeCommand)}\`. To sign by text: \`${naming(ctx).usage(consentSignCommand)}\`.` },
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

const naming = (ctx: CommandContext) => ctx.naming ?? textNaming;

export const consentCommand: CommandSpec = {
  path: ['consent'],
  summary: 'mentees: review the release that lets your mentor contact you, and sign it',
  args: [],
  requires: 'mentee',
  run: async (ctx) => overview(ctx, await releaseContext(ctx, scopeOf(ctx))),
};

export const consentSignCommand: CommandSpec = {
  path: ['consent', 'sign'],
  summary: 'sign the release by text: your mentor then sees your first name and phone number, nothing else',
  args: [
    { name: 'first-name', kind: 'word', description: 'your first name, the only name your mentor sees', maxLength: 50 },
    { name: 'phone', kind: 'text', description: 'your phone number, e.g. +1 555 010 0199', variadic: true, maxLength: 30 },
  ],
  requires: 'mentee',
  run: async (ctx, args) => signRelease(ctx, await releaseContext(ctx, scopeOf(ctx)), args.requiredString('first-name'), args.requiredString('phone')),
};

export const consentRevokeCommand: CommandSpec = {
  path: ['consent', 'revoke'],
  summary: 'withdraw your release at once: your mentor no longer sees your first name or phone number',
  args: [],
  requires: 'mentee',
  run: async (ctx) => revoke(ctx, await releaseContext(ctx, scopeOf(ctx))),
};

/** Buttons and the release form carry the match id; the release must still be waiting for the person pressing. */
async function contextForMatch(ctx: CommandContext, matchId: string): Promise<ReleaseContext> {
  const gone = () => new UserError('That release is no longer waiting for you.', { code: 'NO_MATCH' });
  const match = matchId ? await ctx.store.matches.get(matchId) : null;
  const enrollment = match ? await ctx.store.enrollments.get(match.menteeEnrollmentId) : null;
  const program = match ? await ctx.store.programs.get(match.programId) : null;
  if (!enrollment || !program || enrollment.personId !== ctx.actor.id || program.workspaceId !== ctx.workspace.id) throw gone();
  if (enrollment.status !== 'active' && enrollment.status !== 'paused') throw gone();
  const rc = await releaseContext(ctx, { program, enrollment }).catch(() => null);
  if (!rc || rc.view.match.id !== matchId) throw gone();
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
  validate: validateReleaseForm,
  async refill(ctx, values, context) {
    const rc = await contextForMatch(ctx, context ?? '').catch(() => null);
    return rc ? refilled(releaseForm(ctx, rc, await mentorName(ctx, rc)), values) : undefined;
  },
  async run(ctx, values, context) {
    const rc = await contextForMatch(ctx, context ?? '');
    if (values.agree !== 'sign') return privateReply(message('Nothing was shared. You can sign later with `/mentor consent` if you change your mind.'));
    return signRelease(ctx, rc, values.first_name ?? '', values.phone ?? '');
  },
};

export const contactCommand: CommandSpec = {
  path: ['contact'],
  summary: "mentors: your mentee's first name and phone, while their release is in force",
  args: [{ name: 'trainee', kind: 'person', description: 'whose contact; needed when you mentor more than one trainee', required: false }],
  requires: 'mentor',
  run: (ctx, args) => showContact(ctx, scopeOf(ctx).enrollment, { personId: args.person('trainee')?.id, argument: 'trainee' }),
};

/** The mentee's first name and phone for their mentor, while the release is in force (audited). */
export async function showContact(ctx: CommandContext, enrollment: Enrollment, choice: MatchChoice = {}): Promise<Outcome> {
  const view = enrollment.status === 'active' ? await openMatch(ctx, enrollment, ['active'], { argument: 'trainee', ...choice }) : null;
  if (!view || view.mentor.id !== enrollment.id) throw new UserError('You have no active mentee.', { code: 'NO_MATCH' });
  const consent = await ctx.store.consents.inForce(view.match.id, ctx.now);
  if (!consent) return privateReply(message('Your mentee has no release in force, so their contact details are not available.'));
  const contact = await ctx.store.people.getContact(view.mentee.personId);
  await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'contact.viewed', subjectType: 'match', subjectId: view.match.id, details: { consentId: consent.id } });
  return privateReply(message(`${contact.firstName ?? '(no first name given)'} — ${contact.phone ?? '(no phone given)'}`));
}
