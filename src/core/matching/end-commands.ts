import { textNaming } from '../commands/naming.js';
import { scopeOf, type ActionSpec, type CommandContext, type CommandSpec } from '../commands/types.js';
import type { Program } from '../domain.js';
import { UserError } from '../errors.js';
import { message, privateReply, type Outbound } from '../messages/model.js';
import { nameSeenBy, sentenceCase } from '../privacy/names.js';
import { coordinatorIds } from '../programs/resolve.js';
import { matchView, openMatch, openMatches, type MatchView } from './current-match.js';
import type { Args } from '../commands/arguments/args.js';
import { declineProposal } from './decline.js';
import { endMatch } from './end-match.js';
import { endingWords } from './ending-words.js';

/** Mentors with several trainees say whose match they mean; with one match it is never needed. */
const WHICH_MATCH = { name: 'person', kind: 'person', description: 'the trainee or mentor; needed when you have more than one match', required: false } as const;

const dm = (personId: string, text: string): Outbound => ({ to: { kind: 'person', personId }, message: message(text) });

/** The open match of the person's own enrollment (the command's scope), or a private explanation. */
async function myOpenMatch(ctx: CommandContext, args: Args): Promise<MatchView> {
  const { enrollment, program } = scopeOf(ctx);
  const view = await openMatch(ctx, enrollment, ['proposed', 'active'], { personId: args.person('person')?.id, argument: 'person' });
  if (!view) throw new UserError(`You have no match to end in ${program.name}.`, { code: 'NO_MATCH' });
  return view;
}

/** Who asked to end this match by agreement (audited requests), so nobody is asked twice. */
async function endRequesters(ctx: CommandContext, matchId: string): Promise<Set<string>> {
  const entries = await ctx.store.audit.listForSubject('match', matchId);
  return new Set(entries.filter((e) => e.action === 'match.end-requested' && e.actorPersonId).map((e) => e.actorPersonId!));
}

/** Ends by agreement: both sides are told; the mentee hears the release is rescinded. */
async function endMutually(ctx: CommandContext, program: Program, view: MatchView) {
  const otherName = sentenceCase(await nameSeenBy(ctx, program, view.match, ctx.actor.id, view.counterpart.personId));
  await endMatch(ctx, program, view, 'mutual');
  const words = endingWords(program);
  const forMe = ctx.actor.id === view.mentee.personId ? words.mentee : words.mentor;
  const forOther = view.counterpart.personId === view.mentee.personId ? words.mentee : words.mentor;
  return privateReply(message(`Your match in ${program.name} has ended by mutual agreement.${forMe}`), [
    dm(view.counterpart.personId, `${otherName} agreed: your match in ${program.name} has ended.${forOther}`),
  ]);
}

/** `/mentor end`: before the release, says no privately; after it, asks the other side to agree. */
export const endCommand: CommandSpec = {
  path: ['end'],
  summary: 'say no to a proposed mentor (privately), or end your match by mutual agreement',
  args: [WHICH_MATCH],
  requires: 'participant',
  async run(ctx, args) {
    const { program } = scopeOf(ctx);
    const view = await myOpenMatch(ctx, args);
    if (view.match.status === 'proposed') return declineProposal(ctx, program, view);
    const requesters = await endRequesters(ctx, view.match.id);
    if (requesters.has(view.counterpart.personId)) return endMutually(ctx, program, view);
    if (requesters.has(ctx.actor.id)) return privateReply(message('Your request to end this match is still pending: the other person has been asked once and can agree with one button. Nothing was sent again.'));
    await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'match.end-requested', subjectType: 'match', subjectId: view.match.id, details: {} });
    const me = sentenceCase(await nameSeenBy(ctx, program, view.match, ctx.actor.id, view.counterpart.personId));
    return privateReply(message('I asked the other person to agree to end the match. It ends when they do.'), [{
      to: { kind: 'person', personId: view.counterpart.personId },
      message: {
        text: `${me} would like to end your match in ${program.name}.`,
        blocks: [
          { type: 'text', text: `${me} would like to end your match in ${program.name} by mutual agreement.` },
          { type: 'actions', buttons: [{ action: 'match.end-agree', value: view.match.id, label: 'Agree to end', style: 'danger' }] },
        ],
      },
    }]);
  },
};

/** `/mentor end coordinator`: a coordinator talks with the person, then ends it and tells the other side. */
export const endViaCoordinatorCommand: CommandSpec = {
  path: ['end', 'coordinator'],
  summary: "end your match through a coordinator, who talks with you and tells the other person — you don't have to",
  args: [WHICH_MATCH],
  requires: 'participant',
  async run(ctx, args) {
    const { program } = scopeOf(ctx);
    const view = await myOpenMatch(ctx, args);
    const asked = (await ctx.store.audit.listForSubject('match', view.match.id)).some((e) => e.action === 'match.end-requested-via-coordinator' && e.actorPersonId === ctx.actor.id);
    if (asked) return privateReply(message('Your coordinator already knows you would like to end this match; they will be in touch. Nothing was sent again.'));
    const coordinators = await coordinatorIds(ctx, program.id);
    const adminEnd = (ctx.naming ?? textNaming).command(adminEndCommand.path);
    await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'match.end-requested-via-coordinator', subjectType: 'match', subjectId: view.match.id, details: {} });
    return privateReply(message('I let your coordinator know. They will talk with you and tell the other person; you don\'t need to.'),
      coordinators.map((id) => dm(id, `${ctx.actor.displayName} would like to end their match in ${program.name}. After you've talked with them, \`${adminEnd} @${ctx.identity.handle}\` ends it and tells the other person.`)));
  },
};

