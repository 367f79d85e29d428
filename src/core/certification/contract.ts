// The profile pillar: the learning contract, action-outcome statements each checked before it is
// kept. Typed (`;` between statements) or in a form (one statement per line).
import type { CommandContext, CommandSpec, FormSpec } from '../commands/types.js';
import { UserError } from '../errors.js';
import { formReply, type Form, type Outcome } from '../messages/model.js';
import { refilled } from '../commands/form-checks.js';
import { checkContract, CONTRACT_EXAMPLE } from './statements.js';
import { MAX_BODY, openPortfolio, ownPortfolio, requiredText, saved } from './submit.js';
import type { PortfolioState } from './portfolio.js';
import type { Trainee } from './trainee.js';

export const CONTRACT_FORM = 'portfolio-contract';

export function contractForm(enrollmentId: string, initial?: string): Form {
  return {
    id: CONTRACT_FORM,
    title: 'Learning contract',
    submitLabel: 'Hand in',
    context: enrollmentId,
    inputs: [{
      kind: 'multiline', id: 'statements', label: 'Action-outcome statements, one per line: "I will … so that …"',
      placeholder: CONTRACT_EXAMPLE, maxLength: MAX_BODY, ...(initial ? { initial } : {}),
    }],
  };
}

async function handIn(ctx: CommandContext, trainee: Trainee, state: PortfolioState, text: string, argument: string, usage?: string): Promise<Outcome> {
  if (text.length > MAX_BODY) throw new UserError(`That is ${text.length} characters; the most is ${MAX_BODY}.`, { code: 'TOO_LONG', usage, argument });
  const checked = checkContract(text, trainee.rules.contract);
  if (!checked.ok) throw new UserError(checked.problem, { code: 'NOT_ACTION_OUTCOME', usage, argument });
  const current = state.contract;
  if (current?.status === 'verified') throw new UserError('Your mentor has verified your learning contract; it stays as it is.', { code: 'VERIFIED' });
  const body = checked.statements.join('\n');
  const item = current
    ? await ctx.store.certification.resubmit(current.id, { title: 'Learning contract', body, at: ctx.now })
    : await ctx.store.certification.create({ enrollmentId: trainee.enrollment.id, kind: 'learning_contract', title: 'Learning contract', body, status: 'submitted', createdAt: ctx.now });
  const n = checked.statements.length;
  const reply = `${current ? 'Replaced' : 'Saved'} your learning contract (${n} action-outcome statement${n === 1 ? '' : 's'}). Only you and your mentor, who verifies it, can read it. ` +
    'Once it is verified, your self-assessment asks "Can I …?" of each statement.';
  return saved(ctx, trainee, item, reply, 'their learning contract');
}

export const contractCommand: CommandSpec = {
  path: ['portfolio', 'contract'],
  summary: 'hand in your learning contract: action-outcome statements ("I will … so that …"), separated by `;`; no arguments opens a form',
  args: [{ name: 'statements', kind: 'text', description: 'your statements, "I will … so that …", separated by ;', variadic: true, maxLength: MAX_BODY }],
  requires: 'mentee',
  bareOpensForm: true,
  async run(ctx, args) {
    const { trainee, state } = await openPortfolio(ctx);
    if (args.empty) return formReply(contractForm(trainee.enrollment.id, state.contract?.status === 'rejected' ? state.contract.body ?? undefined : undefined));
    return handIn(ctx, trainee, state, requiredText(args.string('statements'), 'statements', 'learning contract', ctx.usage), 'statements', ctx.usage);
  },
};

export const contractFormSpec: FormSpec = {
  formId: CONTRACT_FORM,
  // The form's own checks: each statement's shape (the program's count is checked on submit).
  validate(values): Record<string, string> {
    const checked = checkContract(values.statements ?? '', { minStatements: 1, maxStatements: Number.MAX_SAFE_INTEGER });
    return checked.ok ? {} : { statements: checked.problem };
  },
  refill: async (_ctx, values, context) => (context ? refilled(contractForm(context), values) : undefined),
  async run(ctx, values, context) {
    const { trainee, state } = await ownPortfolio(ctx, context, '/mentor portfolio contract');
    return handIn(ctx, trainee, state, requiredText(values.statements, 'statements', 'learning contract'), 'statements');
  },
};
