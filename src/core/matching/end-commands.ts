import { textNaming } from '../commands/naming.js';
import { scopeOf, type ActionSpec, type CommandContext, type CommandSpec } from '../commands/types.js';
import { UserError } from '../errors.js';
import { message, privateReply, type Outbound } from '../messages/model.js';
import { coordinatorIds } from '../programs/resolve.js';
import { openMatch, type MatchView } from './current-match.js';
import { endMatch } from './end-match.js';

const dm = (personId: string, text: string): Outbound => ({ to: { kind: 'person', personId }, message: message(text) });

/** The open match of the person's own enrollment (the command's scope), or a private explanation. */
async function myOpenMatch(ctx: CommandContext): Promise<MatchView> {
  const { enrollment, program } = scopeOf(ctx);
  const view = await openMatch(ctx, enrollment, ['proposed', 'active']);
  if (!view) throw new UserError(`You have no match to end in ${program.name}.`, { code: 'NO_MATCH' });
  return view;
}

/** `/mentor end`: ask the other side to agree; the match ends when they do. */
export const endCommand: CommandSpec = {
  path: ['end'],
  summary: 'end your match by mutual agreement: the other person is asked to agree',
  args: [],
  requires: 'participant',
  async run(ctx) {
    const { program } = scopeOf(ctx);
    const view = await myOpenMatch(ctx);
    await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'match.end-requested', subjectType: 'match', subjectId: view.match.id, details: {} });
    return privateReply(message('I asked the other person to agree to end the match. It ends when they do.'), [{
      to: { kind: 'person', personId: view.counterpart.personId },
      message: {
        text: `${ctx.actor.displayName} would like to end your match in ${program.name}.`,
        blocks: [
          { type: 'text', text: `${ctx.actor.displayName} would like to end your match in ${program.name} by mutual agreement.` },
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
  args: [],
  requires: 'participant',
  async run(ctx) {
    const { program } = scopeOf(ctx);
    const view = await myOpenMatch(ctx);
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
  const view = (await openMatch(ctx, mine, ['proposed', 'active']))!;
  const program = (await ctx.store.programs.get(match.programId))!;
  return { view, program, mine };
}

export const endAgreeAction: ActionSpec = {
  action: 'match.end-agree',
  async run(ctx, matchId) {
    const { view, program } = await viewForButton(ctx, matchId);
    const requests = await ctx.store.audit.listForSubject('match', matchId);
    if (!requests.some((r) => r.action === 'match.end-requested' && r.actorPersonId === view.counterpart.personId)) throw new UserError('The other person has not asked to end this match.', { code: 'NOT_YET' });
    await endMatch(ctx, program, view, 'mutual');
    return privateReply(message(`Your match in ${program.name} has ended by mutual agreement. Your hours and history are kept.`), [
      dm(view.counterpart.personId, `${ctx.actor.displayName} agreed: your match in ${program.name} has ended. Your hours and history are kept.`),
    ]);
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
    return privateReply(message("Understood. This match has ended and your release is withdrawn. A coordinator will suggest someone new."), [
      dm(view.mentor.personId, `Your match in ${program.name} has ended because the first call didn't happen in time.`),
      ...coordinators.map((id) => dm(id, `${ctx.actor.displayName} asked for a new mentor in ${program.name}. \`/mentor admin suggest @${ctx.identity.handle}\` ranks the options.`)),
    ]);
  },
};

export const adminEndCommand: CommandSpec = {
  path: ['admin', 'end'],
  summary: "end a person's match on their behalf; both sides are told",
  args: [{ name: 'person', kind: 'person', description: 'the mentor or mentee whose match ends' }],
  requires: 'coordinator',
  async run(ctx, args) {
    const { program } = scopeOf(ctx);
    const person = args.requiredPerson('person');
    const enrollments = (await ctx.store.enrollments.listForPerson(person.id)).filter((e) => e.programId === program.id && (e.role === 'mentor' || e.role === 'mentee'));
    const views = (await Promise.all(enrollments.map((e) => openMatch(ctx, e, ['proposed', 'active'])))).filter((v) => v !== null);
    if (views.length === 0) throw new UserError(`${person.displayName} has no match to end in ${program.name}.`, { code: 'NO_MATCH' });
    if (views.length > 1) throw new UserError(`${person.displayName} is both mentor and mentee here; end the match from the mentee's side.`, { code: 'AMBIGUOUS' });
    const view = views[0]!;
    await endMatch(ctx, program, view, 'coordinator');
    const text = `Your match in ${program.name} has ended. A coordinator ended it after talking with one of you; your hours and history are kept.`;
    return privateReply(message(`Ended the match. Both people have been told${program.template.releaseOfInformation ? ' and the release is rescinded' : ''}.`), [
      dm(view.mentor.personId, text),
      dm(view.mentee.personId, `${text} If you'd like a new mentor, your coordinator can suggest one.`),
    ]);
  },
};
