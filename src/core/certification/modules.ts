// Education pillar, part two: the continuing-education modules the template lists. The trainee
// marks one done with a line on what they took from it; the mentor verifies it like any evidence.
import type { ActionSpec, CommandContext, CommandSpec, FormSpec } from '../commands/types.js';
import { UserError } from '../errors.js';
import { formReply, message, privateReply, type Block, type Form, type Outcome } from '../messages/model.js';
import { renderPlain } from '../messages/plain-text.js';
import { refilled } from '../commands/form-checks.js';
import { isIn, type ModuleState, type PortfolioState } from './portfolio.js';
import { openPortfolio, ownPortfolio, saved } from './submit.js';
import type { Trainee } from './trainee.js';

export const MODULE_DONE_ACTION = 'portfolio.module';
export const MODULE_FORM = 'portfolio-module';
const MAX_NOTES = 2000;

const STANDING: Record<string, string> = {
  draft: 'not done yet', submitted: 'done, awaiting your mentor', verified: 'verified', rejected: 'returned by your mentor — mark it done again', closed: 'closed unverified',
};
const standing = (m: ModuleState) => (m.item ? STANDING[m.item.status]! : 'not done yet');
const canMark = (m: ModuleState) => !isIn(m.item) && m.item?.status !== 'closed';

function noModules(trainee: Trainee): never {
  throw new UserError(`${trainee.program.name} lists no continuing-education modules.`, { code: 'UNKNOWN_MODULE' });
}

function listBlocks(trainee: Trainee, state: PortfolioState): Block[] {
  const marks = state.modules.map((m, i) => ({ m, i })).filter(({ m }) => canMark(m));
  return [
    { type: 'heading', text: `Continuing education — ${trainee.program.name}` },
    { type: 'progress', label: 'Modules verified', value: state.verifiedModules, target: state.modulesRequired, unit: 'verified' },
    { type: 'list', items: state.modules.map((m, i) => `${i + 1}. ${m.module.title} — ${standing(m)}${m.item?.status === 'rejected' && m.item.reviewNote ? ` (“${m.item.reviewNote}”)` : ''}${m.module.summary ? `. ${m.module.summary}` : ''}`) },
    { type: 'text', text: 'When you have finished one: `/mentor portfolio module <number> <what you took from it>`, or the button. Your mentor verifies it.' },
    ...(marks.length ? [{ type: 'actions' as const, buttons: marks.map(({ m, i }) => ({ action: MODULE_DONE_ACTION, value: `${trainee.enrollment.id}:${m.module.key}`, label: `Mark ${i + 1} done` })) }] : []),
  ];
}

/** A module named by its number in the list or by its key. */
function findModule(trainee: Trainee, state: PortfolioState, word: string, argument?: string): ModuleState {
  if (state.modules.length === 0) noModules(trainee);
  const w = word.trim().toLowerCase();
  const found = /^\d+$/.test(w) ? state.modules[Number(w) - 1] : state.modules.find((m) => m.module.key === w);
  if (found) return found;
  const list = state.modules.map((m, i) => `${i + 1} (${m.module.key})`).join(', ');
  throw new UserError(`"${word}" is not one of your program's modules: ${list}.`, { code: 'UNKNOWN_MODULE', argument });
}

function moduleForm(enrollmentId: string, m: ModuleState): Form {
  return {
    id: MODULE_FORM,
    title: 'Module done',
    submitLabel: 'Mark done',
    context: `${enrollmentId}:${m.module.key}`,
    inputs: [{ kind: 'multiline', id: 'notes', label: `${m.module.title}: what you took from it`, maxLength: MAX_NOTES }],
  };
}

function checkNotes(value: string | undefined, argument: string, usage?: string): string {
  const notes = (value ?? '').trim();
  if (!notes) throw new UserError('Add a line on what you took from the module: your mentor verifies it against that.', { code: 'EMPTY', argument, usage });
  if (notes.length > MAX_NOTES) throw new UserError(`That is ${notes.length} characters; the most is ${MAX_NOTES}.`, { code: 'TOO_LONG', argument, usage });
  return notes;
}

