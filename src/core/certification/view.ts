import type { CommandSpec } from '../commands/types.js';
import { programPosition } from '../clock/index.js';
import type { CertificationItem } from '../domain.js';
import { message, privateReply, type Block } from '../messages/model.js';
import { renderPlain } from '../messages/plain-text.js';
import { formatLocalDate } from '../time/local-date.js';
import { formatCode } from './code.js';
import { loadPortfolio } from './completion.js';
import type { PortfolioState } from './portfolio.js';
import { scopedTrainee, type Trainee } from './trainee.js';

const STATUS_WORDS: Record<CertificationItem['status'], string> = {
  draft: 'draft',
  submitted: 'awaiting your mentor',
  verified: 'verified',
  rejected: 'returned by your mentor — send it again',
};

function tick(item: CertificationItem | null): string {
  if (!item) return '✗ not yet';
  return `${item.status === 'submitted' || item.status === 'verified' ? '✓' : '✗'} ${STATUS_WORDS[item.status]}`;
}

function nextSteps(s: PortfolioState, week: string): string[] {
  const steps: string[] = [];
  if (s.certificate) return [`Anyone can check your certificate with \`/mentor verify-certificate ${formatCode(s.certificate.verificationCode!)}\`.`];
  if (s.contract?.status !== 'submitted' && s.contract?.status !== 'verified') steps.push('Write your learning contract: `/mentor portfolio contract I will … so that …; …`');
  if (s.selfAssessment?.status !== 'submitted' && s.selfAssessment?.status !== 'verified') steps.push('Write your self-assessment: `/mentor portfolio self-assessment Can I …? …; …`');
  if (s.casesIn < s.required) steps.push(`Add case records: \`/mentor portfolio case "<title>" <record>\` (${s.required - s.casesIn} to go).`);
  if (s.verification) steps.push('Your evidence is verified: a coordinator will issue your certificate.');
  steps.push(`The final case review is due in week ${s.weekDue}${week ? `; you are in ${week}` : ''}.`);
  return steps;
}

const toVerify = (n: number): string => (n > 0 ? `✗ ${n} case record${n === 1 ? '' : 's'} still to verify` : '✗ waiting for your contract and self-assessment');

function weekText(t: Trainee, zone: string, now: Date): string {
  if (!t.enrollment.startDate) return '';
  const p = programPosition({ startDate: t.enrollment.startDate, timeZone: zone, pauses: t.enrollment.pauses, template: t.program.template }, now);
  return p.state === 'not-started' ? '' : p.state === 'finished' ? 'the last week (finished)' : `week ${p.week}`;
}

/** The five pillars as ticks and progress bars, then the case records by title. */
export function portfolioBlocks(t: Trainee, s: PortfolioState, zone: string, now: Date): Block[] {
  const verification = s.verification ? `✓ ${formatLocalDate(s.verification.verifiedAt!, zone)}` : toVerify(s.required - s.verifiedCases);
  const certificate = s.certificate ? `✓ code ${formatCode(s.certificate.verificationCode!)}` : '✗ not yet';
  const blocks: Block[] = [
    { type: 'heading', text: `Certification portfolio — ${t.program.name}` },
    { type: 'fields', fields: [{ label: 'Learning contract', value: tick(s.contract) }, { label: 'Self-assessment', value: tick(s.selfAssessment) }] },
    { type: 'progress', label: 'Case records handed in', value: s.casesIn, target: s.required, unit: 'cases' },
    { type: 'progress', label: 'Case records verified', value: s.verifiedCases, target: s.required, unit: 'verified' },
    { type: 'fields', fields: [{ label: 'Verification', value: verification }, { label: 'Certificate', value: certificate }] },
  ];
  if (s.cases.length) blocks.push({ type: 'list', items: s.cases.map((c, i) => `${i + 1}. "${c.title}" — ${STATUS_WORDS[c.status]}`) });
  blocks.push({ type: 'heading', text: 'Next' }, { type: 'list', items: nextSteps(s, weekText(t, zone, now)) });
  return blocks;
}

export const portfolioCommand: CommandSpec = {
  path: ['portfolio'],
  summary: 'your certification portfolio: contract, self-assessment, case records, verification, certificate',
  args: [],
  requires: 'mentee',
  async run(ctx) {
    const trainee = scopedTrainee(ctx);
    const blocks = portfolioBlocks(trainee, await loadPortfolio(ctx, trainee), ctx.actor.timeZone, ctx.now);
    return privateReply(message(renderPlain(blocks), blocks));
  },
};