async function viewForButton(ctx: CommandContext, matchId: string) {
  const match = await ctx.store.matches.get(matchId);
  if (!match || match.status === 'ended') throw new UserError('That match has already ended.', { code: 'ALREADY_ENDED' });
  const mine = (await ctx.store.enrollments.listForPerson(ctx.actor.id)).find((e) => e.id === match.mentorEnrollmentId || e.id === match.menteeEnrollmentId);
  if (!mine) throw new UserError('That button is not for you.', { code: 'FORBIDDEN' });
  // The button names its match: never the person's newest one.
  const view = (await matchView(ctx, match, mine))!;
  const program = (await ctx.store.programs.get(match.programId))!;
  return { view, program, mine };
}

export const endAgreeAction: ActionSpec = {
  action: 'match.end-agree',
  async run(ctx, matchId) {
    const { view, program } = await viewForButton(ctx, matchId);
    if (!(await endRequesters(ctx, matchId)).has(view.counterpart.personId)) throw new UserError('The other person has not asked to end this match.', { code: 'NOT_YET' });
    return endMutually(ctx, program, view);
  },
};

/** From the overdue-first-call nudge: the mentee asks for someone new. */
export const rematchRequestAction: ActionSpec = {
  action: 'match.rematch-request',
  async run(ctx, matchId) {
    const { view, program, mine } = await viewForButton(ctx, matchId);
    if (mine.id !== view.mentee.id) throw new UserError('Only the mentee can ask for a new match.', { code: 'FORBIDDEN' });
    await endMatch(ctx, program, view, 'first_call_overdue');
    const coordinators = await coordinatorIds(ctx, program.id);
    return privateReply(message("Understood. This match has ended and your release is rescinded: your former mentor no longer sees your details. A coordinator will suggest someone new."), [
      dm(view.mentor.personId, `Your match in ${program.name} has ended because the first call didn't happen in time.`),
      ...coordinators.map((id) => dm(id, `${ctx.actor.displayName} asked for a new mentor in ${program.name}. \`/mentor admin suggest @${ctx.identity.handle}\` ranks the options.`)),
    ]);
  },
};

export const adminEndCommand: CommandSpec = {
  path: ['admin', 'end'],
  summary: "end a person's match on their behalf; both sides are told",
  args: [
    { name: 'person', kind: 'person', description: 'the mentor or mentee whose match ends' },
    { name: 'with', kind: 'person', description: 'the other side, when the person mentors more than one trainee', required: false },
  ],
  requires: 'coordinator',
  async run(ctx, args) {
    const { program } = scopeOf(ctx);
    const person = args.requiredPerson('person');
    const enrollments = (await ctx.store.enrollments.listForPerson(person.id)).filter((e) => e.programId === program.id && (e.role === 'mentor' || e.role === 'mentee'));
    const views = (await Promise.all(enrollments.map((e) => openMatches(ctx, e, ['proposed', 'active'])))).flat().filter((v) => !args.person('with') || v.counterpart.personId === args.person('with')!.id);
    if (views.length > 1 && !args.person('with')) {
      const names = views.map((v) => v.counterpart).map((e) => e.personId);
      const people = await Promise.all(names.map((id) => ctx.store.people.get(id)));
      throw new UserError(`${person.displayName} has ${views.length} open matches here (with ${people.map((p) => p?.displayName ?? 'someone').join(', ')}). Name the other side as @with.`, { code: 'CHOOSE_PERSON', argument: 'with', usage: ctx.usage });
    }
    if (views.length === 0) throw new UserError(`${person.displayName} has no match to end in ${program.name}.`, { code: 'NO_MATCH' });
    if (views.length > 1) throw new UserError(`${person.displayName} is both mentor and mentee here; end the match from the mentee's side.`, { code: 'AMBIGUOUS' });
    const view = views[0]!;
    await endMatch(ctx, program, view, 'coordinator');
    const words = endingWords(program);
    const text = `Your match in ${program.name} has ended. A coordinator ended it after talking with one of you.`;
    return privateReply(message(`Ended the match. Both people have been told${program.template.releaseOfInformation ? ' and the release is rescinded' : ''}.`), [
      dm(view.mentor.personId, `${text}${words.mentor}`),
      dm(view.mentee.personId, `${text}${words.mentee} If you'd like a new mentor, \`/mentor request-mentor\` tells your coordinator.`),
    ]);
  },
};
