// Saying no to a proposed mentor, before any release: it ends at once, privately. The mentor
// hears only that the proposal was withdrawn — never who said no — and the coordinator is told,
// so they can propose someone else. It costs the mentee nothing in the program.
import { textNaming } from '../commands/naming.js';
import type { CommandContext } from '../commands/types.js';
import type { Program } from '../domain.js';
import { message, privateReply, type Outbound, type Outcome } from '../messages/model.js';
import { coordinatorIds } from '../programs/resolve.js';
import type { MatchView } from './current-match.js';
import { endMatch } from './end-match.js';

const dm = (personId: string, text: string): Outbound => ({ to: { kind: 'person', personId }, message: message(text) });

export async function declineProposal(ctx: CommandContext, program: Program, view: MatchView): Promise<Outcome> {
  await endMatch(ctx, program, view, 'declined');
  const byMentee = ctx.actor.id === view.mentee.personId;
  const [mentor, mentee] = await Promise.all([ctx.store.people.get(view.mentor.personId), ctx.store.people.get(view.mentee.personId)]);
  const naming = ctx.naming ?? textNaming;
  const suggest = `\`${naming.command(['admin', 'suggest'])} @…\` proposes someone else; mentors who were declined are left out unless you add \`--include-former yes\`.`;
  const coordinators = (await coordinatorIds(ctx, program.id)).filter((id) => id !== ctx.actor.id);
  if (byMentee) {
    return privateReply(message(`Done — you said no to this proposal, privately. The mentor hears only that it was withdrawn, never why or by whom. It does not affect your standing in ${program.name}. Whenever you would like a mentor, \`/mentor request-mentor\` tells your coordinator.`), [
      dm(view.mentor.personId, `The proposed match in ${program.name} has been withdrawn. Nothing more is needed from you, and no details were shared.`),
      ...coordinators.map((id) => dm(id, `${mentee?.displayName ?? 'A mentee'} declined the proposed mentor ${mentor?.displayName ?? ''} in ${program.name}. ${suggest}`)),
    ]);
  }
  return privateReply(message(`Done — the proposal is withdrawn. The mentee is told only that this mentor is not available, and your coordinator is told.`), [
    dm(view.mentee.personId, `The mentor proposed for you in ${program.name} is not available after all. Nothing about you was shared. Your coordinator can suggest someone else.`),
    ...coordinators.map((id) => dm(id, `${mentor?.displayName ?? 'A mentor'} withdrew from the proposed match with ${mentee?.displayName ?? 'a mentee'} in ${program.name}. ${suggest}`)),
  ]);
}
