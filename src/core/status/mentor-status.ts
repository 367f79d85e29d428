import { textNaming } from '../commands/naming.js';
import type { CommandContext } from '../commands/types.js';
import type { Enrollment, Program } from '../domain.js';
import { openMatches, type MatchView } from '../matching/current-match.js';
import type { Block } from '../messages/model.js';
import { nameSeenBy, sentenceCase } from '../privacy/names.js';
import { callsFor, completedLines, matchViewLines } from './match-lines.js';
import { itemsToVerify } from '../certification/index.js';
import { statusBlocks } from './status-view.js';

/** What one trainee leaves waiting for their mentor: calls to confirm, portfolio items to verify. */
async function waitingFor(ctx: CommandContext, view: MatchView, name: string): Promise<string[]> {
  const naming = ctx.naming ?? textNaming;
  const pending = (await ctx.store.calls.listForMatch(view.match.id)).filter((c) => c.counterpartPersonId === ctx.actor.id && c.confirmation === 'pending');
  const toVerify = await itemsToVerify(ctx, view.mentee);
  const lines: string[] = [];
  if (pending.length) lines.push(`${pending.length} call${pending.length === 1 ? '' : 's'} ${name} logged with you to confirm (the buttons are in your messages).`);
  if (toVerify.length) lines.push(`${toVerify.length} portfolio item${toVerify.length === 1 ? '' : 's'} from ${name} to verify: \`${naming.command(['portfolio', 'review'])}\` with @${name}.`);
  return lines;
}

/**
 * A mentor's status: first what waits for them, then each trainee with that trainee's own
 * progress (their clock, their supervision and hours) — never the trainee's bars as the mentor's.
 */
export async function mentorBlocks(ctx: CommandContext, program: Program, enrollment: Enrollment): Promise<Block[]> {
  const views = await openMatches(ctx, enrollment, ['proposed', 'active']);
  const blocks: Block[] = [{ type: 'heading', text: `${program.name} — mentor` }];
  if (enrollment.status === 'paused') blocks.push({ type: 'text', text: 'Your program is paused; `/mentor resume` restarts the clock.' });
  const completed = await completedLines(ctx, program, enrollment);
  if (views.length === 0 && completed.length) return [...blocks, { type: 'list', items: completed }];
  if (views.length === 0) return [...blocks, { type: 'text', text: 'No trainees yet. A coordinator will match you; I will let you know.' }];
  const waiting: string[] = [];
  const sections: Block[] = [];
  for (const view of views) {
    const name = sentenceCase(await nameSeenBy(ctx, program, view.match, view.counterpart.personId, ctx.actor.id));
    const lines = await matchViewLines(ctx, program, view, 'mentor');
    if (view.match.status === 'active') waiting.push(...(await waitingFor(ctx, view, name)));
    const calls = view.match.status === 'active' ? await callsFor(ctx, view.mentee) : [];
    sections.push(...statusBlocks({ program, enrollment: view.mentee, timeZone: ctx.actor.timeZone, calls, reflectionsAnswered: 0, now: ctx.now, nextItems: lines, subject: name }));
  }
  blocks.push({ type: 'fields', fields: [{ label: 'Trainees', value: String(views.length) }] });
  blocks.push({ type: 'heading', text: 'Waiting for you' }, waiting.length ? { type: 'list', items: waiting } : { type: 'text', text: 'Nothing to confirm or verify.' });
  return [...blocks, ...sections, ...(completed.length ? [{ type: 'heading' as const, text: 'Completed' }, { type: 'list' as const, items: completed }] : [])];
}
