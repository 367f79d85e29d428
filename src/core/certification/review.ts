// The mentor is the trainee's verifier. The review lists what is waiting by title; the text of
// an item opens on request ("Read"), for the active mentor only, and every reading is audited.
// Verifying means confirming evidence, and a verifier who may not see the evidence can only
// rubber-stamp it; the trainee hands a record in precisely so that their mentor checks it, and
// is told so when they do. Coordinators never get the text: they see ticks and counts.
import { z } from 'zod';
import { scopeOf, type ActionSpec, type CommandContext, type CommandSpec } from '../commands/types.js';
import type { CertificationItem, Person } from '../domain.js';
import { UserError } from '../errors.js';
import { message, privateReply, type Block, type Outbound, type Outcome } from '../messages/model.js';
import { renderPlain } from '../messages/plain-text.js';
import { formatLocalDate } from '../time/local-date.js';
import { isLocked, loadPortfolio, recordVerificationIfComplete } from './completion.js';
import { itemName, type PortfolioState } from './portfolio.js';
import { requireActiveMentor, traineeOfEnrollment, traineesMentoredBy, type Trainee } from './trainee.js';

export const VERIFY_ACTION = 'portfolio.verify';
export const REJECT_ACTION = 'portfolio.reject';
export const READ_ACTION = 'portfolio.read';
const REVIEWABLE = new Set<CertificationItem['kind']>(['learning_contract', 'self_assessment', 'case_record']);

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
  const waiting = [state.contract, state.selfAssessment, ...state.cases].filter((i): i is CertificationItem => i?.status === 'submitted');
  return [
    { type: 'heading', text: `${person.displayName}'s portfolio — ${trainee.program.name}` },
    { type: 'progress', label: 'Case records verified', value: state.verifiedCases, target: state.required, unit: 'verified' },
    { type: 'text', text: `Waiting for you: ${waiting.length}. Read opens an item for you alone (the reading is recorded); Verify confirms it; Return sends it back to ${person.displayName} to redo.` },
    ...waitingBlocks(waiting, zone),
  ];
}

/** The named trainee in the mentor's program, if the actor is their active mentor there. */
async function chooseTrainee(ctx: CommandContext, person: Person): Promise<Trainee> {
  const { program } = scopeOf(ctx);
  const trainee = (await traineesMentoredBy(ctx, person.id)).find((t) => t.program.id === program.id);
  if (!trainee) throw new UserError(`Only ${person.displayName}'s active mentor can review their portfolio, and you aren't that in ${program.name}.`, { code: 'FORBIDDEN', usage: ctx.usage });
  return trainee;
}

export const reviewCommand: CommandSpec = {
  path: ['portfolio', 'review'],
  summary: "for mentors: your trainee's portfolio items waiting to be verified",
  args: [{ name: 'trainee', kind: 'person', description: 'the trainee you mentor' }],
  requires: 'mentor',
  async run(ctx, args) {
    const person = args.requiredPerson('trainee');
    const trainee = await chooseTrainee(ctx, person);
    const blocks = reviewBlocks(person, trainee, await loadPortfolio(ctx, trainee), ctx.actor.timeZone);
    return privateReply(message(renderPlain(blocks.filter((b) => b.type !== 'actions')), blocks));
  },
};

/** The item a button names, checked: it exists, can be reviewed, and the presser is the trainee's active mentor. */
async function reviewable(ctx: CommandContext, itemId: string): Promise<{ item: CertificationItem; trainee: Trainee; person: Person | null }> {
  const item = z.uuid().safeParse(itemId).success ? await ctx.store.certification.get(itemId) : null;
  const trainee = item && REVIEWABLE.has(item.kind) ? await traineeOfEnrollment(ctx, item.enrollmentId) : null;
  if (!item || !trainee) throw new UserError('That portfolio item no longer exists.', { code: 'NOT_FOUND' });
  const person = await ctx.store.people.get(trainee.enrollment.personId);
  await requireActiveMentor(ctx, trainee, person);
  return { item, trainee, person };
}

export const readAction: ActionSpec = {
  action: READ_ACTION,
  async run(ctx, itemId) {
    const { item, person } = await reviewable(ctx, itemId);
    await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'portfolio.read', subjectType: 'certification_item', subjectId: item.id, details: { kind: item.kind } });
    const blocks: Block[] = [
      { type: 'heading', text: `${person?.displayName ?? 'Trainee'} — ${itemName(item)}` },
      { type: 'text', text: item.body ?? '(no text)' },
      ...(item.status === 'submitted' ? [{ type: 'actions' as const, buttons: [
        { action: VERIFY_ACTION, value: item.id, label: 'Verify', style: 'primary' as const },
        { action: REJECT_ACTION, value: item.id, label: 'Return', style: 'danger' as const },
      ] }] : []),
    ];
    return privateReply(message(renderPlain(blocks), blocks));
  },
};

function decision(outcome: 'verified' | 'rejected'): ActionSpec {
  return {
    action: outcome === 'verified' ? VERIFY_ACTION : REJECT_ACTION,
    async run(ctx, itemId): Promise<Outcome> {
      const { item, trainee, person } = await reviewable(ctx, itemId);
      if (item.status !== 'submitted') throw new UserError(`${itemName(item)} is already ${item.status === 'verified' ? 'verified' : 'returned'}.`, { code: 'DUPLICATE' });
      if (isLocked(await loadPortfolio(ctx, trainee))) throw new UserError('This portfolio is already verified as complete, so it no longer changes.', { code: 'LOCKED' });
      await ctx.store.certification.review(item.id, outcome, ctx.actor.id, ctx.now);
      await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: `portfolio.${outcome}`, subjectType: 'certification_item', subjectId: item.id, details: { kind: item.kind } });
      const state = await loadPortfolio(ctx, trainee);
      const tally = `${state.verifiedCases} of ${state.required} case records verified`;
      const toTrainee = outcome === 'verified'
        ? `${ctx.actor.displayName} verified ${itemName(item)} (${tally}).`
        : `${ctx.actor.displayName} returned ${itemName(item)}. Talk it over, then send it again with the same ${item.kind === 'case_record' ? 'title' : 'command'}.`;
      const outbound: Outbound[] = [{ to: { kind: 'person', personId: trainee.enrollment.personId }, message: message(toTrainee) }];
      if (outcome === 'verified') outbound.push(...(await recordVerificationIfComplete(ctx, trainee, person?.displayName ?? 'A trainee')));
      const name = person?.displayName ?? 'the trainee';
      return privateReply(message(outcome === 'verified' ? `Verified ${itemName(item)} for ${name} (${tally}).` : `Returned ${itemName(item)} to ${name}.`), outbound);
    },
  };
}

export const verifyAction = decision('verified');
export const rejectAction = decision('rejected');
