// Sharing is entry by entry, with one mentor: the audit trail records which match an entry was
// shared in, and a mentor sees it only while that match is active and the entry stays shared.
// A later mentor (after a re-match) does not inherit what was shared with an earlier one.
import type { CommandContext } from '../commands/types.js';
import type { Enrollment, Program, Reflection } from '../domain.js';
import { UserError } from '../errors.js';
import { openMatch, type MatchView } from '../matching/current-match.js';
import { message, privateReply, type Button, type Outcome } from '../messages/model.js';

export const SHARE_ACTION = 'journal.share';
export const UNSHARE_ACTION = 'journal.unshare';

export const shareButton = (reflectionId: string, n: number): Button => ({ action: SHARE_ACTION, value: reflectionId, label: `Share #${n}`, style: 'primary' });
export const unshareButton = (reflectionId: string, n: number): Button => ({ action: UNSHARE_ACTION, value: reflectionId, label: `Unshare #${n}` });

/** The mentee's active match, if the enrollment is a mentee's and has one. */
export async function activeMentor(ctx: CommandContext, enrollment: Enrollment): Promise<MatchView | null> {
  if (enrollment.role !== 'mentee') return null;
  const view = await openMatch(ctx, enrollment, ['active']);
  return view && view.mentee.id === enrollment.id ? view : null;
}

/** The match an entry is currently shared in, or null when it is private. */
export async function sharedInMatch(ctx: CommandContext, reflection: Reflection): Promise<string | null> {
  if (!reflection.shared) return null;
  const trail = await ctx.store.audit.listForSubject('reflection', reflection.id);
  const last = trail.filter((e) => e.action === SHARE_ACTION || e.action === UNSHARE_ACTION).at(-1);
  return last?.action === SHARE_ACTION && typeof last.details.matchId === 'string' ? last.details.matchId : null;
}

export interface OwnEntry {
  reflection: Reflection;
  /** 1-based position in the person's journal, as `/mentor journal` numbers it. */
  n: number;
  enrollment: Enrollment;
  program: Program;
}

export async function shareEntry(ctx: CommandContext, entry: OwnEntry): Promise<Outcome> {
  const view = await activeMentor(ctx, entry.enrollment);
  if (!view) throw new UserError("You don't have an active mentor to share with right now, so your journal stays private.", { code: 'NO_MENTOR' });
  if ((await sharedInMatch(ctx, entry.reflection)) === view.match.id) throw new UserError(`Entry ${entry.n} is already shared with your mentor.`, { code: 'ALREADY_SHARED' });
  await ctx.store.reflections.setShared(entry.reflection.id, true, ctx.now);
  await ctx.store.audit.record({
    actorPersonId: ctx.actor.id, action: SHARE_ACTION, subjectType: 'reflection', subjectId: entry.reflection.id,
    details: { matchId: view.match.id, recipientPersonId: view.mentor.personId },
  });
  const mentor = await ctx.store.people.get(view.mentor.personId);
  // The notice says only that something was shared: the words stay in the database, never in a queue or DM.
  const notice = `${ctx.actor.displayName} shared a journal entry with you. Read it with \`/mentor journal shared\`.`;
  return privateReply(
    message(`Entry ${entry.n} is now shared with ${mentor?.displayName ?? 'your mentor'}. \`/mentor journal unshare ${entry.n}\` hides it again at once.`),
    [{ to: { kind: 'person', personId: view.mentor.personId }, message: message(notice) }],
  );
}

export async function unshareEntry(ctx: CommandContext, entry: OwnEntry): Promise<Outcome> {
  const matchId = await sharedInMatch(ctx, entry.reflection);
  if (!entry.reflection.shared) throw new UserError(`Entry ${entry.n} isn't shared; only you can read it.`, { code: 'NOT_SHARED' });
  await ctx.store.reflections.setShared(entry.reflection.id, false, ctx.now);
  await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: UNSHARE_ACTION, subjectType: 'reflection', subjectId: entry.reflection.id, details: { matchId } });
  return privateReply(message(`Entry ${entry.n} is private again; your mentor can no longer see it.`));
}
