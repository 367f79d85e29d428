import { scopeOf, type CommandSpec } from '../commands/types.js';
import { UserError } from '../errors.js';
import { message, privateReply, type Outbound } from '../messages/model.js';
import { formatLocalDate } from '../time/local-date.js';
import { activateMatch } from './activate.js';

export const matchCommand: CommandSpec = {
  path: ['admin', 'match'],
  summary: 'propose a mentor for a mentee (the mentee then signs the release, where the program has one)',
  args: [
    { name: 'mentor', kind: 'person', description: 'the mentor' },
    { name: 'mentee', kind: 'person', description: 'the mentee' },
  ],
  requires: 'coordinator',
  async run(ctx, args) {
    const { program } = scopeOf(ctx);
    const mentor = args.requiredPerson('mentor');
    const mentee = args.requiredPerson('mentee');
    if (mentor.id === mentee.id) throw new UserError("A person can't be matched with themselves.", { code: 'SELF_MATCH', usage: ctx.usage });
    const mentorEnrollment = await ctx.store.enrollments.find(program.id, mentor.id, 'mentor');
    if (!mentorEnrollment || mentorEnrollment.status !== 'active') throw new UserError(`${mentor.displayName} is not an active mentor in ${program.name}.`, { code: 'NOT_ENROLLED', usage: ctx.usage });
    if (program.template.eligibility && !(await ctx.store.enrollments.getEligibility(mentorEnrollment.id))?.readinessConfirmed) {
      throw new UserError(`${mentor.displayName} has not completed the mentor sign-off.`, { code: 'NOT_ELIGIBLE', usage: ctx.usage });
    }
    const menteeEnrollment = await ctx.store.enrollments.find(program.id, mentee.id, 'mentee');
    if (!menteeEnrollment || menteeEnrollment.status !== 'active') throw new UserError(`${mentee.displayName} is not an active mentee in ${program.name}.`, { code: 'NOT_ENROLLED', usage: ctx.usage });
    if ((await ctx.store.matches.listOpenForEnrollment(menteeEnrollment.id)).some((m) => m.menteeEnrollmentId === menteeEnrollment.id)) {
      throw new UserError(`${mentee.displayName} already has a mentor or a proposed one. End that match first (\`/mentor admin end @mentee\`).`, { code: 'ALREADY_MATCHED', usage: ctx.usage });
    }
    let match = await ctx.store.matches.create({ programId: program.id, mentorEnrollmentId: mentorEnrollment.id, menteeEnrollmentId: menteeEnrollment.id, proposedById: ctx.actor.id, proposedAt: ctx.now });
    await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'match.proposed', subjectType: 'match', subjectId: match.id, details: {} });
    const outbound: Outbound[] = [];
    if (program.template.releaseOfInformation) {
      outbound.push(
        {
          to: { kind: 'person', personId: mentee.id },
          message: {
            text: `A mentor has been found for you in ${program.name}.`,
            blocks: [
              { type: 'text', text: `A mentor has been found for you in ${program.name}. Before they can contact you, you decide whether to sign a release that gives them your first name and phone number — nothing else.` },
              { type: 'actions', buttons: [{ action: 'consent.review', value: match.id, label: 'Review the release', style: 'primary' }] },
            ],
          },
        },
        { to: { kind: 'person', personId: mentor.id }, message: message(`You have been proposed as a mentor in ${program.name}. You'll get your mentee's first name and phone number once they sign their release.`) },
      );
      return privateReply(message(`Proposed ${mentor.displayName} as mentor for ${mentee.displayName}. The match starts when ${mentee.displayName} signs the release.`), outbound);
    }
    match = await activateMatch(ctx, match, program);
    const due = match.firstCallDueAt ? ` First call due by ${formatLocalDate(match.firstCallDueAt, mentor.timeZone)}.` : '';
    outbound.push(
      { to: { kind: 'person', personId: mentor.id }, message: message(`You are now ${mentee.displayName}'s mentor in ${program.name}.${due}`) },
      { to: { kind: 'person', personId: mentee.id }, message: message(`${mentor.displayName} is now your mentor in ${program.name}.`) },
    );
    return privateReply(message(`Matched ${mentor.displayName} with ${mentee.displayName}.`), outbound);
  },
};
