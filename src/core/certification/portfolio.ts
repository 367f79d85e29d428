// Where a trainee's portfolio stands, computed from its items alone. The five pillars:
// profile (the learning contract), self-assessment (the accountability agreement), education (the
// evidence portfolio: case records and continuing-education modules), verification (the mentor's
// confirmation of all of it) and certification (the certificate).
import type { CertificationItem } from '../domain.js';
import type { ContinuingEducationModule } from '../programs/template-certification.js';
import type { CertificationRulesInForce } from './rules.js';
import { readSelfAssessment, yesCount, type SelfAssessment } from './statements.js';

export interface ModuleState {
  module: ContinuingEducationModule;
  item: CertificationItem | null;
}

export interface PortfolioState {
  contract: CertificationItem | null;
  selfAssessment: CertificationItem | null;
  /** The self-assessment's questions and answers, when there is one. */
  answers: SelfAssessment | null;
  cases: CertificationItem[];
  modules: ModuleState[];
  verification: CertificationItem | null;
  certificate: CertificationItem | null;
  /** Verified case records the program asks for. */
  required: number;
  weekDue: number;
  verifiedCases: number;
  /** Case records sent and not returned: awaiting the mentor, or verified. */
  casesIn: number;
  modulesRequired: number;
  verifiedModules: number;
}

/** Submitted or verified: handed in and not returned. */
export const isIn = (item: CertificationItem | null | undefined): boolean => !!item && (item.status === 'submitted' || item.status === 'verified');
export const isVerified = (item: CertificationItem | null | undefined): boolean => item?.status === 'verified';

export function portfolioState(items: CertificationItem[], rules: CertificationRulesInForce): PortfolioState {
  const last = (kind: CertificationItem['kind']) => items.filter((i) => i.kind === kind).at(-1) ?? null;
  const cases = items.filter((i) => i.kind === 'case_record');
  const moduleItems = items.filter((i) => i.kind === 'ce_module');
  const modules = rules.modules.map((module) => ({ module, item: moduleItems.find((i) => i.moduleKey === module.key) ?? null }));
  const selfAssessment = last('self_assessment');
  return {
    contract: last('learning_contract'),
    selfAssessment,
    answers: readSelfAssessment(selfAssessment?.body ?? null),
    cases,
    modules,
    verification: last('verification'),
    certificate: last('certificate'),
    required: rules.cases,
    weekDue: rules.weekDue,
    verifiedCases: cases.filter(isVerified).length,
    casesIn: cases.filter(isIn).length,
    modulesRequired: rules.modulesRequired,
    verifiedModules: modules.filter((m) => isVerified(m.item)).length,
  };
}

/** Every "Can I …?" answered yes: the evidence pillar can stand on it. */
export const allYes = (s: PortfolioState): boolean => !!s.answers && yesCount(s.answers) === s.answers.entries.length;

export const profileDone = (s: PortfolioState): boolean => isVerified(s.contract);
export const selfAssessmentDone = (s: PortfolioState): boolean => isVerified(s.selfAssessment) && allYes(s);
export const educationDone = (s: PortfolioState): boolean => s.verifiedCases >= s.required && s.verifiedModules >= s.modulesRequired;

/** Every piece of evidence verified by the mentor: the verification pillar stands. */
export const isComplete = (s: PortfolioState): boolean => profileDone(s) && selfAssessmentDone(s) && educationDone(s);

/** A certificate freezes the portfolio: nothing changes and nothing waits for the mentor any more. */
export const isFrozen = (s: PortfolioState): boolean => !!s.certificate;

/** Once all of it is verified (or certified), what was confirmed stays as it was. */
export const isLocked = (s: PortfolioState): boolean => !!s.verification || isFrozen(s);

/** Items waiting for the mentor to verify or return; none once the portfolio is frozen. */
export function waitingItems(s: PortfolioState): CertificationItem[] {
  if (isFrozen(s)) return [];
  return [s.contract, s.selfAssessment, ...s.cases, ...s.modules.map((m) => m.item)].filter((i): i is CertificationItem => i?.status === 'submitted');
}

export const KIND_NAMES: Record<CertificationItem['kind'], string> = {
  learning_contract: 'learning contract',
  self_assessment: 'self-assessment',
  case_record: 'case record',
  verification: 'verification',
  certificate: 'certificate',
  ce_module: 'continuing-education module',
};

/** How an item is named to the trainee and their mentor: kind, and the title for cases and modules. */
export function itemName(item: CertificationItem): string {
  if (item.kind === 'case_record') return `case record "${item.title}"`;
  if (item.kind === 'ce_module') return `module "${item.title}"`;
  return `the ${KIND_NAMES[item.kind]}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Where one item stands, as the coordinator may read it (no content). */
function itemStanding(item: CertificationItem | null, mentor: string): string {
  if (!item) return 'not handed in';
  if (item.status === 'draft') return 'started, not handed in';
  if (item.status === 'submitted') return `awaiting ${mentor}'s verification`;
  if (item.status === 'rejected') return `returned by ${mentor}, not sent again`;
  return item.status === 'closed' ? 'closed unverified' : 'verified';
}

/** One thing the certificate still waits for: a key for the audit trail, words for the coordinator. */
export interface Gap {
  key: 'window' | 'profile' | 'self-assessment' | 'cases' | 'modules' | 'supervision' | 'hours';
  text: string;
}

/**
 * What the pillars still lack, in words a coordinator may see: ticks and counts, never content.
 * `mentor` names the verifier ("their mentor" when there is none to name).
 */
export function missingParts(s: PortfolioState, mentor = 'their mentor'): Gap[] {
  const missing: Gap[] = [];
  if (!profileDone(s)) missing.push({ key: 'profile', text: `Profile — the learning contract: ${itemStanding(s.contract, mentor)}` });
  if (!isVerified(s.selfAssessment)) {
    const answered = s.answers ? s.answers.entries.filter((e) => e.answer !== null).length : 0;
    const standing = !s.selfAssessment && !profileDone(s)
      ? 'opens once the learning contract is verified'
      : s.selfAssessment?.status === 'draft' && s.answers ? `${answered} of ${s.answers.entries.length} statements answered` : itemStanding(s.selfAssessment, mentor);
    missing.push({ key: 'self-assessment', text: `Self-assessment: ${standing}` });
  } else if (!allYes(s) && s.answers) {
    missing.push({ key: 'self-assessment', text: `Self-assessment: ${plural(s.answers.entries.length - yesCount(s.answers), 'statement')} still answered "not yet"` });
  }
  if (s.verifiedCases < s.required) {
    const waiting = s.cases.filter((c) => c.status === 'submitted').length;
    const returned = s.cases.filter((c) => c.status === 'rejected').length;
    const extra = [waiting ? `${waiting} awaiting ${mentor}` : '', returned ? `${returned} returned` : ''].filter(Boolean).join(', ');
    missing.push({ key: 'cases', text: `Education — case records: ${s.verifiedCases} of ${s.required} verified${extra ? ` (${extra})` : ''}` });
  }
  if (s.verifiedModules < s.modulesRequired) {
    const open = s.modules.filter((m) => !isVerified(m.item)).map((m) => `${m.module.title}: ${itemStanding(m.item, mentor)}`);
    missing.push({ key: 'modules', text: `Education — continuing-education modules: ${s.verifiedModules} of ${s.modulesRequired} verified (${open.join('; ')})` });
  }
  return missing;
}
