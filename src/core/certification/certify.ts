import { scopeOf, type CommandSpec } from '../commands/types.js';
import { UserError } from '../errors.js';
import { message, privateReply, type Block } from '../messages/model.js';
import { renderPlain } from '../messages/plain-text.js';
import { formatLocalDate } from '../time/local-date.js';
import { formatCode, normalizeCode } from './code.js';
import { loadPortfolio, recordVerificationIfComplete } from './completion.js';
import { isComplete, missingParts } from './portfolio.js';
import type { Trainee } from './trainee.js';

const CERTIFIABLE = new Set(['active', 'paused', 'completed']);

/** The coordinator issues the certificate once the portfolio is complete; they learn ticks and counts only. */
export const certifyCommand: CommandSpec = {
  path: ['admin', 'certify'],
  summary: 'issue the certificate (with its verification code) to a trainee whose portfolio is complete',
  args: [{ name: 'trainee', kind: 'person', description: 'the trainee whose portfolio is complete' }],
  requires: 'coordinator',
  async run(ctx, args) {
    const { program } = scopeOf(ctx);
    const person = args.requiredPerson('trainee');
    const review = program.template.finalCaseReview;
    if (!review) throw new UserError(`${program.name} has no certification.`, { code: 'NO_CERTIFICATION' });
    const enrollment = await ctx.store.enrollments.find(program.id, person.id, 'mentee');
    if (!enrollment || !CERTIFIABLE.has(enrollment.status)) throw new UserError(`${person.displayName} is not a trainee in ${program.name}.`, { code: 'NOT_ENROLLED', usage: ctx.usage, argument: 'trainee' });
    const trainee: Trainee = { enrollment, program, review };
    const state = await loadPortfolio(ctx, trainee);
    if (state.certificate) throw new UserError(`${person.displayName} already holds the certificate (code ${formatCode(state.certificate.verificationCode!)}).`, { code: 'DUPLICATE' });
    if (!isComplete(state)) throw new UserError(`${person.displayName}'s portfolio isn't complete yet. Still needed: ${missingParts(state).join('; ')}.`, { code: 'INCOMPLETE' });
    const outbound = await recordVerificationIfComplete(ctx, trainee, person.displayName);
    const certificate = await ctx.store.certification.issueCertificate({ enrollmentId: enrollment.id, title: `${program.name} certificate`, issuedByPersonId: ctx.actor.id, at: ctx.now });
    await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'certificate.issued', subjectType: 'certification_item', subjectId: certificate.id, details: { enrollmentId: enrollment.id } });
    const code = formatCode(certificate.verificationCode!);
    const blocks: Block[] = [
      { type: 'heading', text: `Your ${program.name} certificate` },
      { type: 'text', text: `Congratulations, ${person.displayName}: your learning contract, self-assessment and ${state.verifiedCases} verified case records complete your certification.` },
      { type: 'fields', fields: [{ label: 'Verification code', value: code }, { label: 'Issued', value: formatLocalDate(ctx.now, person.timeZone) }] },
      { type: 'text', text: `Anyone can check it with \`/mentor verify-certificate ${code}\`.` },
    ];
    return privateReply(message(`Issued the ${program.name} certificate to ${person.displayName}. Verification code: ${code}. They have been told.`), [
      ...outbound.filter((o) => o.to.kind !== 'person' || o.to.personId !== ctx.actor.id),
      { to: { kind: 'person', personId: person.id }, message: message(renderPlain(blocks), blocks) },
    ]);
  },
};

/** Anyone may check a code: it shows the program, the holder's name and the date, nothing more. */
export const verifyCertificateCommand: CommandSpec = {
  path: ['verify-certificate'],
  summary: 'check a certificate code: which program, who holds it, since when',
  // Typed from paper, so spaces inside the code are forgiven: the rest of the line is the code.
  args: [{ name: 'code', kind: 'text', description: 'the code printed on the certificate, like 7K3QD-M9X2P', variadic: true }],
  requires: 'anyone',
  async run(ctx, args) {
    const typed = args.requiredString('code');
    const code = normalizeCode(typed);
    if (!code) throw new UserError(`"${typed}" isn't a certificate code: codes have 10 letters and digits, like 7K3QD-M9X2P.`, { code: 'BAD_CODE', usage: ctx.usage, argument: 'code' });
    const certificate = await ctx.store.certification.findByVerificationCode(code);
    const enrollment = certificate && (await ctx.store.enrollments.get(certificate.enrollmentId));
    const [holder, program] = enrollment ? await Promise.all([ctx.store.people.get(enrollment.personId), ctx.store.programs.get(enrollment.programId)]) : [null, null];
    if (!certificate || !holder || !program || holder.withdrawnAt) return privateReply(message(`No certificate has the code ${formatCode(code)}. Check it for typos.`));
    const blocks: Block[] = [
      { type: 'heading', text: `Valid certificate ${formatCode(code)}` },
      { type: 'fields', fields: [
        { label: 'Program', value: program.name },
        { label: 'Holder', value: holder.displayName },
        { label: 'Issued', value: formatLocalDate(certificate.verifiedAt!, holder.timeZone) },
      ] },
    ];
    return privateReply(message(renderPlain(blocks), blocks));
  },
};
