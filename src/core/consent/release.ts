import type { CommandContext, Scope } from '../commands/types.js';
import type { Program } from '../domain.js';
import { UserError } from '../errors.js';
import type { Form } from '../messages/model.js';
import { fieldErrorsOf } from '../commands/form-checks.js';
import { openMatch, type MatchView } from '../matching/current-match.js';
import { formatLocalDate } from '../time/local-date.js';

export const RELEASE_FORM = 'release';
const DAY_MS = 24 * 60 * 60 * 1000;

export interface ReleaseContext {
  program: Program;
  view: MatchView;
}

/** The mentee's open match in a program that uses a release of information (`scope` is the mentee's enrollment). */
export async function releaseContext(ctx: CommandContext, { program, enrollment }: Scope): Promise<ReleaseContext> {
  if (!program.template.releaseOfInformation) throw new UserError(`${program.name} does not use a release of information.`, { code: 'NO_RELEASE' });
  const view = await openMatch(ctx, enrollment, ['proposed', 'active']);
  if (!view) throw new UserError("You don't have a match waiting for a release. When a coordinator finds you a mentor, I'll let you know.", { code: 'NO_MATCH' });
  return { program, view };
}

export function expiryFrom(now: Date, program: Program): Date {
  return new Date(now.getTime() + program.template.releaseOfInformation!.defaultExpiryDays * DAY_MS);
}

export function releaseForm(ctx: CommandContext, rc: ReleaseContext, mentorName: string): Form {
  const roi = rc.program.template.releaseOfInformation!;
  const expires = formatLocalDate(expiryFrom(ctx.now, rc.program), ctx.actor.timeZone);
  return {
    id: RELEASE_FORM,
    title: 'Release of information',
    submitLabel: 'Sign',
    context: rc.view.match.id,
    inputs: [
      { kind: 'text', id: 'first_name', label: 'Your first name (the only name your mentor sees)', maxLength: 50 },
      { kind: 'text', id: 'phone', label: 'Your phone number', placeholder: '+1 555 010 0199', maxLength: 30 },
      {
        kind: 'choice',
        id: 'agree',
        label: `${roi.text} Recipient: ${mentorName}. Purpose: ${roi.purpose} Expires: ${expires}. Wording ${roi.wordingVersion}.`.slice(0, 2000),
        choices: [{ value: 'sign', label: 'I sign this release' }, { value: 'decline', label: 'I do not sign' }],
      },
    ],
  };
}

/** First name: letters, spaces, hyphens, apostrophes (checked alone by the release forms, per field). */
export function checkFirstName(firstName: string): string {
  const name = firstName.trim();
  if (!/^[\p{L}][\p{L}' -]{0,49}$/u.test(name)) throw new UserError('Please give just your first name (letters only).', { code: 'BAD_NAME' });
  return name;
}

/** Phone: 7–15 digits with optional + and separators. */
export function checkPhone(phone: string): string {
  const digits = phone.replace(/[\s().-]/g, '');
  if (!/^\+?\d{7,15}$/.test(digits)) throw new UserError(`"${phone}" doesn't look like a phone number. Use digits, optionally starting with +.`, { code: 'BAD_PHONE' });
  return digits;
}

export function validateContact(firstName: string, phone: string): { firstName: string; phone: string } {
  return { firstName: checkFirstName(firstName), phone: checkPhone(phone) };
}

/** The checks both release forms (the mentee's and the peer volunteer's) make before anything is saved. */
export function validateReleaseForm(values: Record<string, string>): Record<string, string> {
  const agree = values.agree?.trim();
  if (agree !== 'sign' && agree !== 'decline') return { agree: 'Please choose whether you sign the release.' };
  // Declining needs no contact details: nothing is shared.
  if (agree === 'decline') return {};
  return fieldErrorsOf({ first_name: () => checkFirstName(values.first_name ?? ''), phone: () => checkPhone(values.phone ?? '') });
}
