import type { CommandContext } from '../commands/types.js';
import type { CallLog, Enrollment, Program } from '../domain.js';
import { firstCallState } from '../matching/activate.js';
import { matchView, type MatchView } from '../matching/current-match.js';
import { nameSeenBy } from '../privacy/names.js';
import { formatLocalDate } from '../time/local-date.js';

/**
 * Calls that count for the enrollment: those it logged plus those logged with its person in any
 * of its matches (e.g. a mentor's supervision log), leaving out disputed ones and a counterpart's
 * independent practice. A mentor's call with one trainee never counts for another.
 */
export async function callsFor(ctx: CommandContext, enrollment: Enrollment): Promise<CallLog[]> {
  const own = (await ctx.store.calls.listForEnrollment(enrollment.id)).filter((c) => c.confirmation !== 'disputed');
  const seen = new Set(own.map((c) => c.id));
  for (const match of await ctx.store.matches.listForEnrollment(enrollment.id)) {
    for (const call of await ctx.store.calls.listForMatch(match.id)) {
      if (seen.has(call.id) || call.confirmation === 'disputed' || call.counterpartPersonId !== enrollment.personId) continue;
      seen.add(call.id);
      own.push(call);
    }
  }
  return own;
}

/** The first call's arranged meeting, which only the pair ever sees. */
async function meetingLine(ctx: CommandContext, matchId: string): Promise<string[]> {
  const first = (await ctx.store.calls.listForMatch(matchId)).find((c) => c.kind === 'first_call' && c.meetingArranged !== null && c.meetingArranged !== undefined);
  if (!first) return [];
  return [first.meetingArranged ? `In-person meeting arranged${first.meetingArrangedOn ? ` for ${first.meetingArrangedOn}` : ''}.` : 'No in-person meeting arranged yet.'];
}

/** One open match as the actor sees it: who, since when, the first call's clock. */
export async function matchViewLines(ctx: CommandContext, program: Program, view: MatchView, role: Enrollment['role']): Promise<string[]> {
  if (view.match.status === 'proposed') return [role === 'mentee' ? 'A mentor has been proposed: `/mentor consent` to review the release, or `/mentor end` to say no, privately.' : 'Your proposed match is waiting for the mentee to sign the release.'];
  const other = await nameSeenBy(ctx, program, view.match, view.counterpart.personId, ctx.actor.id);
  const lines = [`Matched with ${other} since ${formatLocalDate(view.match.activatedAt!, ctx.actor.timeZone)}.`, ...(await meetingLine(ctx, view.match.id))];
  const state = firstCallState(view.match, ctx.now);
  if (state.kind === 'due') lines.push(`First call: ${state.daysLeft} day${state.daysLeft === 1 ? '' : 's'} left (by ${formatLocalDate(state.dueAt, ctx.actor.timeZone)}).`);
  if (state.kind === 'overdue') lines.push(`First call: ${state.daysLate} day${state.daysLate === 1 ? '' : 's'} late (was due ${formatLocalDate(state.dueAt, ctx.actor.timeZone)}).`);
  return lines;
}

/** Mentorships that reached the program's end (completed, not ended early), as the actor sees them. */
export async function completedLines(ctx: CommandContext, program: Program, enrollment: Enrollment): Promise<string[]> {
  const completed = (await ctx.store.matches.listForEnrollment(enrollment.id)).filter((m) => m.status === 'ended' && m.endReason === 'completed');
  const lines: string[] = [];
  for (const match of completed) {
    const view = await matchView(ctx, match, enrollment);
    if (!view) continue;
    const other = await nameSeenBy(ctx, program, match, view.counterpart.personId, ctx.actor.id);
    lines.push(`Your mentorship with ${other} is complete: the program ended ${formatLocalDate(match.endedAt!, ctx.actor.timeZone)}.`);
  }
  return lines;
}
