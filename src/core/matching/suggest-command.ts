import { textNaming } from '../commands/naming.js';
import { scopeOf, type CommandContext, type CommandSpec } from '../commands/types.js';
import type { Enrollment, Program } from '../domain.js';
import { UserError } from '../errors.js';
import { message, privateReply } from '../messages/model.js';
import { matchCommand } from './match-command.js';
import { rankMentors, type MentorCandidate } from './rank.js';

/**
 * Mentors who may be suggested: active, signed off, not the mentee, not confidentially excluded,
 * and — unless the coordinator asks to include them — not a mentor this mentee declined or had before.
 */
async function candidates(ctx: CommandContext, program: Program, mentee: Enrollment, includeFormer: boolean): Promise<MentorCandidate[]> {
  const excluded = new Set(await ctx.store.matches.excludedMentors(mentee.id));
  if (!includeFormer) for (const m of await ctx.store.matches.listForEnrollment(mentee.id)) if (m.menteeEnrollmentId === mentee.id) excluded.add(m.mentorEnrollmentId);
  const out: MentorCandidate[] = [];
  for (const e of await ctx.store.enrollments.listForProgram(program.id, 'mentor')) {
    if (e.status !== 'active' || e.personId === mentee.personId || excluded.has(e.id)) continue;
    const eligibility = await ctx.store.enrollments.getEligibility(e.id);
    if (program.template.eligibility && !eligibility?.readinessConfirmed) continue;
    const person = (await ctx.store.people.get(e.personId))!;
    out.push({
      enrollmentId: e.id,
      personId: e.personId,
      displayName: person.displayName,
      field: eligibility?.field ?? null,
      criteria: eligibility?.criteria ?? [],
      answers: eligibility?.answers ?? {},
      availability: await ctx.store.people.getAvailability(e.personId),
      currentMentees: await ctx.store.matches.countActiveForMentor(e.id),
    });
  }
  return out;
}

export const suggestCommand: CommandSpec = {
  path: ['admin', 'suggest'],
  summary: 'rank eligible mentors for a mentee, each with its reasons (declined and former mentors only with --include-former yes)',
  args: [
    { name: 'mentee', kind: 'person', description: 'the mentee who needs a mentor' },
    { name: 'include-former', kind: 'choice', description: 'also suggest mentors this mentee declined or had before', required: false, flag: true, choices: ['yes', 'no'] },
  ],
  requires: 'coordinator',
  async run(ctx, args) {
    const { program } = scopeOf(ctx);
    const mentee = args.requiredPerson('mentee');
    const enrollment = await ctx.store.enrollments.find(program.id, mentee.id, 'mentee');
    if (!enrollment || enrollment.status !== 'active') throw new UserError(`${mentee.displayName} is not an active mentee in ${program.name}.`, { code: 'NOT_ENROLLED', usage: ctx.usage });
    const includeFormer = args.string('include-former') === 'yes';
    const ranked = rankMentors(
      { survey: await ctx.store.enrollments.getSurvey(enrollment.id), availability: await ctx.store.people.getAvailability(mentee.id), questions: program.template.mentorQuestions ?? [] },
      await candidates(ctx, program, enrollment, includeFormer),
    );
    const formerNote = includeFormer ? '' : ' Mentors this mentee declined or had before, and confidential exclusions, are left out.';
    if (ranked.length === 0) return privateReply(message(`No eligible mentors are available in ${program.name} yet.${formerNote}`));
    const items = ranked.slice(0, 10).map((r, i) => `${i + 1}. ${r.candidate.displayName} — ${r.reasons.join('; ')}`);
    const open = await ctx.store.matches.listOpenForEnrollment(enrollment.id);
    const note = (open.length ? `Note: ${mentee.displayName} already has an open match; end it before matching again.` : `Propose one with \`${(ctx.naming ?? textNaming).usage(matchCommand)}\`.`) + formerNote;
    return privateReply(message(`Suggested mentors for ${mentee.displayName}:\n${items.join('\n')}\n${note}`, [
      { type: 'heading', text: `Suggested mentors for ${mentee.displayName}` },
      { type: 'list', items },
      { type: 'text', text: note },
    ]));
  },
};
