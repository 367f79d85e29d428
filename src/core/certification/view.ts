// The trainee's own view of the five pillars, and the lines their status adds about certification.
import type { CommandContext, CommandSpec } from '../commands/types.js';
import { programPosition } from '../clock/index.js';
import type { CertificationItem, Enrollment, Program } from '../domain.js';
import { message, privateReply, type Block } from '../messages/model.js';
import { renderPlain } from '../messages/plain-text.js';
import { formatLocalDate } from '../time/local-date.js';
import { certificateLines } from './certificate-links.js';
import { formatCode } from './code.js';
import { loadPortfolio } from './completion.js';
import { allYes, isFrozen, isIn, isVerified, type PortfolioState } from './portfolio.js';
import { answeredCount, yesCount } from './statements.js';
import { scopedTrainee, traineeOfEnrollment, type Trainee } from './trainee.js';

const STATUS_WORDS: Record<CertificationItem['status'], string> = {
  draft: 'started, not handed in',
  submitted: 'awaiting your mentor',
  verified: 'verified',
  rejected: 'returned by your mentor — send it again',
  closed: 'closed unverified when the certificate was issued',
};

function tick(item: CertificationItem | null): string {
  if (!item) return '✗ not yet';
  const returned = item.status === 'rejected' && item.reviewNote ? ` (“${item.reviewNote}”)` : '';
  return `${isVerified(item) ? '✓' : '✗'} ${STATUS_WORDS[item.status]}${returned}`;
}

function selfAssessmentTick(s: PortfolioState): string {
  if (!s.selfAssessment || !s.answers) return isVerified(s.contract) ? '✗ not started: `/mentor portfolio self-assessment`' : '✗ opens once your contract is verified';
  const counts = s.selfAssessment.status === 'draft' ? ` — ${answeredCount(s.answers)} of ${s.answers.entries.length} answered` : ` — ${yesCount(s.answers)} of ${s.answers.entries.length} yes`;
  return `${tick(s.selfAssessment)}${counts}`;
}

function nextSteps(s: PortfolioState, week: string): string[] {
  if (s.certificate) return [];
  const steps: string[] = [];
  if (!isIn(s.contract) && !isVerified(s.contract)) steps.push('Write your learning contract: `/mentor portfolio contract I will … so that …; …` (no arguments opens a form).');
  if (isVerified(s.contract) && !isIn(s.selfAssessment)) steps.push('Answer your self-assessment: `/mentor portfolio self-assessment`.');
  if (isVerified(s.selfAssessment) && !allYes(s)) steps.push('Some self-assessment answers are still "not yet": change them when you can say yes, with your evidence.');
  if (s.casesIn < s.required) steps.push(`Add case records: \`/mentor portfolio case "<title>" <record>\` (${s.required - s.casesIn} to go).`);
  if (s.modules.some((m) => !isIn(m.item))) steps.push('Mark continuing-education modules done as you finish them: `/mentor portfolio module`.');
  if (s.verification) steps.push('All of your evidence is verified: a coordinator issues your certificate once the final review window, supervision and hours allow.');
  steps.push(`The final case review is due in week ${s.weekDue}${week ? `; you are in ${week}` : ''}.`);
  return steps;
}

function weekText(t: Trainee, zone: string, now: Date): string {
  if (!t.enrollment.startDate) return '';
  const p = programPosition({ startDate: t.enrollment.startDate, timeZone: zone, pauses: t.enrollment.pauses, template: t.program.template }, now);
  return p.state === 'not-started' ? '' : p.state === 'finished' ? 'the last week (finished)' : `week ${p.week}`;
}

/** The five pillars as ticks and progress bars, then the case records and modules by title. */
export function portfolioBlocks(ctx: Pick<CommandContext, 'links'>, t: Trainee, s: PortfolioState, zone: string, now: Date): Block[] {
  const waiting = s.required - s.verifiedCases + s.modulesRequired - s.verifiedModules;
  const verification = s.verification ? `✓ ${formatLocalDate(s.verification.verifiedAt!, zone)}` : `✗ ${waiting > 0 ? `${waiting} piece${waiting === 1 ? '' : 's'} of evidence still to verify` : 'waiting for your contract and self-assessment'}`;
  const certificate = s.certificate ? `✓ code ${formatCode(s.certificate.verificationCode!)}` : '✗ not yet';
  const blocks: Block[] = [
    { type: 'heading', text: `Certification portfolio — ${t.program.name}` },
    { type: 'fields', fields: [{ label: 'Learning contract', value: tick(s.contract) }, { label: 'Self-assessment', value: selfAssessmentTick(s) }] },
    { type: 'progress', label: 'Case records handed in', value: s.casesIn, target: s.required, unit: 'cases' },
    { type: 'progress', label: 'Case records verified', value: s.verifiedCases, target: s.required, unit: 'verified' },
    ...(s.modulesRequired ? [{ type: 'progress' as const, label: 'Continuing-education modules verified', value: s.verifiedModules, target: s.modulesRequired, unit: 'verified' }] : []),
    { type: 'fields', fields: [{ label: 'Verification', value: verification }, { label: 'Certificate', value: certificate }] },
  ];
  if (s.cases.length) blocks.push({ type: 'list', items: s.cases.map((c, i) => `${i + 1}. "${c.title}" — ${STATUS_WORDS[c.status]}${c.status === 'rejected' && c.reviewNote ? ` (“${c.reviewNote}”)` : ''}`) });
  if (isFrozen(s)) blocks.push({ type: 'text', text: 'Your certificate has been issued: your portfolio stays as it was then.' }, { type: 'list', items: certificateLines(ctx, s.certificate!.verificationCode!) });
  const steps = nextSteps(s, weekText(t, zone, now));
  if (steps.length) blocks.push({ type: 'heading', text: 'Next' }, { type: 'list', items: steps });
  return blocks;
}

export const portfolioCommand: CommandSpec = {
  path: ['portfolio'],
  summary: 'your certification portfolio: the five pillars — contract, self-assessment, evidence, verification, certificate',
  args: [],
  requires: 'mentee',
  async run(ctx) {
    const trainee = scopedTrainee(ctx);
    const blocks = portfolioBlocks(ctx, trainee, await loadPortfolio(ctx, trainee), ctx.actor.timeZone, ctx.now);
    return privateReply(message(renderPlain(blocks), blocks));
  },
};

/** What a trainee's status says about certification: the certificate's links once issued, else how far the pillars are. */
export async function certificateStatusLines(ctx: CommandContext, program: Program, enrollment: Enrollment): Promise<string[]> {
  if (enrollment.role !== 'mentee' || !program.template.finalCaseReview) return [];
  const trainee = await traineeOfEnrollment(ctx, enrollment.id);
  if (!trainee) return [];
  const s = await loadPortfolio(ctx, trainee);
  if (s.certificate) return [`You are certified (code ${formatCode(s.certificate.verificationCode!)}).`, ...certificateLines(ctx, s.certificate.verificationCode!)];
  const pillars = [isVerified(s.contract), isVerified(s.selfAssessment) && allYes(s), s.verifiedCases >= s.required && s.verifiedModules >= s.modulesRequired, !!s.verification];
  return [`Certification: ${pillars.filter(Boolean).length} of 4 pillars verified so far (the certificate is the fifth) — \`/mentor portfolio\` shows each.`];
}
