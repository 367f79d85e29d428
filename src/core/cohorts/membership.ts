import type { CommandContext, CommandSpec } from '../commands/types.js';
import type { Cohort, Enrollment, Person, Program } from '../domain.js';
import { UserError, type ErrorCode } from '../errors.js';
import { message, privateReply, type Outbound, type Outcome } from '../messages/model.js';
import { requirePerson } from '../people/mentions.js';
import { coordinatedProgram } from './coordinated.js';
import { cohortEligibleEnrollment, requireCohort } from './lookup.js';

const ADD_USAGE = '/mentor admin cohort add <name> @person…';
const REMOVE_USAGE = '/mentor admin cohort remove <name> @person…';

interface Target {
  person: Person;
  enrollment: Enrollment;
}

type FindEnrollment = (person: Person) => Promise<Enrollment | null>;

/** Resolves every mention first, so one unknown person refuses the whole command before any change. */
async function targets(ctx: CommandContext, words: string[], usage: string, find: FindEnrollment, missing: (p: Person) => string, code: ErrorCode): Promise<Target[]> {
  if (words.length === 0) throw new UserError('Name at least one person as @name.', { code: 'MISSING_PERSON', usage });
  const found = new Map<string, Target>();
  for (const word of words) {
    const person = await requirePerson(ctx, word, usage);
    const enrollment = await find(person);
    if (!enrollment) throw new UserError(missing(person), { code: code, usage });
    found.set(person.id, { person, enrollment });
  }
  return [...found.values()];
}

/** Adding needs a live enrollment; removing finds the membership even if the person has since left. */
async function resolveTargets(ctx: CommandContext, program: Program, cohort: Cohort, words: string[], adding: boolean): Promise<Target[]> {
  if (adding) {
    return targets(ctx, words, ADD_USAGE, (p) => cohortEligibleEnrollment(ctx, program, p), (p) => `${p.displayName} isn't enrolled in ${program.name}, so they can't join its cohorts.`, 'NOT_ENROLLED');
  }
  const members = await ctx.store.cohorts.members(cohort.id);
  return targets(ctx, words, REMOVE_USAGE, async (p) => members.find((m) => m.personId === p.id) ?? null, (p) => `${p.displayName} is not in cohort "${cohort.name}"; nothing changed.`, 'NOT_MEMBER');
}

const names = (list: Target[]) => list.map((t) => t.person.displayName).join(', ');

async function change(ctx: CommandContext, args: string[], adding: boolean): Promise<Outcome> {
  const usage = adding ? ADD_USAGE : REMOVE_USAGE;
  const { program, rest } = await coordinatedProgram(ctx, args, usage);
  const cohort = await requireCohort(ctx, program, rest[0], usage);
  const people = await resolveTargets(ctx, program, cohort, rest.slice(1), adding);
  const changed: Target[] = [];
  const unchanged: Target[] = [];
  for (const target of people) {
    const done = adding ? await ctx.store.cohorts.addMember(cohort.id, target.enrollment.id) : await ctx.store.cohorts.removeMember(cohort.id, target.enrollment.id);
    (done ? changed : unchanged).push(target);
  }
  if (changed.length === 0) {
    const why = adding ? `already in cohort "${cohort.name}"` : `not in cohort "${cohort.name}"`;
    throw new UserError(`Nothing changed: ${names(unchanged)} ${unchanged.length > 1 ? 'are' : 'is'} ${why}.`, { code: adding ? 'ALREADY_MEMBER' : 'NOT_MEMBER', usage });
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
  { path: ['admin', 'cohort', 'add'], usage: ADD_USAGE, summary: 'add people enrolled in your program to a cohort', group: 'coordinator', run: (ctx, args) => change(ctx, args, true) },
  { path: ['admin', 'cohort', 'remove'], usage: REMOVE_USAGE, summary: 'take people out of a cohort', group: 'coordinator', run: (ctx, args) => change(ctx, args, false) },
];
