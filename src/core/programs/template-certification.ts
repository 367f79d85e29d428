// What a program asks before it certifies someone: the five pillars need the learning contract,
// the self-assessment, the case records (finalCaseReview) and any continuing-education modules
// verified; the certificate also waits for the final review window and for supervision kept and
// hours logged at the template's thresholds. Kept apart from template-schema.ts to keep both small.
import { z } from 'zod';

const ZKey = z.string().regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, 'must be lower-case letters/digits joined by - or _');
const ZText = z.string().trim().min(1, 'must not be empty');
const ZPercent = z.number().int('must be a whole number').min(0, 'must be ≥ 0').max(100, 'must be ≤ 100');

export const ZContinuingEducationModule = z.strictObject({
  key: ZKey,
  title: ZText.max(80, 'must be at most 80 characters'),
  /** One line on what it covers, shown with the list. */
  summary: ZText.optional(),
});
export type ContinuingEducationModule = z.infer<typeof ZContinuingEducationModule>;

export const ZCertificationRules = z.strictObject({
  /** The program week from which the final review, and so the certificate, is possible. */
  reviewWindowOpensWeek: z.number().int('must be a whole number').min(1, 'must be ≥ 1'),
  /** Of the supervision periods due so far, the share that must have been kept. */
  supervisionKeptPercent: ZPercent,
  /** Hours logged, as a share of the least the weekly commitments add up to over the weeks so far. */
  hoursPercentOfCommitment: ZPercent,
  learningContract: z
    .strictObject({
      minStatements: z.number().int().min(1, 'must be ≥ 1').default(1),
      maxStatements: z.number().int().min(1, 'must be ≥ 1').default(12),
    })
    .default({ minStatements: 1, maxStatements: 12 }),
  /** Modules the trainee marks done and the mentor verifies; they count in the education pillar. */
  continuingEducation: z
    .strictObject({
      modules: z.array(ZContinuingEducationModule).min(1, 'needs at least one module'),
      /** How many must be verified; all of them when absent. */
      required: z.number().int().min(1, 'must be ≥ 1').optional(),
    })
    .optional(),
});
export type CertificationRules = z.infer<typeof ZCertificationRules>;

export const certificationShape = { certification: ZCertificationRules.optional() };

interface Parts {
  weeks?: number | undefined;
  finalCaseReview?: { weekDue: number } | undefined;
  certification?: CertificationRules | undefined;
}
type Issue = (path: (string | number)[], message: string) => void;

/** Rules across fields: the window inside the program, a sane statement range, modules that exist. */
export function checkCertificationRules(t: Parts, issue: Issue): void {
  const rules = t.certification;
  if (!rules) return;
  if (!t.finalCaseReview) issue(['certification'], 'needs finalCaseReview (the case records it verifies)');
  if (t.weeks !== undefined && rules.reviewWindowOpensWeek > t.weeks) issue(['certification', 'reviewWindowOpensWeek'], `must be ≤ ${t.weeks} (weeks)`);
  const { minStatements, maxStatements } = rules.learningContract;
  if (minStatements > maxStatements) issue(['certification', 'learningContract', 'maxStatements'], 'must be ≥ minStatements');
  const ce = rules.continuingEducation;
  if (!ce) return;
  const seen = new Set<string>();
  ce.modules.forEach((m, i) => {
    if (seen.has(m.key)) issue(['certification', 'continuingEducation', 'modules', i, 'key'], `duplicate key "${m.key}"`);
    seen.add(m.key);
  });
  if (ce.required !== undefined && ce.required > ce.modules.length) issue(['certification', 'continuingEducation', 'required'], `must be ≤ ${ce.modules.length} (modules)`);
}
