import type { ContinuingEducationModule } from '../programs/template-certification.js';
import type { ProgramTemplate } from '../programs/template-schema.js';

/**
 * A certifying program's rules with the template's defaults filled in. A template with a final
 * case review but no `certification` block keeps its older meaning: the window opens in the week
 * the review is due, no thresholds for supervision or hours, no modules.
 */
export interface CertificationRulesInForce {
  cases: number;
  weekDue: number;
  reviewWindowOpensWeek: number;
  supervisionKeptPercent: number;
  hoursPercentOfCommitment: number;
  contract: { minStatements: number; maxStatements: number };
  modules: ContinuingEducationModule[];
  modulesRequired: number;
}

export function certificationRules(template: ProgramTemplate): CertificationRulesInForce | null {
  const review = template.finalCaseReview;
  if (!review) return null;
  const c = template.certification;
  const modules = c?.continuingEducation?.modules ?? [];
  return {
    cases: review.cases,
    weekDue: review.weekDue,
    reviewWindowOpensWeek: c?.reviewWindowOpensWeek ?? review.weekDue,
    supervisionKeptPercent: c?.supervisionKeptPercent ?? 0,
    hoursPercentOfCommitment: c?.hoursPercentOfCommitment ?? 0,
    contract: c?.learningContract ?? { minStatements: 1, maxStatements: 12 },
    modules,
    modulesRequired: c?.continuingEducation?.required ?? modules.length,
  };
}
