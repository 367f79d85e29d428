import type { CommandContext } from '../commands/types.js';
import type { CheckInReason, Program } from '../domain.js';
import { message, type Outbound } from '../messages/model.js';
import { coordinatorIds } from '../programs/resolve.js';

const REASON_TEXT: Record<CheckInReason, string> = {
  safety: 'a safety concern',
  impasse: 'an impasse',
  failed_activity: 'an activity that did not work',
  uncertain: 'uncertainty about what comes next',
};

/**
 * Asks the program's supervisors (or, without any, its coordinators) for a debrief, by DM.
 * Only who and why — never the notes or the reflection itself, never in a channel.
 */
export async function notifyCheckIn(ctx: CommandContext, program: Program, after: string, reason: CheckInReason): Promise<Outbound[]> {
  const supervisors = (await ctx.store.enrollments.listForProgram(program.id, 'supervisor')).filter((e) => e.status === 'active').map((e) => e.personId);
  const recipients = (supervisors.length ? supervisors : await coordinatorIds(ctx, program.id)).filter((id) => id !== ctx.actor.id);
  const text = `${ctx.actor.displayName} asked for a debrief after ${after} in ${program.name} (${REASON_TEXT[reason]}). Please check in with them.`;
  return recipients.map((personId) => ({ to: { kind: 'person', personId }, message: message(text) }));
}
