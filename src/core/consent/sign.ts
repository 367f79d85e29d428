import type { CommandContext } from '../commands/types.js';
import { UserError } from '../errors.js';
import { message, privateReply, type Outcome } from '../messages/model.js';
import { activateMatch } from '../matching/activate.js';
import { formatLocalDate } from '../time/local-date.js';
import { expiryFrom, validateContact, type ReleaseContext } from './release.js';

/** Signs the release: contact details stored encrypted, the consent recorded and audited, the match activated. */
export async function signRelease(ctx: CommandContext, rc: ReleaseContext, firstName: string, phone: string): Promise<Outcome> {
  const roi = rc.program.template.releaseOfInformation!;
  if (await ctx.store.consents.inForce(rc.view.match.id, ctx.now)) throw new UserError('Your release is already signed and in force. `/mentor consent revoke` withdraws it.', { code: 'ALREADY_SIGNED' });
  const contact = validateContact(firstName, phone);
  await ctx.store.people.setContact(ctx.actor.id, contact);
  const consent = await ctx.store.consents.create({
    matchId: rc.view.match.id,
    grantorPersonId: ctx.actor.id,
    recipientPersonId: rc.view.mentor.personId,
    scope: roi.scope,
    purpose: roi.purpose,
    wordingVersion: roi.wordingVersion,
    signedAt: ctx.now,
    expiresAt: expiryFrom(ctx.now, rc.program),
  });
  await ctx.store.audit.record({
    actorPersonId: ctx.actor.id,
    action: 'consent.signed',
    subjectType: 'match',
    subjectId: rc.view.match.id,
    details: { consentId: consent.id, scope: consent.scope, recipientPersonId: consent.recipientPersonId, wordingVersion: consent.wordingVersion, expiresAt: consent.expiresAt.toISOString() },
  });
  const match = rc.view.match.status === 'proposed' ? await activateMatch(ctx, rc.view.match, rc.program) : rc.view.match;
  const mentor = (await ctx.store.people.get(rc.view.mentor.personId))!;
  const due = match.firstCallDueAt ? ` Please phone them by ${formatLocalDate(match.firstCallDueAt, mentor.timeZone)}.` : '';
  return privateReply(
    message(`Thank you — your release is signed (expires ${formatLocalDate(consent.expiresAt, ctx.actor.timeZone)}). Your mentor now sees your first name and phone number, nothing else. You can withdraw it any time with \`/mentor consent revoke\`.`),
    [{ to: { kind: 'person', personId: mentor.id }, message: message(`Your match in ${rc.program.name} is active.${due} \`/mentor contact\` shows your mentee's first name and phone number while their release is in force.`) }],
  );
}

/** Revokes at once: the mentor stops seeing contact details immediately. */
export async function revokeRelease(ctx: CommandContext, rc: ReleaseContext, reason: 'revoked' | 'rescinded-on-end' = 'revoked'): Promise<boolean> {
  const consent = await ctx.store.consents.inForce(rc.view.match.id, ctx.now);
  if (!consent) return false;
  await ctx.store.consents.revoke(consent.id, ctx.now);
  await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: `consent.${reason}`, subjectType: 'match', subjectId: rc.view.match.id, details: { consentId: consent.id } });
  return true;
}
