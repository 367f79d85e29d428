import { scopeOf, type ActionSpec, type CommandContext, type CommandSpec } from '../commands/types.js';
import type { Reflection } from '../domain.js';
import { message, privateReply, type Block, type Button, type Outcome } from '../messages/model.js';
import { renderPlain } from '../messages/plain-text.js';
import type { ProgramTemplate } from '../programs/template-schema.js';
import { formatLocalDate } from '../time/local-date.js';
import { ENTRY_NUMBER, entryById, entryByNumber } from './entries.js';
import { questionOf } from './prompts.js';
import { activeMentor, SHARE_ACTION, shareButton, sharedInMatch, shareEntry, UNSHARE_ACTION, unshareButton, unshareEntry } from './sharing.js';

/** The journal shows the latest entries; numbering stays absolute so `share <n>` works for any entry. */
const SHOWN = 10;
/** Buttons only for the newest few: platforms cap buttons per message. */
const WITH_BUTTONS = 5;

const promptText = (template: ProgramTemplate, key: string) => questionOf(template, key) ?? 'Free reflection';

export function entryText(reflection: Reflection, n: number | null, template: ProgramTemplate, timeZone: string, status?: string): string {
  // Week 0 holds the answers given when joining, before week 1 began.
  const when = reflection.week === 0 ? '· on joining' : `· week ${reflection.week}`;
  const head = [n === null ? null : `${n}.`, formatLocalDate(reflection.createdAt, timeZone), when, status ? `· ${status}` : null];
  return `${head.filter(Boolean).join(' ')}\nPrompt: ${promptText(template, reflection.promptKey)}\nAnswer: ${reflection.answer}`;
}

async function showJournal(ctx: CommandContext): Promise<Outcome> {
  const { enrollment, program } = scopeOf(ctx);
  const entries = await ctx.store.reflections.listForEnrollment(enrollment.id);
  if (entries.length === 0) return privateReply(message("Your journal is empty. See this week's prompt with `/mentor reflect`."));
  const mentor = await activeMentor(ctx, enrollment);
  const blocks: Block[] = [{ type: 'heading', text: `Your journal — ${program.name}` }];
  const buttons: Button[] = [];
  const first = Math.max(0, entries.length - SHOWN);
  for (let i = entries.length - 1; i >= first; i--) {
    const reflection = entries[i]!;
    const n = i + 1;
    const visible = !!mentor && (await sharedInMatch(ctx, reflection)) === mentor.match.id;
    blocks.push({ type: 'text', text: entryText(reflection, n, program.template, ctx.actor.timeZone, visible ? 'shared with your mentor' : 'private') });
    if (buttons.length < WITH_BUTTONS && mentor) buttons.push(visible ? unshareButton(reflection.id, n) : shareButton(reflection.id, n));
  }
  const footer = [
    first > 0 ? `Showing your latest ${SHOWN} of ${entries.length} entries.` : null,
    mentor ? 'Share one entry with your mentor with `/mentor journal share <n>`; `/mentor journal unshare <n>` hides it again at once.' : 'Only you can read your journal.',
  ].filter((t): t is string => !!t);
  blocks.push(...footer.map((text): Block => ({ type: 'text', text })));
  if (buttons.length) blocks.push({ type: 'actions', buttons });
  return privateReply(message(renderPlain(blocks), blocks));
}

/** `share <n>` and `unshare <n>`: the same entry number, a different act. */
function byNumber(verb: 'share' | 'unshare', summary: string, act: typeof shareEntry): CommandSpec {
  return {
    path: ['journal', verb],
    summary,
    args: [{ name: 'n', kind: 'custom', custom: ENTRY_NUMBER, description: 'the entry’s number, as /mentor journal shows it' }],
    requires: 'participant',
    run: async (ctx, args) => act(ctx, await entryByNumber(ctx, scopeOf(ctx), args.number('n')!)),
  };
}

/** A mentor's view: entries each active mentee shared in that match, and nothing else. */
async function showShared(ctx: CommandContext): Promise<Outcome> {
  const { enrollment, program } = scopeOf(ctx);
  const matches = (await ctx.store.matches.listOpenForEnrollment(enrollment.id)).filter((m) => m.status === 'active' && m.mentorEnrollmentId === enrollment.id);
  const blocks: Block[] = [];
  for (const match of matches) {
    const mentee = await ctx.store.enrollments.get(match.menteeEnrollmentId);
    if (!mentee) continue;
    const shared: Reflection[] = [];
    for (const r of await ctx.store.reflections.listShared([mentee.id])) if ((await sharedInMatch(ctx, r)) === match.id) shared.push(r);
    if (shared.length === 0) continue;
    const person = await ctx.store.people.get(mentee.personId);
    blocks.push({ type: 'heading', text: `Shared by ${person?.displayName ?? 'your mentee'}` });
    blocks.push(...shared.map((r): Block => ({ type: 'text', text: entryText(r, null, program.template, ctx.actor.timeZone) })));
  }
  if (blocks.length === 0) return privateReply(message('Nothing is shared with you right now. Mentees choose, entry by entry, what to share, and can take it back.'));
  return privateReply(message(renderPlain(blocks), blocks));
}

// Mentors and mentees keep journals ('participant' is exactly REFLECTING_ROLES); only mentors read what was shared.
export const journalCommands: CommandSpec[] = [
  { path: ['journal'], summary: 'your private journal of reflections, with share and unshare', args: [], requires: 'participant', run: showJournal },
  byNumber('share', 'share journal entry n with your mentor', shareEntry),
  byNumber('unshare', 'make journal entry n private again, at once', unshareEntry),
  { path: ['journal', 'shared'], summary: 'for mentors: the journal entries your mentees shared with you', args: [], requires: 'mentor', run: showShared },
];

export const journalActions: ActionSpec[] = [
  { action: SHARE_ACTION, run: async (ctx, value) => shareEntry(ctx, await entryById(ctx, value)) },
  { action: UNSHARE_ACTION, run: async (ctx, value) => unshareEntry(ctx, await entryById(ctx, value)) },
];
