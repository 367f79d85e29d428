// The certification pillar. A coordinator issues the certificate only when requirements.ts finds
// nothing missing; otherwise the answer lists exactly what is, in ticks and counts. An override
// needs a reason: it is sealed with the certificate, and the audit trail records that it happened
// and which requirements were missing, never the words. Issuing freezes the portfolio for good:
// anything still awaiting the mentor is closed, so nothing waits on a portfolio that cannot change.
import { z } from 'zod';
import { scopeOf, type ActionSpec, type CommandContext, type CommandSpec, type FormSpec } from '../commands/types.js';
import type { Person } from '../domain.js';
import { UserError } from '../errors.js';
import { formReply, message, privateReply, type Block, type Form, type Outbound, type Outcome } from '../messages/model.js';
import { renderPlain } from '../messages/plain-text.js';
import { refilled } from '../commands/form-checks.js';
import { buildCertificateRecord } from './certificate-record.js';
import { certificateLines } from './certificate-links.js';
import { formatCode } from './code.js';
import { loadPortfolio, recordVerificationIfComplete } from './completion.js';
import { traineeRecord } from './record.js';
import { certificationGaps } from './requirements.js';
import { activeMentorId, traineeOfEnrollment, type Trainee } from './trainee.js';

export const OVERRIDE_ACTION = 'certificate.override';
export const OVERRIDE_FORM = 'certificate-override';
const CERTIFIABLE = new Set(['active', 'paused', 'completed']);
const MIN_REASON = 15;
const MAX_REASON = 1000;

async function nameOf(ctx: CommandContext, personId: string | null): Promise<string | null> {
  return personId ? (await ctx.store.people.get(personId))?.displayName ?? null : null;
}

function checkReason(value: string | undefined, argument: string, usage?: string): string {
  const reason = (value ?? '').trim();
  if (reason.length < MIN_REASON) throw new UserError(`An override needs its reason (at least ${MIN_REASON} characters): why the certificate is right although something is missing. It is kept with the certificate; the audit log records only that you overrode.`, { code: 'EMPTY', argument, usage });
  if (reason.length > MAX_REASON) throw new UserError(`That is ${reason.length} characters; the most is ${MAX_REASON}.`, { code: 'TOO_LONG', argument, usage });
  return reason;
}

function refusal(trainee: Trainee, person: Person, gaps: string[]): Outcome {
  const blocks: Block[] = [
    { type: 'heading', text: `${person.displayName} can't be certified yet` },
    { type: 'text', text: `${trainee.program.name} issues the certificate when every pillar is verified, the final review window has opened, and supervision and hours meet the program's thresholds. Still missing:` },
    { type: 'list', items: gaps },
    { type: 'text', text: 'If the certificate is right regardless, you can issue it with a reason (`--override "<reason>"`, or the button); the audit log records the override.' },
    { type: 'actions', buttons: [{ action: OVERRIDE_ACTION, value: trainee.enrollment.id, label: 'Certify anyway…', style: 'danger' }] },
  ];
  return privateReply(message(renderPlain(blocks.filter((b) => b.type !== 'actions')), blocks));
}

/** Checks and, when allowed (or overridden with a reason), issues; the one path of the command and the override form. */
async function certify(ctx: CommandContext, trainee: Trainee, person: Person, overrideReason: string | null): Promise<Outcome> {
  const { program, enrollment } = trainee;
  const state = await loadPortfolio(ctx, trainee);
  if (state.certificate) throw new UserError(`${person.displayName} already holds the certificate (code ${formatCode(state.certificate.verificationCode!)}).`, { code: 'DUPLICATE' });
  const mentorId = await activeMentorId(ctx, trainee);
  const mentor = (await nameOf(ctx, mentorId)) ?? 'their mentor';
  const record = await traineeRecord(ctx, trainee, person);
  const gaps = certificationGaps(state, record, trainee.rules, { trainee: person.displayName, mentor });
  if (gaps.length && !overrideReason) return refusal(trainee, person, gaps.map((g) => g.text));
  const override = gaps.length && overrideReason ? { reason: overrideReason, gaps } : null;

  const outbound: Outbound[] = [...(await recordVerificationIfComplete(ctx, trainee, person.displayName))].filter((o) => o.to.kind !== 'person' || o.to.personId !== ctx.actor.id);
  const closed = await ctx.store.certification.closeWaiting(enrollment.id);
  const after = await loadPortfolio(ctx, trainee);
  const verifierId = after.verification?.verifiedById ?? null;
  const certificateRecord = buildCertificateRecord({
    holder: person.displayName, program: program.name, weeks: program.template.weeks ?? null, started: enrollment.startDate, zone: person.timeZone, now: ctx.now,
    state: after, record, verifier: await nameOf(ctx, verifierId), issuedBy: ctx.actor.displayName, override,
  });
  const certificate = await ctx.store.certification.issueCertificate({ enrollmentId: enrollment.id, title: `${program.name} certificate`, issuedByPersonId: ctx.actor.id, at: ctx.now, record: JSON.stringify(certificateRecord) });
  await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'certificate.issued', subjectType: 'certification_item', subjectId: certificate.id, details: { enrollmentId: enrollment.id, override: !!override } });
  if (override) await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'certificate.override', subjectType: 'certification_item', subjectId: certificate.id, details: { enrollmentId: enrollment.id, missing: certificateRecord.override!.missing, closedItems: closed } });

  const code = certificate.verificationCode!;
  const blocks: Block[] = [
    { type: 'heading', text: `Your ${program.name} certificate` },
    { type: 'text', text: `Congratulations, ${person.displayName}: your learning contract, self-assessment, evidence and your mentor's verification make up your certification.` },
    { type: 'fields', fields: [{ label: 'Verification code', value: formatCode(code) }, { label: 'Issued', value: certificateRecord.issuedOn }] },
    { type: 'list', items: certificateLines(ctx, code) },
  ];
  outbound.push({ to: { kind: 'person', personId: person.id }, message: message(renderPlain(blocks), blocks) });
  if (mentorId && mentorId !== ctx.actor.id) {
    const closedText = closed ? ` The ${closed} item${closed === 1 ? '' : 's'} still waiting for you ${closed === 1 ? 'is' : 'are'} closed: the portfolio no longer changes.` : '';
    outbound.push({ to: { kind: 'person', personId: mentorId }, message: message(`${person.displayName} has been certified in ${program.name}.${closedText}`) });
  }
  const how = override ? ' by override (recorded in the audit log)' : '';
  return privateReply(message(`Issued the ${program.name} certificate to ${person.displayName}${how}. Verification code: ${formatCode(code)}. They have been told.`), outbound);
}

