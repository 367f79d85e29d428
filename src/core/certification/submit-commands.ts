import type { Args, CommandContext, CommandSpec } from '../commands/types.js';
import type { CertificationItem } from '../domain.js';
import { UserError } from '../errors.js';
import { message, privateReply, type Outbound, type Outcome } from '../messages/model.js';
import { loadPortfolio, isLocked, recordVerificationIfComplete } from './completion.js';
import { isIn } from './portfolio.js';
import { activeMentorId, scopedTrainee, type Trainee } from './trainee.js';

export const MAX_BODY = 4000;
const MAX_TITLE = 120;
const LOCKED = 'Your portfolio is already verified as complete, so it no longer changes.';

/** The text as written; quotes around nothing but spaces still leave nothing to keep. */
function body(ctx: CommandContext, args: Args, name: string, what: string): string {
  const text = args.requiredString(name).trim();
  if (!text) throw new UserError(`Write your ${what} after the command.`, { code: 'EMPTY', usage: ctx.usage, argument: name });
  return text;
}

/** The actor's portfolio, while it can still change. */
async function start(ctx: CommandContext): Promise<Trainee> {
  const trainee = scopedTrainee(ctx);
  if (isLocked(await loadPortfolio(ctx, trainee))) throw new UserError(LOCKED, { code: 'LOCKED' });
  return trainee;
}

/** Tells the active mentor something is waiting (what kind only: they read it in the review). */
async function tellMentor(ctx: CommandContext, trainee: Trainee, what: string): Promise<Outbound[]> {
  const mentorId = await activeMentorId(ctx, trainee);
  if (!mentorId) return [];
  const text = `${ctx.actor.displayName} sent ${what} for you to verify. \`/mentor portfolio review @${ctx.identity.handle}\` shows what is waiting.`;
  return [{ to: { kind: 'person', personId: mentorId }, message: message(text) }];
}

async function saved(ctx: CommandContext, trainee: Trainee, item: CertificationItem, replyText: string, what: string): Promise<Outcome> {
  await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'portfolio.submitted', subjectType: 'certification_item', subjectId: item.id, details: { kind: item.kind } });
  const outbound = [...(await tellMentor(ctx, trainee, what)), ...(await recordVerificationIfComplete(ctx, trainee, ctx.actor.displayName))];
  return privateReply(message(`${replyText} \`/mentor portfolio\` shows where your portfolio stands.`), outbound);
}

/** The learning contract and the self-assessment: one each, replaced until the mentor verifies it. */
function statementCommand(kind: 'learning_contract' | 'self_assessment'): CommandSpec {
  const contract = kind === 'learning_contract';
  const what = contract ? 'learning contract' : 'self-assessment';
  return {
    path: ['portfolio', contract ? 'contract' : 'self-assessment'],
    summary: contract
      ? 'hand in your learning contract: action-outcome statements ("I will … so that …"), separated by `;`'
      : 'hand in your self-assessment, your accountability agreement ("Can I …?"), separated by `;`',
    args: [{
      name: 'statements',
      kind: 'text',
      description: contract ? 'your statements, "I will … so that …", separated by ;' : 'your statements, "Can I …? Yes, because …", separated by ;',
      variadic: true,
      maxLength: MAX_BODY,
    }],
    requires: 'mentee',
    async run(ctx, args) {
      const trainee = await start(ctx);
      const text = body(ctx, args, 'statements', what);
      const statements = text.split(';').filter((s) => s.trim()).length;
      const current = (await loadPortfolio(ctx, trainee))[contract ? 'contract' : 'selfAssessment'];
      if (current?.status === 'verified') throw new UserError(`Your mentor has verified your ${what}; it stays as it is.`, { code: 'VERIFIED' });
      const title = contract ? 'Learning contract' : 'Self-assessment';
      const item = current
        ? await ctx.store.certification.resubmit(current.id, { title, body: text, at: ctx.now })
        : await ctx.store.certification.create({ enrollmentId: trainee.enrollment.id, kind, title, body: text, status: 'submitted', createdAt: ctx.now });
      const verb = current ? 'Replaced' : 'Saved';
      const reply = `${verb} your ${what} (${statements} statement${statements === 1 ? '' : 's'}). Only you and your mentor, who verifies it, can read it.`;
      return saved(ctx, trainee, item, reply, `their ${what}`);
    },
  };
}

export const contractCommand = statementCommand('learning_contract');
export const selfAssessmentCommand = statementCommand('self_assessment');

/** A case record: new, or a returned one sent again under the same title. */
export const caseCommand: CommandSpec = {
  path: ['portfolio', 'case'],
  summary: 'add a case record to your evidence portfolio (the title in quotes; keep clients unidentifiable)',
  args: [
    { name: 'title', kind: 'word', description: 'the case record’s title, "in quotes" if it has spaces', maxLength: MAX_TITLE },
    { name: 'record', kind: 'text', description: 'what happened, what you did, what came of it', variadic: true, maxLength: MAX_BODY },
  ],
  requires: 'mentee',
  async run(ctx, args) {
    const trainee = await start(ctx);
    const title = args.requiredString('title').trim();
    if (!title) throw new UserError('Give the case record a title (in quotes if it has spaces), then the record itself.', { code: 'EMPTY', usage: ctx.usage, argument: 'title' });
    const text = body(ctx, args, 'record', 'case record');
    const same = (await loadPortfolio(ctx, trainee)).cases.find((c) => c.title.toLowerCase() === title.toLowerCase());
    if (same && isIn(same)) throw new UserError(`You already have a case record called "${same.title}" (${same.status === 'verified' ? 'verified' : 'awaiting your mentor'}). Give this one another title.`, { code: 'DUPLICATE', usage: ctx.usage, argument: 'title' });
    const item = same
      ? await ctx.store.certification.resubmit(same.id, { title, body: text, at: ctx.now })
      : await ctx.store.certification.create({ enrollmentId: trainee.enrollment.id, kind: 'case_record', title, body: text, status: 'submitted', createdAt: ctx.now });
    const state = await loadPortfolio(ctx, trainee);
    const reply = `${same ? 'Sent again' : 'Added'} case record "${title}": ${state.casesIn} of ${state.required} handed in, ${state.verifiedCases} verified. ` +
      'Your mentor reads it to verify it; nobody else can. Keep names and identifying details of clients out of it — titles appear in lists.';
    return saved(ctx, trainee, item, reply, 'a case record');
  },
};
