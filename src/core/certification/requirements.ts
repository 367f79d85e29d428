// The one home of "may this trainee be certified now": every pillar verified, the program's final
// review window reached, supervision kept and hours logged at the template's thresholds. Each gap
// is named exactly, in counts a coordinator may read.
import { missingParts, type Gap, type PortfolioState } from './portfolio.js';
import type { TraineeRecord } from './record.js';
import type { CertificationRulesInForce } from './rules.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The least count that reaches `percent` of `of` (80% of 23 periods → 19). */
export const atPercent = (of: number, percent: number): number => Math.max(0, Math.ceil((of * percent) / 100 - 1e-9));

function windowGap(record: TraineeRecord, rules: CertificationRulesInForce, name: string): Gap | null {
  if (record.finished) return null;
  if (record.week === null) return { key: 'window', text: `The final review window opens in week ${rules.reviewWindowOpensWeek}; ${name}'s program has not started` };
  if (record.week >= rules.reviewWindowOpensWeek) return null;
  return { key: 'window', text: `The final review window opens in week ${rules.reviewWindowOpensWeek}; ${name} is in week ${record.week}` };
}

function supervisionGap(record: TraineeRecord, rules: CertificationRulesInForce): Gap | null {
  const needed = atPercent(record.supervisionDue, rules.supervisionKeptPercent);
  if (record.supervisionKept >= needed) return null;
  return { key: 'supervision', text: `Supervision: ${record.supervisionKept} of ${plural(record.supervisionDue, 'period')} kept so far; the program asks ${rules.supervisionKeptPercent}% (${needed})` };
}

function hoursGap(record: TraineeRecord, rules: CertificationRulesInForce): Gap | null {
  const needed = Math.round(((record.hoursCommitted * rules.hoursPercentOfCommitment) / 100) * 10) / 10;
  if (record.hoursLogged >= needed) return null;
  return { key: 'hours', text: `Hours: ${record.hoursLogged} h logged; the program asks ${rules.hoursPercentOfCommitment}% of the ${record.hoursCommitted} h committed so far (${needed} h)` };
}

/** Everything the certificate still waits for, in order: the window, the pillars, supervision, hours. */
export function certificationGaps(s: PortfolioState, record: TraineeRecord, rules: CertificationRulesInForce, names: { trainee: string; mentor: string }): Gap[] {
  return [
    windowGap(record, rules, names.trainee),
    ...missingParts(s, names.mentor),
    supervisionGap(record, rules),
    hoursGap(record, rules),
  ].filter((g): g is Gap => g !== null);
}