export const certifyCommand: CommandSpec = {
  path: ['admin', 'certify'],
  summary: 'issue the certificate once every pillar is verified and the final review window, supervision and hours allow; otherwise see what is missing',
  args: [
    { name: 'trainee', kind: 'person', description: 'the trainee to certify' },
    { name: 'override', kind: 'text', description: 'issue although something is missing: your reason, "in quotes" (audited)', flag: true, required: false, maxLength: MAX_REASON },
  ],
  requires: 'coordinator',
  async run(ctx, args) {
    const { program } = scopeOf(ctx);
    const person = args.requiredPerson('trainee');
    if (!program.template.finalCaseReview) throw new UserError(`${program.name} has no certification.`, { code: 'NO_CERTIFICATION' });
    const enrollment = await ctx.store.enrollments.find(program.id, person.id, 'mentee');
    const trainee = enrollment && CERTIFIABLE.has(enrollment.status) ? await traineeOfEnrollment(ctx, enrollment.id) : null;
    if (!trainee) throw new UserError(`${person.displayName} is not a trainee in ${program.name}.`, { code: 'NOT_ENROLLED', usage: ctx.usage, argument: 'trainee' });
    const typed = args.string('override');
    return certify(ctx, trainee, person, typed === undefined ? null : checkReason(typed, 'override', ctx.usage));
  },
};

/** The override's trainee from a button or form: a certifying trainee of a program the actor coordinates. */
async function overrideTarget(ctx: CommandContext, enrollmentId: string | undefined): Promise<{ trainee: Trainee; person: Person }> {
  const trainee = enrollmentId && z.uuid().safeParse(enrollmentId).success ? await traineeOfEnrollment(ctx, enrollmentId) : null;
  const coordinator = trainee && (await ctx.store.enrollments.find(trainee.program.id, ctx.actor.id, 'coordinator'));
  const person = trainee && (await ctx.store.people.get(trainee.enrollment.personId));
  if (!trainee || !person || coordinator?.status !== 'active' || !CERTIFIABLE.has(trainee.enrollment.status)) {
    throw new UserError('Only a coordinator of the trainee’s program can do that. Run `/mentor admin certify` again.', { code: 'FORBIDDEN' });
  }
  return { trainee, person };
}

function overrideForm(enrollmentId: string, name: string): Form {
  return {
    id: OVERRIDE_FORM,
    title: 'Certify anyway',
    submitLabel: 'Issue certificate',
    context: enrollmentId,
    inputs: [{ kind: 'multiline', id: 'reason', label: `Why ${name}'s certificate is right although something is missing (kept with it; the audit log records the override)`, maxLength: MAX_REASON }],
  };
}

export const overrideAction: ActionSpec = {
  action: OVERRIDE_ACTION,
  async run(ctx, value) {
    const { trainee, person } = await overrideTarget(ctx, value);
    return formReply(overrideForm(trainee.enrollment.id, person.displayName));
  },
};

export const overrideFormSpec: FormSpec = {
  formId: OVERRIDE_FORM,
  validate(values): Record<string, string> {
    try {
      checkReason(values.reason, 'reason');
      return {};
    } catch (error) {
      return { reason: (error as Error).message };
    }
  },
  async refill(ctx, values, context) {
    const found = await overrideTarget(ctx, context).catch(() => null);
    return found ? refilled(overrideForm(found.trainee.enrollment.id, found.person.displayName), values) : undefined;
  },
  async run(ctx, values, context) {
    const { trainee, person } = await overrideTarget(ctx, context);
    return certify(ctx, trainee, person, checkReason(values.reason, 'reason'));
  },
};
