// Matches complete when the program ends: once the trainee's last program week is over (their
// own clock, so pauses and clock-stopping holidays move it later), the match ends as
// `completed` — not ended early — exactly once, and both sides hear it warmly, each at their own
// reminder time rather than at the midnight the week ended.
import { weekBounds } from '../clock/index.js';
import type { Enrollment, Match, Person, Program } from '../domain.js';
import { matchView, type MatchView } from './current-match.js';
import { message, type Outbound } from '../messages/model.js';
import { leaveQuietHours, nextLocalMinute, nudgeMinuteOf, zoneOf } from '../nudges/local-time.js';
import type { Store } from '../ports/repositories.js';
import { nameSeenBy, sentenceCase } from '../privacy/names.js';
import { withPreviews } from '../privacy/preview.js';
import type { ProgramTemplate } from '../programs/template-schema.js';

/**
 * The instant the trainee's program ends: the end of its last week on their own clock. Null for
 * an open-ended program, one not started, or while an open pause holds the clock.
 */
export function programEndsAt(template: ProgramTemplate, enrollment: Pick<Enrollment, 'startDate' | 'pauses'>, timeZone: string): Date | null {
  if (template.weeks === undefined || !enrollment.startDate) return null;
  return weekBounds({ startDate: enrollment.startDate, timeZone, pauses: enrollment.pauses }, template.weeks)?.end ?? null;
}

/** When to tell someone: their reminder time on or after `from`, never in their quiet hours. */
const tellAt = (person: Person, from: Date): Date => leaveQuietHours(nextLocalMinute(from, zoneOf(person), nudgeMinuteOf(person)), person);

interface Sides {
  program: Program;
  match: Match;
  mentor: Person;
  mentee: Person;
}

async function closingWords(store: Store, now: Date, { program, match, mentor, mentee }: Sides): Promise<{ mentor: string; mentee: string }> {
  const ctx = { store, now };
  const mentorName = await nameSeenBy(ctx, program, match, mentor.id, mentee.id);
  const menteeName = await nameSeenBy(ctx, program, match, mentee.id, mentor.id);
  const weeks = program.template.weeks;
  return {
    mentee: `Congratulations — you have reached the end of ${program.name}, and your mentorship with ${mentorName} is complete. ` +
      `Thank you for the ${weeks} weeks of work and honesty you brought to it. Your journal and your records stay yours, and \`/mentor status\` still shows them.`,
    mentor: `${sentenceCase(menteeName)} has reached the end of ${program.name}, so your mentorship with them is complete. ` +
      `Thank you for walking beside them these ${weeks} weeks — it made a difference.`,
  };
}

/**
 * Completes the match if its trainee's program has ended by `now`, in one transaction with the
 * messages to both sides (the outbox). Returns the outbox keys written: none when it is not over
 * yet, or when another worker completed it first (the conditional update lets one through).
 */
export async function completeAtProgramEnd(root: Store, now: Date, matchId: string): Promise<string[]> {
  return root.transaction(async (store) => {
    const match = await store.matches.get(matchId);
    if (!match || match.status !== 'active') return [];
    // One query at a time: a transaction is one connection.
    const program = await store.programs.get(match.programId);
    const menteeEnrollment = await store.enrollments.get(match.menteeEnrollmentId);
    const mentorEnrollment = await store.enrollments.get(match.mentorEnrollmentId);
    if (!program || !menteeEnrollment || !mentorEnrollment) return [];
    const mentee = await store.people.get(menteeEnrollment.personId);
    const mentor = await store.people.get(mentorEnrollment.personId);
    if (!mentee || !mentor) return [];
    const end = programEndsAt(program.template, menteeEnrollment, zoneOf(mentee));
    if (!end || end.getTime() > now.getTime()) return [];
    if (!(await store.matches.completeIfActive(match.id, end))) return [];
    // A release of information has served its purpose once the mentorship is complete.
    const release = await store.consents.inForce(match.id, now);
    if (release) await store.consents.revoke(release.id, now);
    await store.audit.record({ actorPersonId: null, action: 'match.completed', subjectType: 'match', subjectId: match.id, details: { programEnd: end.toISOString(), releaseRescinded: !!release } });
    const words = await closingWords(store, now, { program, match, mentor, mentee });
    const keys: string[] = [];
    for (const [role, person] of [['mentee', mentee], ['mentor', mentor]] as const) {
      if (person.withdrawnAt) continue;
      const text = words[role];
      const outbound: Outbound[] = [{ to: { kind: 'person', personId: person.id }, message: message(text, [{ type: 'heading', text: 'Mentorship complete' }, { type: 'text', text }]) }];
      // One origin per match and side: writing it again (a retried transaction) adds nothing.
      keys.push(...(await store.outbox.write(await withPreviews(store, program.workspaceId, outbound), { at: tellAt(person, now), origin: `program-end:${match.id}:${role}` })));
    }
    return keys;
  });
}

/** Completes every candidate whose program has ended; one transaction each, so one failure stops none of the others. */
export async function completeMatchesAtProgramEnd(store: Store, now: Date, matchIds: string[], onError: (matchId: string, error: unknown) => void): Promise<string[]> {
  const keys: string[] = [];
  for (const id of matchIds) {
    try {
      keys.push(...(await completeAtProgramEnd(store, now, id)));
    } catch (error) {
      onError(id, error);
    }
  }
  return keys;
}

/** The mentor of the trainee's mentorship that completed at the program's end, if any (the newest). */
export async function completedMentorId(ctx: { store: Pick<Store, 'matches' | 'enrollments'> }, menteeEnrollment: Enrollment): Promise<string | null> {
  const completed = (await ctx.store.matches.listForEnrollment(menteeEnrollment.id)).filter((m) => m.endReason === 'completed' && m.menteeEnrollmentId === menteeEnrollment.id);
  const last = completed.sort((a, b) => (a.endedAt?.getTime() ?? 0) - (b.endedAt?.getTime() ?? 0)).at(-1);
  return last ? ((await ctx.store.enrollments.get(last.mentorEnrollmentId))?.personId ?? null) : null;
}

/** A mentor's mentorships that completed at the program's end, each seen from the mentor. */
export async function completedMatchViews(ctx: { store: Store }, mentorEnrollment: Enrollment): Promise<MatchView[]> {
  const completed = (await ctx.store.matches.listForEnrollment(mentorEnrollment.id)).filter((m) => m.endReason === 'completed' && m.mentorEnrollmentId === mentorEnrollment.id);
  const views: MatchView[] = [];
  for (const match of completed) {
    const view = await matchView(ctx, match, mentorEnrollment);
    if (view) views.push(view);
  }
  return views;
}
