import type { CommandSpec } from '../commands/types.js';
import { message, privateReply } from '../messages/model.js';
import { questionOf } from '../reflections/prompts.js';

/** Everything Trellis holds about the person who asks — for them only. Every export is audited. */
export const exportCommand: CommandSpec = {
  path: ['export'],
  section: 'account',
  summary: 'all the data Trellis holds about you, for you only',
  args: [],
  requires: 'anyone',
  async run(ctx) {
    const enrollments = await ctx.store.enrollments.listForPerson(ctx.actor.id);
    const data = {
      person: { ...ctx.actor, contact: await ctx.store.people.getContact(ctx.actor.id), availability: await ctx.store.people.getAvailability(ctx.actor.id) },
      enrollments: await Promise.all(
        enrollments.map(async (e) => {
          const program = await ctx.store.programs.get(e.programId);
          return {
            ...e,
            program: program?.name,
            survey: await ctx.store.enrollments.getSurvey(e.id),
            eligibility: await ctx.store.enrollments.getEligibility(e.id),
            calls: await ctx.store.calls.listForEnrollment(e.id),
            // Each answer with the question it answers, as the journal shows it.
            reflections: (await ctx.store.reflections.listForEnrollment(e.id)).map((r) => ({ ...r, question: program ? questionOf(program.template, r.promptKey) : null })),
            sessions: await ctx.store.sessions.listForEnrollment(e.id),
            matches: await ctx.store.matches.listForEnrollment(e.id),
            certification: await ctx.store.certification.listForEnrollment(e.id),
            // Which evaluations were answered; the answers themselves carry no name, so they can't be found.
            evaluationsAnswered: await ctx.store.evaluations.answeredOccasions(e.id),
            peerReferrals: (await ctx.store.referrals.listOpen(ctx.actor.id, ctx.now, e.programId)),
          };
        }),
      ),
    };
    await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'data.exported', subjectType: 'person', subjectId: ctx.actor.id, details: { enrollments: enrollments.length } });
    const json = JSON.stringify(data, null, 2);
    return privateReply(message(`Your data (${enrollments.length} enrollment(s)):\n${json}`, [{ type: 'heading', text: 'Your data' }, { type: 'text', text: json }]));
  },
};
