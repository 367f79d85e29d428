import type { CommandContext, CommandSpec } from '../commands/types.js';
import type { Enrollment, Program } from '../domain.js';
import { openMatch } from '../matching/current-match.js';
import { message, privateReply, type Block, type Outcome } from '../messages/model.js';
import { renderPlain } from '../messages/plain-text.js';
import { requireLiveEnrollments } from '../people/current-enrollments.js';
import { certificateStatusLines } from '../certification/index.js';
import { callsFor, completedLines, matchViewLines } from './match-lines.js';
import { mentorBlocks } from './mentor-status.js';
import { statusBlocks } from './status-view.js';
import { sessionStatusLines } from '../sessions/status-lines.js';

/** A mentee's match, or the way to ask for one. */
async function matchLines(ctx: CommandContext, program: Program, enrollment: Enrollment): Promise<string[]> {
  const view = await openMatch(ctx, enrollment, ['proposed', 'active']);
  if (!view) {
    const completed = await completedLines(ctx, program, enrollment);
    return completed.length ? completed : ['No mentor yet — `/mentor request-mentor` asks your coordinator for one, whenever you are ready.'];
  }
  return matchViewLines(ctx, program, view, enrollment.role);
}

async function coordinatorBlocks(ctx: CommandContext, program: Program): Promise<Block[]> {
  const all = await ctx.store.enrollments.listForProgram(program.id);
  const count = (role: string) => all.filter((e) => e.role === role && (e.status === 'active' || e.status === 'paused')).length;
  return [
    { type: 'heading', text: `${program.name} — coordinator` },
    { type: 'fields', fields: [{ label: 'Mentors', value: String(count('mentor')) }, { label: 'Mentees', value: String(count('mentee')) }] },
  ];
}

/** The actor's status in every live program: the command, and the "Open my status" button of digests. */
export async function statusOutcome(ctx: CommandContext): Promise<Outcome> {
  const live = await requireLiveEnrollments(ctx);
  const blocks: Block[] = [];
  for (const { enrollment, program } of live) {
    if (blocks.length) blocks.push({ type: 'divider' });
    if (enrollment.role === 'coordinator' || enrollment.role === 'supervisor') {
      blocks.push(...(await coordinatorBlocks(ctx, program)));
      continue;
    }
    if (enrollment.role === 'mentor') {
      blocks.push(...(await mentorBlocks(ctx, program, enrollment)));
      continue;
    }
    const [calls, reflectionsAnswered, matchItems, certification, sessions] = await Promise.all([
      callsFor(ctx, enrollment), ctx.store.reflections.countForEnrollment(enrollment.id), matchLines(ctx, program, enrollment), certificateStatusLines(ctx, program, enrollment), sessionStatusLines(ctx, program, enrollment),
    ]);
    const nextItems = [...matchItems, ...certification, ...sessions];
    blocks.push(...statusBlocks({ program, enrollment, timeZone: ctx.actor.timeZone, calls, reflectionsAnswered, now: ctx.now, nextItems }));
  }
  return privateReply(message(renderPlain(blocks), blocks));
}

export const statusCommand: CommandSpec = {
  path: ['status'],
  summary: 'your week and phase, calls and hours against the plan, and what is due next',
  args: [],
  requires: 'anyone',
  run: (ctx) => statusOutcome(ctx),
};
