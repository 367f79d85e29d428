// Where a trainee's portfolio stands, computed from its items alone: the five pillars are
// profile (learning contract), self-assessment, education (case records), verification (the
// mentor's confirmation of the evidence) and certification (the certificate).
import type { CertificationItem } from '../domain.js';
import type { ProgramTemplate } from '../programs/template-schema.js';

export interface PortfolioState {
  contract: CertificationItem | null;
  selfAssessment: CertificationItem | null;
  cases: CertificationItem[];
  verification: CertificationItem | null;
  certificate: CertificationItem | null;
  /** Verified case records the program asks for. */
  required: number;
  weekDue: number;
  verifiedCases: number;
  /** Case records sent and not returned: awaiting the mentor, or verified. */
  casesIn: number;
}

/** Submitted or verified: handed in and not returned. */
export const isIn = (item: CertificationItem | null | undefined): boolean => !!item && (item.status === 'submitted' || item.status === 'verified');

export function portfolioState(items: CertificationItem[], review: NonNullable<ProgramTemplate['finalCaseReview']>): PortfolioState {
  const last = (kind: CertificationItem['kind']) => items.filter((i) => i.kind === kind).at(-1) ?? null;
  const cases = items.filter((i) => i.kind === 'case_record');
  return {
    contract: last('learning_contract'),
    selfAssessment: last('self_assessment'),
    cases,
    verification: last('verification'),
    certificate: last('certificate'),
    required: review.cases,
    weekDue: review.weekDue,
    verifiedCases: cases.filter((c) => c.status === 'verified').length,
    casesIn: cases.filter(isIn).length,
  };
}

/** Ready for the certificate: contract and self-assessment handed in, enough cases verified. */
export const isComplete = (s: PortfolioState): boolean => isIn(s.contract) && isIn(s.selfAssessment) && s.verifiedCases >= s.required;

/** What is still missing, in words a coordinator may see (ticks and counts, never content). */
export function missingParts(s: PortfolioState): string[] {
  const missing: string[] = [];
  if (!isIn(s.contract)) missing.push('the learning contract');
  if (!isIn(s.selfAssessment)) missing.push('the self-assessment');
  if (s.verifiedCases < s.required) missing.push(`${s.required - s.verifiedCases} more verified case record${s.required - s.verifiedCases === 1 ? '' : 's'} (${s.verifiedCases} of ${s.required})`);
  return missing;
}

export const KIND_NAMES: Record<CertificationItem['kind'], string> = {
  learning_contract: 'learning contract',
  self_assessment: 'self-assessment',
  case_record: 'case record',
  verification: 'verification',
  certificate: 'certificate',
};

/** How an item is named to the trainee and their mentor: kind, and the case title for cases. */
export const itemName = (item: CertificationItem): string => (item.kind === 'case_record' ? `case record "${item.title}"` : `the ${KIND_NAMES[item.kind]}`);
