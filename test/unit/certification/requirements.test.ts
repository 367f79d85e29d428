import { describe, expect, it } from 'vitest';
import type { CertificationItem } from '../../../src/core/domain.js';
import { portfolioState } from '../../../src/core/certification/portfolio.js';
import { atPercent, certificationGaps } from '../../../src/core/certification/requirements.js';
import { certificationRules } from '../../../src/core/certification/rules.js';
import { loadBuiltinTemplates } from '../../../src/core/programs/load-templates.js';

const template = loadBuiltinTemplates().find((t) => t.id === 'certification-40-week')!;
const rules = certificationRules(template)!;
let n = 0;
const item = (kind: CertificationItem['kind'], status: CertificationItem['status'], extra: Partial<CertificationItem> = {}): CertificationItem => ({
  id: `i${n++}`, enrollmentId: 'e', kind, title: kind, body: null, status, verifiedById: status === 'verified' ? 'mo' : null,
  verifiedAt: status === 'verified' ? new Date('2026-10-01') : null, verificationCode: null, createdAt: new Date('2026-03-02'), moduleKey: null, reviewNote: null, ...extra,
});
const answers = (yes: number, of: number) => JSON.stringify({ entries: Array.from({ length: of }, (_, i) => ({ question: `Can I ${i}?`, answer: i < yes ? 'yes' : 'not-yet', evidence: 'what shows it' })) });
const complete = (): CertificationItem[] => [
  item('learning_contract', 'verified', { body: 'I will a b so that c d' }),
  item('self_assessment', 'verified', { body: answers(1, 1) }),
  ...Array.from({ length: 10 }, () => item('case_record', 'verified')),
  ...rules.modules.map((m) => item('ce_module', 'verified', { moduleKey: m.key })),
];
const onTrack = { week: 37, finished: false, supervisionDue: 22, supervisionKept: 20, hoursLogged: 80, hoursCommitted: 88 };
const names = { trainee: 'Tia', mentor: 'Mo' };
const keys = (items: CertificationItem[], record = onTrack) => certificationGaps(portfolioState(items, rules), record, rules, names).map((g) => g.key);

describe('what the certificate waits for (40-week template)', () => {
  it('reads the template: window in week 37, 80% of supervision and of the hours, 10 cases, 3 modules', () => {
    expect(rules).toMatchObject({ reviewWindowOpensWeek: 37, supervisionKeptPercent: 80, hoursPercentOfCommitment: 80, cases: 10, modulesRequired: 3 });
  });

  it('nothing, when every pillar is verified in the window with supervision and hours at the thresholds', () => {
    expect(keys(complete())).toEqual([]);
    expect(keys(complete(), { ...onTrack, week: 40, finished: true })).toEqual([]);
  });

  it('rounds the thresholds up: 80% of 22 periods is 18, of 23 is 19', () => {
    expect([atPercent(22, 80), atPercent(23, 80), atPercent(10, 80), atPercent(0, 80)]).toEqual([18, 19, 8, 0]);
    expect(keys(complete(), { ...onTrack, supervisionKept: 17 })).toEqual(['supervision']);
    expect(keys(complete(), { ...onTrack, hoursLogged: 70.3 })).toEqual(['hours']);
    expect(keys(complete(), { ...onTrack, hoursLogged: 70.4 })).toEqual([]);
  });

  it('names each missing pillar, and the window before week 37', () => {
    const items = complete().filter((i) => i.kind !== 'learning_contract');
    items[0] = item('self_assessment', 'verified', { body: answers(1, 2) });
    items[3] = item('case_record', 'submitted');
    items[items.length - 1] = item('ce_module', 'rejected', { moduleKey: rules.modules[2]!.key });
    const gaps = certificationGaps(portfolioState(items, rules), { ...onTrack, week: 12 }, rules, names);
    expect(gaps.map((g) => g.text)).toEqual([
      'The final review window opens in week 37; Tia is in week 12',
      'Profile — the learning contract: not handed in',
      'Self-assessment: 1 statement still answered "not yet"',
      'Education — case records: 9 of 10 verified (1 awaiting Mo)',
      'Education — continuing-education modules: 2 of 3 verified (Advanced training: coordinating care teams: returned by Mo, not sent again)',
    ]);
  });
});

describe('the template’s certification block', () => {
  it('is refused with the field that is wrong', async () => {
    const { ZProgramTemplate } = await import('../../../src/core/programs/template-schema.js');
    const bad = (certification: object) => ZProgramTemplate.safeParse({ ...template, certification }).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    const base = { reviewWindowOpensWeek: 37, supervisionKeptPercent: 80, hoursPercentOfCommitment: 80 };
    expect(bad({ ...base, reviewWindowOpensWeek: 41 })).toEqual(['certification.reviewWindowOpensWeek: must be ≤ 40 (weeks)']);
    expect(bad({ ...base, hoursPercentOfCommitment: 120 })).toEqual(['certification.hoursPercentOfCommitment: must be ≤ 100']);
    expect(bad({ ...base, continuingEducation: { modules: [{ key: 'a', title: 'A' }, { key: 'a', title: 'B' }], required: 3 } })).toEqual([
      'certification.continuingEducation.modules.1.key: duplicate key "a"',
      'certification.continuingEducation.required: must be ≤ 2 (modules)',
    ]);
    expect(bad({ ...base, learningContract: { minStatements: 5, maxStatements: 2 } })).toEqual(['certification.learningContract.maxStatements: must be ≥ minStatements']);
  });
});
