// Education pillar, part one: the case records of the final case review. A returned one is sent
// again under the same title; titles appear in lists, so the reply asks to keep clients unnamed.
import type { CommandContext, CommandSpec, FormSpec } from '../commands/types.js';
import { UserError } from '../errors.js';
import { formReply, type Form, type Outcome } from '../messages/model.js';
import { refilled } from '../commands/form-checks.js';
import { loadPortfolio } from './completion.js';
import { isIn, type PortfolioState } from './portfolio.js';
import { MAX_BODY, MAX_TITLE, openPortfolio, ownPortfolio, requiredText, saved } from './submit.js';
import type { Trainee } from './trainee.js';

export const CASE_FORM = 'portfolio-case';

export function caseForm(enrollmentId: string): Form {
  return {
    id: CASE_FORM,
    title: 'Case record',
    submitLabel: 'Hand in',
    context: enrollmentId,
    inputs: [
      { kind: 'text', id: 'title', label: 'Title (shown in lists: no client names)', maxLength: MAX_TITLE, placeholder: 'Family meeting, week 14' },
      { kind: 'multiline', id: 'record', label: 'What happened, what you did, what came of it', maxLength: MAX_BODY },
    ],
  };
}

function checkTitle(value: string | undefined, usage?: string): string {
  const title = (value ?? '').trim();
  if (!title) throw new UserError('Give the case record a title (in quotes if it has spaces), then the record itself.', { code: 'EMPTY', usage, argument: 'title' });
  if (title.length > MAX_TITLE) throw new UserError(`That is ${title.length} characters; the most is ${MAX_TITLE}.`, { code: 'TOO_LONG', usage, argument: 'title' });
  return title;
}

async function handIn(ctx: CommandContext, trainee: Trainee, state: PortfolioState, title: string, text: string, usage?: string): Promise<Outcome> {
  if (text.length > MAX_BODY) throw new UserError(`That is ${text.length} characters; the most is ${MAX_BODY}.`, { code: 'TOO_LONG', usage, argument: 'record' });
  const same = state.cases.find((c) => c.title.toLowerCase() === title.toLowerCase());
  if (same && isIn(same)) throw new UserError(`You already have a case record called "${same.title}" (${same.status === 'verified' ? 'verified' : 'awaiting your mentor'}). Give this one another title.`, { code: 'DUPLICATE', usage, argument: 'title' });
  const item = same
    ? await ctx.store.certification.resubmit(same.id, { title, body: text, at: ctx.now })
    : await ctx.store.certification.create({ enrollmentId: trainee.enrollment.id, kind: 'case_record', title, body: text, status: 'submitted', createdAt: ctx.now });
  const after = await loadPortfolio(ctx, trainee);
  const reply = `${same ? 'Sent again' : 'Added'} case record "${title}": ${after.casesIn} of ${after.required} handed in, ${after.verifiedCases} verified. ` +
    'Your mentor reads it to verify it; nobody else can. Keep names and identifying details of clients out of it — titles appear in lists.';
  return saved(ctx, trainee, item, reply, 'a case record');
}

export const caseCommand: CommandSpec = {
  path: ['portfolio', 'case'],
  summary: 'add a case record to your evidence portfolio (the title in quotes; keep clients unidentifiable); no arguments opens a form',
  args: [
    { name: 'title', kind: 'word', description: 'the case record’s title, "in quotes" if it has spaces', maxLength: MAX_TITLE },
    { name: 'record', kind: 'text', description: 'what happened, what you did, what came of it', variadic: true, maxLength: MAX_BODY },
  ],
  requires: 'mentee',
  bareOpensForm: true,
  async run(ctx, args) {
    const { trainee, state } = await openPortfolio(ctx);
    if (args.empty) return formReply(caseForm(trainee.enrollment.id));
    const title = checkTitle(args.requiredString('title'), ctx.usage);
    return handIn(ctx, trainee, state, title, requiredText(args.requiredString('record'), 'record', 'case record', ctx.usage), ctx.usage);
  },
};

export const caseFormSpec: FormSpec = {
  formId: CASE_FORM,
  validate(values): Record<string, string> {
    const errors: Record<string, string> = {};
    const title = (values.title ?? '').trim();
    if (!title) errors.title = 'Give the case record a title.';
    else if (title.length > MAX_TITLE) errors.title = `That is ${title.length} characters; the most is ${MAX_TITLE}.`;
    const record = (values.record ?? '').trim();
    if (!record) errors.record = 'Write the record itself: what happened, what you did, what came of it.';
    else if (record.length > MAX_BODY) errors.record = `That is ${record.length} characters; the most is ${MAX_BODY}.`;
    return errors;
  },
  refill: async (_ctx, values, context) => (context ? refilled(caseForm(context), values) : undefined),
  async run(ctx, values, context) {
    const { trainee, state } = await ownPortfolio(ctx, context, '/mentor portfolio case');
    return handIn(ctx, trainee, state, checkTitle(values.title), requiredText(values.record, 'record', 'case record'));
  },
};
