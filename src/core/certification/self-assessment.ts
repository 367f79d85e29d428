// The self-assessment pillar, the accountability agreement: each action-outcome statement of the
// verified learning contract asked as "Can I …?", answered yes (with the evidence that shows it)
// or not yet (with what will get there). It is a draft until every statement is answered; then it
// goes to the mentor to verify. Answers can change until the portfolio is complete.
import type { ActionSpec, CommandContext, CommandSpec, FormSpec } from '../commands/types.js';
import type { CertificationItem } from '../domain.js';
import { UserError } from '../errors.js';
import { formReply, message, privateReply, type Block, type Form, type Outcome } from '../messages/model.js';
import { renderPlain } from '../messages/plain-text.js';
import { refilled } from '../commands/form-checks.js';
import { isVerified, type PortfolioState } from './portfolio.js';
import {
  ANSWER_WORDS, answeredCount, blankSelfAssessment, evidenceProblem, isFullyAnswered, MAX_EVIDENCE, readAnswer, SELF_ASSESSMENT_ANSWERS,
  type SelfAssessment, type SelfAssessmentAnswer,
} from './statements.js';
import { openPortfolio, ownPortfolio, saved } from './submit.js';
import type { Trainee } from './trainee.js';

export const SA_ANSWER_ACTION = 'portfolio.answer';
export const SA_FORM = 'portfolio-self-assessment';
const TITLE = 'Self-assessment';

const CONTRACT_STANDING: Record<string, string> = {
  submitted: 'it is awaiting your mentor',
  rejected: 'your mentor returned it: `/mentor portfolio contract` sends it again',
  draft: 'it is not handed in yet',
};

/** The self-assessment item and its answers, started from the verified contract if need be. */
async function ensureSelfAssessment(ctx: CommandContext, trainee: Trainee, state: PortfolioState): Promise<{ item: CertificationItem; answers: SelfAssessment }> {
  if (!isVerified(state.contract)) {
    const standing = state.contract ? CONTRACT_STANDING[state.contract.status] ?? 'it is not verified' : 'write it first with `/mentor portfolio contract`';
    throw new UserError(`Your self-assessment asks "Can I …?" of each statement of your learning contract, so it opens once your mentor has verified the contract (${standing}).`, { code: 'NOT_YET' });
  }
  if (state.selfAssessment && state.answers) return { item: state.selfAssessment, answers: state.answers };
  const answers = blankSelfAssessment(state.contract!.body ?? '');
  const body = JSON.stringify(answers);
  const item = state.selfAssessment
    ? await ctx.store.certification.resubmit(state.selfAssessment.id, { title: TITLE, body, at: ctx.now, status: 'draft' })
    : await ctx.store.certification.create({ enrollmentId: trainee.enrollment.id, kind: 'self_assessment', title: TITLE, body, status: 'draft', createdAt: ctx.now });
  return { item, answers };
}

const entryLine = (e: SelfAssessment['entries'][number], i: number): string =>
  `${i + 1}. ${e.question} — ${e.answer ? `${ANSWER_WORDS[e.answer]}: ${e.evidence}` : 'not answered yet'}`;

function listBlocks(enrollmentId: string, item: CertificationItem, answers: SelfAssessment): Block[] {
  const standing = item.status === 'draft'
    ? `${answeredCount(answers)} of ${answers.entries.length} answered; when all are, it goes to your mentor to verify.`
    : item.status === 'verified' ? 'Verified by your mentor.' : item.status === 'rejected' ? `Returned by your mentor: ${item.reviewNote ?? 'talk it over'}. Change any answer to send it again.` : 'Awaiting your mentor.';
  return [
    { type: 'heading', text: 'Self-assessment — your accountability agreement' },
    { type: 'text', text: 'Each statement of your learning contract, asked as a question. Answer yes, with the evidence that shows it, or not yet, with what will get you there. Only you and your mentor can read it.' },
    { type: 'list', items: answers.entries.map(entryLine) },
    { type: 'text', text: `${standing} Typed: \`/mentor portfolio self-assessment <number> yes|not-yet <evidence>\`.` },
    { type: 'actions', buttons: answers.entries.map((_, i) => ({ action: SA_ANSWER_ACTION, value: `${enrollmentId}:${i + 1}`, label: `Answer ${i + 1}` })) },
  ];
}

function answerForm(enrollmentId: string, n: number, answers: SelfAssessment): Form {
  const entry = answers.entries[n - 1]!;
  return {
    id: SA_FORM,
    title: `${TITLE} ${n}`,
    submitLabel: 'Save',
    context: `${enrollmentId}:${n}`,
    inputs: [
      { kind: 'choice', id: 'answer', label: entry.question, choices: SELF_ASSESSMENT_ANSWERS.map((a) => ({ value: a, label: ANSWER_WORDS[a] })), ...(entry.answer ? { initial: entry.answer } : {}) },
      { kind: 'multiline', id: 'evidence', label: 'Evidence (yes), or what will get you there (not yet)', maxLength: MAX_EVIDENCE, ...(entry.evidence ? { initial: entry.evidence } : {}) },
    ],
  };
}