async function markDone(ctx: CommandContext, trainee: Trainee, state: PortfolioState, m: ModuleState, notes: string): Promise<Outcome> {
  if (!canMark(m)) throw new UserError(`You have already marked "${m.module.title}" done (${standing(m)}).`, { code: 'DUPLICATE' });
  const item = m.item
    ? await ctx.store.certification.resubmit(m.item.id, { title: m.module.title, body: notes, at: ctx.now })
    : await ctx.store.certification.create({ enrollmentId: trainee.enrollment.id, kind: 'ce_module', moduleKey: m.module.key, title: m.module.title, body: notes, status: 'submitted', createdAt: ctx.now });
  const reply = `Marked "${m.module.title}" done; your mentor verifies it (${state.verifiedModules} of ${state.modulesRequired} modules verified so far).`;
  return saved(ctx, trainee, item, reply, 'a continuing-education module');
}

export const moduleCommand: CommandSpec = {
  path: ['portfolio', 'module'],
  summary: "your program's continuing-education modules: no arguments lists them; `<number> <what you took from it>` marks one done",
  args: [
    { name: 'module', kind: 'word', description: 'the module, by its number in the list (or its key)' },
    { name: 'notes', kind: 'text', description: 'what you took from it; your mentor verifies it', variadic: true, maxLength: MAX_NOTES },
  ],
  requires: 'mentee',
  bareOpensForm: true,
  async run(ctx, args) {
    const { trainee, state } = await openPortfolio(ctx);
    if (state.modules.length === 0) noModules(trainee);
    if (args.empty) {
      const blocks = listBlocks(trainee, state);
      return privateReply(message(renderPlain(blocks.filter((b) => b.type !== 'actions')), blocks));
    }
    const m = findModule(trainee, state, args.requiredString('module'), 'module');
    return markDone(ctx, trainee, state, m, checkNotes(args.requiredString('notes'), 'notes', ctx.usage));
  },
};

const parse = (value: string | undefined) => {
  const [enrollmentId, key = ''] = (value ?? '').split(':');
  return { enrollmentId, key };
};

export const moduleActions: ActionSpec[] = [{
  action: MODULE_DONE_ACTION,
  async run(ctx, value) {
    const { enrollmentId, key } = parse(value);
    const { trainee, state } = await ownPortfolio(ctx, enrollmentId, '/mentor portfolio module');
    const m = findModule(trainee, state, key);
    if (!canMark(m)) throw new UserError(`You have already marked "${m.module.title}" done (${standing(m)}).`, { code: 'DUPLICATE' });
    return formReply(moduleForm(trainee.enrollment.id, m));
  },
}];

export const moduleFormSpec: FormSpec = {
  formId: MODULE_FORM,
  validate(values): Record<string, string> {
    const notes = (values.notes ?? '').trim();
    if (!notes) return { notes: 'Add a line on what you took from the module.' };
    return notes.length > MAX_NOTES ? { notes: `That is ${notes.length} characters; the most is ${MAX_NOTES}.` } : {};
  },
  async refill(ctx, values, context) {
    const { enrollmentId, key } = parse(context);
    const found = await ownPortfolio(ctx, enrollmentId, '/mentor portfolio module').catch(() => null);
    const m = found?.state.modules.find((x) => x.module.key === key);
    return found && m ? refilled(moduleForm(found.trainee.enrollment.id, m), values) : undefined;
  },
  async run(ctx, values, context) {
    const { enrollmentId, key } = parse(context);
    const { trainee, state } = await ownPortfolio(ctx, enrollmentId, '/mentor portfolio module');
    return markDone(ctx, trainee, state, findModule(trainee, state, key), checkNotes(values.notes, 'notes'));
  },
};
