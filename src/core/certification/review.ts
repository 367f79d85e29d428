// The verification pillar: the mentor is the trainee's verifier. The review lists what is waiting
// by title; the text of an item opens on request ("Read"), for the active mentor only, and every
// reading is audited. Verifying means confirming evidence, and a verifier who may not see the
// evidence can only rubber-stamp it. Returning asks for a reason, which only the trainee reads,
// and they can send the item again. Coordinators never get the text: they see ticks and counts.
import { z } from 'zod';
import type { ActionSpec, CommandContext, CommandSpec, FormSpec } from '../commands/types.js';
import type { CertificationItem, Person } from '../domain.js';
import { UserError } from '../errors.js';
import { formReply, message, privateReply, type Block, type Form, type Outbound, type Outcome } from '../messages/model.js';
import { renderPlain } from '../messages/plain-text.js';
import { refilled } from '../commands/form-checks.js';
import { formatLocalDate } from '../time/local-date.js';
import { loadPortfolio, recordVerificationIfComplete } from './completion.js';
import { isFrozen, isLocked, itemName, waitingItems, type PortfolioState } from './portfolio.js';
import { readSelfAssessment, ANSWER_WORDS } from './statements.js';
import { chosenTrainee, requireActiveMentor, traineeOfEnrollment, type Trainee } from './trainee.js';

export const VERIFY_ACTION = 'portfolio.verify';
export const REJECT_ACTION = 'portfolio.reject';
export const READ_ACTION = 'portfolio.read';
export const RETURN_FORM = 'portfolio-return';
const MAX_REASON = 1000;
const REVIEWABLE = new Set<CertificationItem['kind']>(['learning_contract', 'self_assessment', 'case_record', 'ce_module']);

function waitingBlocks(items: CertificationItem[], zone: string): Block[] {
  if (items.length === 0) return [{ type: 'text', text: 'Nothing is waiting for you to verify.' }];
  return items.flatMap((item): Block[] => [
    { type: 'text', text: `${itemName(item)} — handed in ${formatLocalDate(item.createdAt, zone)}` },
    { type: 'actions', buttons: [
      { action: READ_ACTION, value: item.id, label: 'Read' },
      { action: VERIFY_ACTION, value: item.id, label: 'Verify', style: 'primary' },
      { action: REJECT_ACTION, value: item.id, label: 'Return', style: 'danger' },
    ] },
  ]);
}

function reviewBlocks(person: Person, trainee: Trainee, state: PortfolioState, zone: string): Block[] {
  const heading: Block = { type: 'heading', text: `${person.displayName}'s portfolio — ${trainee.program.name}` };
  if (isFrozen(state)) return [heading, { type: 'text', text: `${person.displayName} holds the certificate, so the portfolio stays as it was when it was issued; nothing waits for you.` }];
  const waiting = waitingItems(state);
  return [
    heading,
    { type: 'progress', label: 'Case records verified', value: state.verifiedCases, target: state.required, unit: 'verified' },
    ...(state.modulesRequired ? [{ type: 'progress' as const, label: 'Modules verified', value: state.verifiedModules, target: state.modulesRequired, unit: 'verified' }] : []),
    { type: 'text', text: `Waiting for you: ${waiting.length}. Read opens an item for you alone (the reading is recorded); Verify confirms it; Return sends it back to ${person.displayName} with your reason.` },
    ...waitingBlocks(waiting, zone),
  ];
}

export const reviewCommand: CommandSpec = {
  path: ['portfolio', 'review'],
  summary: "for mentors: a trainee's portfolio items waiting to be verified (name the trainee when you have several)",
  args: [{ name: 'trainee', kind: 'person', description: 'the trainee you mentor (needed when you have more than one)', required: false }],
  requires: 'mentor',
  async run(ctx, args) {
    const { trainee, person } = await chosenTrainee(ctx, args.person('trainee'));
    const blocks = reviewBlocks(person, trainee, await loadPortfolio(ctx, trainee), ctx.actor.timeZone);
    return privateReply(message(renderPlain(blocks.filter((b) => b.type !== 'actions')), blocks));
  },
};

/** The item a button names, checked: it exists, can be reviewed, and the presser is the trainee's active mentor. */
async function reviewable(ctx: CommandContext, itemId: string | undefined): Promise<{ item: CertificationItem; trainee: Trainee; person: Person | null }> {
  const item = itemId && z.uuid().safeParse(itemId).success ? await ctx.store.certification.get(itemId) : null;
  const trainee = item && REVIEWABLE.has(item.kind) ? await traineeOfEnrollment(ctx, item.enrollmentId) : null;
  if (!item || !trainee) throw new UserError('That portfolio item no longer exists.', { code: 'NOT_FOUND' });
  const person = await ctx.store.people.get(trainee.enrollment.personId);
  await requireActiveMentor(ctx, trainee, person);
  return { item, trainee, person };
}

/** The item's text as the mentor reads it: a self-assessment as its questions and answers. */
function itemText(item: CertificationItem): string {
  if (item.kind !== 'self_assessment') return item.body ?? '(no text)';
  const answers = readSelfAssessment(item.body);
  if (!answers) return item.body ?? '(no text)';
  return answers.entries.map((e, i) => `${i + 1}. ${e.question} — ${e.answer ? `${ANSWER_WORDS[e.answer]}: ${e.evidence}` : 'not answered'}`).join('\n');
}