function statementNumber(n: number, answers: SelfAssessment, argument?: string): number {
  if (Number.isInteger(n) && n >= 1 && n <= answers.entries.length) return n;
  throw new UserError(`Your self-assessment has statements 1 to ${answers.entries.length}; there is no statement ${n}.`, { code: 'UNKNOWN_STATEMENT', argument });
}

async function answer(ctx: CommandContext, trainee: Trainee, state: PortfolioState, input: { n: number; answer: SelfAssessmentAnswer; evidence: string }, argNames: { n?: string; evidence: string }): Promise<Outcome> {
  const { item, answers } = await ensureSelfAssessment(ctx, trainee, state);
  const n = statementNumber(input.n, answers, argNames.n);
  const problem = evidenceProblem(input.answer, input.evidence);
  if (problem) throw new UserError(problem, { code: 'EMPTY', argument: argNames.evidence, usage: ctx.usage });
  const entries = answers.entries.map((e, i) => (i === n - 1 ? { ...e, answer: input.answer, evidence: input.evidence.trim() } : e));
  const next: SelfAssessment = { entries };
  const complete = isFullyAnswered(next);
  const updated = await ctx.store.certification.resubmit(item.id, { title: TITLE, body: JSON.stringify(next), at: ctx.now, status: complete ? 'submitted' : 'draft' });
  const tally = `${answeredCount(next)} of ${entries.length} answered`;
  const tail = complete
    ? (item.status === 'draft' ? ' Every statement is answered: your self-assessment went to your mentor to verify.' : ' Your mentor verifies your self-assessment again.')
    : ' When every statement is answered, it goes to your mentor to verify.';
  const reply = `Answered statement ${n} (${ANSWER_WORDS[input.answer]}); ${tally}.${tail}`;
  // The mentor hears of it once when it reaches them, not at every later change of an answer.
  if (item.status === 'submitted' && updated.status === 'submitted') return privateReply(message(`${reply} \`/mentor portfolio\` shows where your portfolio stands.`));
  return saved(ctx, trainee, updated, reply, 'their self-assessment');
}

export const selfAssessmentCommand: CommandSpec = {
  path: ['portfolio', 'self-assessment'],
  summary: 'your self-assessment ("Can I …?" of each contract statement): no arguments lists it; or answer one: `<number> yes|not-yet <evidence>`',
  args: [
    { name: 'statement', kind: 'integer', description: 'which statement, by its number in the list', min: 1, max: 50 },
    { name: 'answer', kind: 'choice', description: 'yes, or not yet', choices: SELF_ASSESSMENT_ANSWERS },
    { name: 'evidence', kind: 'text', description: 'what shows it (yes), or what will get you there (not yet)', variadic: true, maxLength: MAX_EVIDENCE },
  ],
  requires: 'mentee',
  bareOpensForm: true,
  async run(ctx, args) {
    const { trainee, state } = await openPortfolio(ctx);
    if (args.empty) {
      const { item, answers } = await ensureSelfAssessment(ctx, trainee, state);
      const blocks = listBlocks(trainee.enrollment.id, item, answers);
      return privateReply(message(renderPlain(blocks), blocks));
    }
    const chosen = readAnswer(args.requiredString('answer'))!;
    return answer(ctx, trainee, state, { n: args.number('statement') ?? 0, answer: chosen, evidence: args.requiredString('evidence') }, { n: 'statement', evidence: 'evidence' });
  },
};

const parseContext = (context: string | undefined): { enrollmentId?: string; n: number } => {
  const [enrollmentId, n] = (context ?? '').split(':');
  return { enrollmentId, n: Number(n) };
};

export const selfAssessmentActions: ActionSpec[] = [{
  action: SA_ANSWER_ACTION,
  async run(ctx, value) {
    const { enrollmentId, n } = parseContext(value);
    const { trainee, state } = await ownPortfolio(ctx, enrollmentId, '/mentor portfolio self-assessment');
    const { answers } = await ensureSelfAssessment(ctx, trainee, state);
    return formReply(answerForm(trainee.enrollment.id, statementNumber(n, answers), answers));
  },
}];

export const selfAssessmentFormSpec: FormSpec = {
  formId: SA_FORM,
  validate(values): Record<string, string> {
    const chosen = readAnswer(values.answer ?? '');
    if (!chosen) return { answer: 'Choose yes or not yet.' };
    const problem = evidenceProblem(chosen, values.evidence ?? '');
    return problem ? { evidence: problem } : {};
  },
  async refill(ctx, values, context) {
    const { enrollmentId, n } = parseContext(context);
    const found = await ownPortfolio(ctx, enrollmentId, '/mentor portfolio self-assessment').catch(() => null);
    if (!found?.state.answers || !found.state.answers.entries[n - 1]) return undefined;
    return refilled(answerForm(found.trainee.enrollment.id, n, found.state.answers), values);
  },
  async run(ctx, values, context) {
    const { enrollmentId, n } = parseContext(context);
    const { trainee, state } = await ownPortfolio(ctx, enrollmentId, '/mentor portfolio self-assessment');
    const chosen = readAnswer(values.answer ?? '');
    if (!chosen) throw new UserError('Choose yes or not yet.', { code: 'INVALID_ARGUMENT', argument: 'answer' });
    return answer(ctx, trainee, state, { n, answer: chosen, evidence: values.evidence ?? '' }, { evidence: 'evidence' });
  },
};
