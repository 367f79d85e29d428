import { scopeOf, type Args, type CommandContext, type CommandSpec } from '../commands/types.js';
import type { Cohort, Enrollment, Person, Program } from '../domain.js';
import { UserError } from '../errors.js';
import { message, privateReply, type Outbound, type Outcome } from '../messages/model.js';
import { COHORT_NAME, cohortEligibleEnrollment, requireCohort } from './lookup.js';

interface Target {
  person: Person;
  enrollment: Enrollment;
}

/**
 * Each named person with the enrollment the change is about, or a refusal before any change:
 * adding needs a live enrollment in the program; removing finds the membership even if the
 * person has since left.
 */
async function resolveTargets(ctx: CommandContext, program: Program, cohort: Cohort, people: Person[], adding: boolean): Promise<Target[]> {
  const members = adding ? [] : await ctx.store.cohorts.members(cohort.id);
  const targets: Target[] = [];
  for (const person of people) {
    const enrollment = adding ? await cohortEligibleEnrollment(ctx, program, person) : (members.find((m) => m.personId === person.id) ?? null);
    if (!enrollment) {
      const why = adding ? `${person.displayName} isn't enrolled in ${program.name}, so they can't join its cohorts.` : `${person.displayName} is not in cohort "${cohort.name}"; nothing changed.`;
      throw new UserError(why, { code: adding ? 'NOT_ENROLLED' : 'NOT_MEMBER', usage: ctx.usage, argument: 'people' });
    }
    targets.push({ person, enrollment });
  }
  return targets;
}

const names = (list: Target[]) => list.map((t) => t.person.displayName).join(', ');

async function change(ctx: CommandContext, args: Args, adding: boolean): Promise<Outcome> {
  const { program } = scopeOf(ctx);
  const cohort = await requireCohort(ctx, program, args.requiredString('name'));
  const people = await resolveTargets(ctx, program, cohort, args.persons('people'), adding);
  const changed: Target[] = [];
  const unchanged: Target[] = [];
  for (const target of people) {
    const done = adding ? await ctx.store.cohorts.addMember(cohort.id, target.enrollment.id) : await ctx.store.cohorts.removeMember(cohort.id, target.enrollment.id);
    (done ? changed : unchanged).push(target);
  }
  if (changed.length === 0) {
    const why = adding ? `already in cohort "${cohort.name}"` : `not in cohort "${cohort.name}"`;
    throw new UserError(`Nothing changed: ${names(unchanged)} ${unchanged.length > 1 ? 'are' : 'is'} ${why}.`, { code: adding ? 'ALREADY_MEMBER' : 'NOT_MEMBER', usage: ctx.usage });
  }
  for (const t of changed) {
    await ctx.store.audit.record({
      actorPersonId: ctx.actor.id, action: adding ? 'cohort.member.add' : 'cohort.member.remove', subjectType: 'cohort', subjectId: cohort.id, details: { enrollmentId: t.enrollment.id },
    });
  }
  const lines = [`${adding ? 'Added to' : 'Removed from'} cohort "${cohort.name}": ${names(changed)}.`];
  if (unchanged.length) lines.push(`${adding ? 'Already in it' : 'Not in it'}: ${names(unchanged)}.`);
  return privateReply(message(lines.join('\n')), adding ? changed.map((t) => welcome(t, cohort, program)) : []);
}

function welcome({ person }: Target, cohort: Cohort, program: Program): Outbound {
  const text = `You're now in cohort "${cohort.name}" of ${program.name}. Its peer meetings are announced in the cohort's channel; \`/mentor cohort\` lists them with RSVP buttons.`;
  return { to: { kind: 'person', personId: person.id }, message: message(text) };
}

export const membershipCommands: CommandSpec[] = [
  {
    path: ['admin', 'cohort', 'add'],
    summary: 'add people enrolled in your program to a cohort',
    args: [COHORT_NAME, { name: 'people', kind: 'person', description: 'who joins the cohort', variadic: true }],
    requires: 'coordinator',
    run: (ctx, args) => change(ctx, args, true),
  },
  {
    path: ['admin', 'cohort', 'remove'],
    summary: 'take people out of a cohort',
    args: [COHORT_NAME, { name: 'people', kind: 'person', description: 'who leaves the cohort', variadic: true }],
    requires: 'coordinator',
    run: (ctx, args) => change(ctx, args, false),
  },
];
