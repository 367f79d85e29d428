// A coordinator may know a reason two people should never be matched (the same workplace, a
// history between them). Only the fact is recorded — never the reason — and suggestions honour it.
import { scopeOf, type CommandSpec } from '../commands/types.js';
import { UserError } from '../errors.js';
import { message, privateReply } from '../messages/model.js';

export const excludeCommand: CommandSpec = {
  path: ['admin', 'exclude'],
  summary: 'confidentially keep a mentor from being suggested for a mentee (e.g. same workplace); no reason is stored',
  args: [
    { name: 'mentor', kind: 'person', description: 'the mentor not to suggest' },
    { name: 'mentee', kind: 'person', description: 'the mentee' },
  ],
  requires: 'coordinator',
  async run(ctx, args) {
    const { program } = scopeOf(ctx);
    const mentor = args.requiredPerson('mentor');
    const mentee = args.requiredPerson('mentee');
    const [mentorE, menteeE] = await Promise.all([ctx.store.enrollments.find(program.id, mentor.id, 'mentor'), ctx.store.enrollments.find(program.id, mentee.id, 'mentee')]);
    if (!mentorE || !menteeE) throw new UserError(`Both must be enrolled in ${program.name}: ${mentor.displayName} as mentor and ${mentee.displayName} as mentee.`, { code: 'NOT_ENROLLED', usage: ctx.usage });
    const added = await ctx.store.matches.addExclusion({ programId: program.id, mentorEnrollmentId: mentorE.id, menteeEnrollmentId: menteeE.id, createdById: ctx.actor.id });
    if (added) await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'match.excluded', subjectType: 'enrollment', subjectId: menteeE.id, details: {} });
    return privateReply(message(added
      ? `Noted, confidentially: ${mentor.displayName} won't be suggested for ${mentee.displayName}. Neither of them is told, and no reason is stored.`
      : `${mentor.displayName} was already kept from ${mentee.displayName}'s suggestions.`));
  },
};
