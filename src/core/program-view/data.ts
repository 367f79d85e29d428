// Everything a program report needs, loaded without any private text: call facts (no notes),
// reflection weeks (no answers), matches, enrollments and display names.
import type { CommandContext } from '../commands/types.js';
import type { Enrollment, Match, Person, Program } from '../domain.js';
import type { CallFact } from '../ports/repositories.js';

export interface ProgramData {
  program: Program;
  enrollments: Enrollment[];
  people: Map<string, Person>;
  calls: CallFact[];
  reflectionWeeks: Map<string, Set<number>>;
  matches: Match[];
  now: Date;
}

export async function loadProgramData(ctx: Pick<CommandContext, 'store' | 'now'>, program: Program): Promise<ProgramData> {
  const [enrollments, calls, weeks, matches] = await Promise.all([
    ctx.store.enrollments.listForProgram(program.id),
    ctx.store.reports.calls(program.id),
    ctx.store.reports.reflectionWeeks(program.id),
    ctx.store.reports.matches(program.id),
  ]);
  const people = new Map<string, Person>();
  for (const e of enrollments) {
    const person = await ctx.store.people.get(e.personId);
    if (person) people.set(person.id, person);
  }
  const reflectionWeeks = new Map<string, Set<number>>();
  for (const { enrollmentId, week } of weeks) reflectionWeeks.set(enrollmentId, (reflectionWeeks.get(enrollmentId) ?? new Set()).add(week));
  return { program, enrollments, people, calls, reflectionWeeks, matches, now: ctx.now };
}
