import type { CommandContext, CommandSpec } from '../commands/types.js';
import type { CallLog, Enrollment, Program } from '../domain.js';
import { firstCallState } from '../matching/activate.js';
import { openMatch } from '../matching/current-match.js';
import { nameSeenBy } from '../privacy/names.js';
import { message, privateReply, type Block } from '../messages/model.js';
import { renderPlain } from '../messages/plain-text.js';
import { requireLiveEnrollments } from '../people/current-enrollments.js';
import { formatLocalDate } from '../time/local-date.js';
import { statusBlocks } from './status-view.js';

/**
 * Calls the person logged plus those logged with them in any of their matches (e.g. a mentor's
 * supervision log), leaving out disputed ones and a counterpart's independent practice.
 */
async function callsFor(ctx: CommandContext, enrollment: Enrollment): Promise<CallLog[]> {
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

async function matchLines(ctx: CommandContext, program: Program, enrollment: Enrollment): Promise<string[]> {
  const view = await openMatch(ctx, enrollment, ['proposed', 'active']);
  if (!view) return enrollment.role === 'mentee' ? ['No mentor yet — `/mentor request-mentor` asks your coordinator for one, whenever you are ready.'] : [];
  if (view.match.status === 'proposed') return [enrollment.role === 'mentee' ? 'A mentor has been proposed: `/mentor consent` to review the release, or `/mentor end` to say no, privately.' : 'Your proposed match is waiting for the mentee to sign the release.'];
  const other = await nameSeenBy(ctx, program, view.match, view.counterpart.personId, ctx.actor.id);
  const lines = [`Matched with ${other} since ${formatLocalDate(view.match.activatedAt!, ctx.actor.timeZone)}.`, ...(await meetingLine(ctx, view.match.id))];
  const state = firstCallState(view.match, ctx.now);
  if (state.kind === 'due') lines.push(`First call: ${state.daysLeft} day${state.daysLeft === 1 ? '' : 's'} left (by ${formatLocalDate(state.dueAt, ctx.actor.timeZone)}).`);
  if (state.kind === 'overdue') lines.push(`First call: ${state.daysLate} day${state.daysLate === 1 ? '' : 's'} late (was due ${formatLocalDate(state.dueAt, ctx.actor.timeZone)}).`);
  return lines;
}

async function coordinatorBlocks(ctx: CommandContext, program: Program): Promise<Block[]> {
  const all = await ctx.store.enrollments.listForProgram(program.id);
  const count = (role: string) => all.filter((e) => e.role === role && (e.status === 'active' || e.status === 'paused')).length;
  return [
    { type: 'heading', text: `${program.name} — coordinator` },
    { type: 'fields', fields: [{ label: 'Mentors', value: String(count('mentor')) }, { label: 'Mentees', value: String(count('mentee')) }] },
  ];
}

export const statusCommand: CommandSpec = {
  path: ['status'],
  summary: 'your week and phase, calls and hours against the plan, and what is due next',
  args: [],
  requires: 'anyone',
  async run(ctx) {
    const live = await requireLiveEnrollments(ctx);
    const blocks: Block[] = [];
    for (const { enrollment, program } of live) {
      if (blocks.length) blocks.push({ type: 'divider' });
      if (enrollment.role === 'coordinator' || enrollment.role === 'supervisor') {
        blocks.push(...(await coordinatorBlocks(ctx, program)));
        continue;
      }
      const [calls, reflectionsAnswered, nextItems] = await Promise.all([callsFor(ctx, enrollment), ctx.store.reflections.countForEnrollment(enrollment.id), matchLines(ctx, program, enrollment)]);
      blocks.push(...statusBlocks({ program, enrollment, timeZone: ctx.actor.timeZone, calls, reflectionsAnswered, now: ctx.now, nextItems }));
    }
    return privateReply(message(renderPlain(blocks), blocks));
  },
};