export const readAction: ActionSpec = {
  action: READ_ACTION,
  async run(ctx, itemId) {
    const { item, person } = await reviewable(ctx, itemId);
    await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'portfolio.read', subjectType: 'certification_item', subjectId: item.id, details: { kind: item.kind } });
    const blocks: Block[] = [
      { type: 'heading', text: `${person?.displayName ?? 'Trainee'} — ${itemName(item)}` },
      { type: 'text', text: itemText(item) },
      ...(item.status === 'submitted' ? [{ type: 'actions' as const, buttons: [
        { action: VERIFY_ACTION, value: item.id, label: 'Verify', style: 'primary' as const },
        { action: REJECT_ACTION, value: item.id, label: 'Return', style: 'danger' as const },
      ] }] : []),
    ];
    return privateReply(message(renderPlain(blocks), blocks));
  },
};

const STATUS_WORDS: Partial<Record<CertificationItem['status'], string>> = {
  verified: 'already verified', rejected: 'already returned', closed: 'closed: the certificate was issued before it was verified', draft: 'not handed in yet',
};

/** Refuses a decision on an item that is not waiting, or on a portfolio that no longer changes. */
async function requireWaiting(ctx: CommandContext, item: CertificationItem, trainee: Trainee): Promise<void> {
  if (item.status !== 'submitted') throw new UserError(`${itemName(item)} is ${STATUS_WORDS[item.status] ?? 'not waiting'}.`, { code: 'DUPLICATE' });
  if (isLocked(await loadPortfolio(ctx, trainee))) throw new UserError('This portfolio is already verified as complete, so it no longer changes.', { code: 'LOCKED' });
}

const resendHint = (item: CertificationItem): string => {
  if (item.kind === 'case_record') return `send it again with \`/mentor portfolio case "${item.title}" …\``;
  if (item.kind === 'ce_module') return 'mark it done again with `/mentor portfolio module`';
  if (item.kind === 'self_assessment') return 'change your answers with `/mentor portfolio self-assessment`';
  return 'send it again with `/mentor portfolio contract`';
};

async function decide(ctx: CommandContext, itemId: string | undefined, outcome: 'verified' | 'rejected', reason: string | null): Promise<Outcome> {
  const { item, trainee, person } = await reviewable(ctx, itemId);
  await requireWaiting(ctx, item, trainee);
  await ctx.store.certification.review(item.id, outcome, ctx.actor.id, ctx.now, reason);
  // The audit row says who decided what about which item; the reason is the trainee's to read, not the log's.
  await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: `portfolio.${outcome}`, subjectType: 'certification_item', subjectId: item.id, details: { kind: item.kind } });
  const state = await loadPortfolio(ctx, trainee);
  const tally = `${state.verifiedCases} of ${state.required} case records verified`;
  const toTrainee = outcome === 'verified'
    ? `${ctx.actor.displayName} verified ${itemName(item)} (${tally}).`
    : `${ctx.actor.displayName} returned ${itemName(item)}: “${reason}” Talk it over, then ${resendHint(item)}.`;
  const outbound: Outbound[] = [{ to: { kind: 'person', personId: trainee.enrollment.personId }, message: message(toTrainee) }];
  if (outcome === 'verified') outbound.push(...(await recordVerificationIfComplete(ctx, trainee, person?.displayName ?? 'A trainee')));
  const name = person?.displayName ?? 'the trainee';
  return privateReply(message(outcome === 'verified' ? `Verified ${itemName(item)} for ${name} (${tally}).` : `Returned ${itemName(item)} to ${name}, with your reason.`), outbound);
}

function returnForm(item: CertificationItem, name: string): Form {
  return {
    id: RETURN_FORM,
    title: 'Return to the trainee',
    submitLabel: 'Return',
    context: item.id,
    inputs: [{ kind: 'multiline', id: 'reason', label: `Why ${itemName(item)} goes back to ${name}, and what would make it right`, maxLength: MAX_REASON }],
  };
}

function checkReason(value: string | undefined): string {
  const reason = (value ?? '').trim();
  if (reason.length < 10) throw new UserError('Say why it goes back, and what would make it right: the trainee reads this and nothing else.', { code: 'EMPTY', argument: 'reason' });
  if (reason.length > MAX_REASON) throw new UserError(`That is ${reason.length} characters; the most is ${MAX_REASON}.`, { code: 'TOO_LONG', argument: 'reason' });
  return reason;
}

export const verifyAction: ActionSpec = { action: VERIFY_ACTION, run: (ctx, itemId) => decide(ctx, itemId, 'verified', null) };

/** Return asks for the reason first: the form, from which the trainee learns what to change. */
export const rejectAction: ActionSpec = {
  action: REJECT_ACTION,
  async run(ctx, itemId) {
    const { item, trainee, person } = await reviewable(ctx, itemId);
    await requireWaiting(ctx, item, trainee);
    return formReply(returnForm(item, person?.displayName ?? 'the trainee'));
  },
};

export const returnFormSpec: FormSpec = {
  formId: RETURN_FORM,
  validate(values): Record<string, string> {
    try {
      checkReason(values.reason);
      return {};
    } catch (error) {
      return { reason: (error as Error).message };
    }
  },
  async refill(ctx, values, context) {
    const found = await reviewable(ctx, context).catch(() => null);
    return found ? refilled(returnForm(found.item, found.person?.displayName ?? 'the trainee'), values) : undefined;
  },
  run: (ctx, values, context) => decide(ctx, context, 'rejected', checkReason(values.reason)),
};
