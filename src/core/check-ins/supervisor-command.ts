// A coordinator sets who supervises a trainee (by default their mentor). Both hear about it;
// the supervisor learns only that debrief requests — reasons, never words — will come to them.
import { scopeOf, type CommandSpec } from '../commands/types.js';
import { UserError } from '../errors.js';
import { message, privateReply, type Outbound } from '../messages/model.js';
import type { ProgramTemplate } from '../programs/template-schema.js';

const dm = (personId: string, text: string): Outbound => ({ to: { kind: 'person', personId }, message: message(text) });

/** What else a supervisor hears (src/core/nudges/oversight/): nothing where the program steps back after the match. */
function oversightNote(t: ProgramTemplate): string {
  if (t.participation?.reportsToProgram === false) return '';
  return ` Once a week a digest sums up what waits for you${t.steppedCare ? ', and you will hear when their missed weeks pile up (counts only)' : ''}.`;
}

export const adminSupervisorCommand: CommandSpec = {
  path: ['admin', 'supervisor'],
  summary: "set a trainee's supervisor (by default their mentor): check-in debrief requests go to them, reason only",
  args: [
    { name: 'trainee', kind: 'person', description: 'the trainee (a mentee in this program)' },
    { name: 'supervisor', kind: 'person', description: 'who supervises them; name their mentor to go back to the default' },
  ],
  requires: 'coordinator',
  async run(ctx, args) {
    const { program } = scopeOf(ctx);
    const trainee = args.requiredPerson('trainee');
    const supervisor = args.requiredPerson('supervisor');
    const enrollment = await ctx.store.enrollments.find(program.id, trainee.id, 'mentee');
    if (!enrollment || (enrollment.status !== 'active' && enrollment.status !== 'paused')) {
      throw new UserError(`${trainee.displayName} is not a trainee in ${program.name}.`, { code: 'NOT_ENROLLED', usage: ctx.usage, argument: 'trainee' });
    }
    if (supervisor.id === trainee.id) throw new UserError('A trainee cannot supervise themselves.', { code: 'SELF_MATCH', usage: ctx.usage, argument: 'supervisor' });
    if (supervisor.withdrawnAt) throw new UserError(`${supervisor.displayName} has left Trellis.`, { code: 'NOT_ENROLLED', usage: ctx.usage, argument: 'supervisor' });
    const mentor = (await ctx.store.matches.listOpenForEnrollment(enrollment.id)).find((m) => m.status === 'active');
    const mentorPersonId = mentor ? (await ctx.store.enrollments.get(mentor.mentorEnrollmentId))?.personId : undefined;
    // Naming the mentor clears the setting, so a later new mentor becomes the supervisor by default.
    const isDefault = supervisor.id === mentorPersonId;
    await ctx.store.enrollments.setSupervisor(enrollment.id, isDefault ? null : supervisor.id);
    await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'supervisor.set', subjectType: 'enrollment', subjectId: enrollment.id, details: { supervisorPersonId: supervisor.id, isDefault } });
    return privateReply(message(`${supervisor.displayName} now supervises ${trainee.displayName} in ${program.name}${isDefault ? ' (their mentor, the default)' : ''}. Debrief requests go to them, reason only.`), [
      dm(supervisor.id, `You are now ${trainee.displayName}'s supervisor in ${program.name}. When they ask for a debrief you will hear the reason — never what they wrote.${oversightNote(program.template)}`),
      dm(trainee.id, `${supervisor.displayName} is now your supervisor in ${program.name}. When you ask for a debrief, they hear only the reason.`),
    ]);
  },
};
