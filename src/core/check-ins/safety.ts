// A safety check-in is never a dead end: the program's crisis resources are shown at once, in
// every program, and the person may ask that their coordinator get in touch. The coordinator
// learns only that they asked for contact — no reason, no words, nothing about a match.
import type { ActionSpec, CommandContext } from '../commands/types.js';
import type { CheckInReason, Program } from '../domain.js';
import { debriefNotice, debriefReplyLine, type DebriefAbout } from './debrief.js';
import { UserError } from '../errors.js';
import { message, privateReply, type Block, type Outbound } from '../messages/model.js';
import { coordinatorIds } from '../programs/resolve.js';
import { crisisResourcesOf } from '../programs/rules.js';

export const SAFETY_CONTACT_ACTION = 'safety.ask-coordinator';

/** The crisis resources, and (unless a coordinator was already told) the offer to ask for contact. */
export function safetyBlocks(program: Program, enrollmentId: string, offerContact: boolean): Block[] {
  const resources = crisisResourcesOf(program);
  const blocks: Block[] = [
    { type: 'heading', text: 'If you need help now' },
    { type: 'text', text: resources.text },
  ];
  if (resources.contacts.length) blocks.push({ type: 'list', items: resources.contacts.map((c) => `${c.label}: ${c.number}`) });
  if (offerContact) {
    blocks.push(
      { type: 'text', text: 'Would you like your coordinator to get in touch? They will learn only that you asked to be contacted — nothing you wrote.' },
      { type: 'actions', buttons: [{ action: SAFETY_CONTACT_ACTION, value: enrollmentId, label: 'Ask my coordinator to contact me', style: 'primary' }] },
    );
  }
  return blocks;
}

async function ownLiveEnrollment(ctx: CommandContext, enrollmentId: string) {
  const enrollment = await ctx.store.enrollments.get(enrollmentId);
  if (!enrollment || enrollment.personId !== ctx.actor.id || (enrollment.status !== 'active' && enrollment.status !== 'paused')) {
    throw new UserError('That button has expired.', { code: 'ACTION_EXPIRED' });
  }
  return { enrollment, program: (await ctx.store.programs.get(enrollment.programId))! };
}

export const safetyContactAction: ActionSpec = {
  action: SAFETY_CONTACT_ACTION,
  async run(ctx, enrollmentId) {
    const { enrollment, program } = await ownLiveEnrollment(ctx, enrollmentId);
    const coordinators = (await coordinatorIds(ctx, program.id)).filter((id) => id !== ctx.actor.id);
    await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'safety.contact-requested', subjectType: 'enrollment', subjectId: enrollment.id, details: {} });
    if (coordinators.length === 0) return privateReply(message('This program has no coordinator I can reach right now. Please use the numbers above — they are there for exactly this.'));
    const text = `${ctx.actor.displayName} (${program.name}) asked you to get in touch with them. Nothing else was shared; please reach out to them directly.`;
    return privateReply(message('I let your coordinator know you would like them to contact you. Nothing you wrote was shared.'),
      coordinators.map((personId) => ({ to: { kind: 'person' as const, personId }, message: message(text, [{ type: 'heading', text: 'Contact requested' }, { type: 'text', text }]) })));
  },
};

/** What a flagged call or reflection adds to the reply: the debrief line, safety help, and who is told. */
export async function checkInParts(ctx: CommandContext, program: Program, enrollmentId: string, reason: CheckInReason, about?: DebriefAbout): Promise<{ line: string; blocks: Block[]; outbound: Outbound[] }> {
  const notice = await debriefNotice(ctx, program, reason, enrollmentId, about);
  const blocks = reason === 'safety' ? safetyBlocks(program, enrollmentId, notice.role !== 'coordinator') : [];
  return { line: debriefReplyLine(notice, reason, about), blocks, outbound: notice.outbound };
}
