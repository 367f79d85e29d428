// A check-in flag asks for a supervisor debrief. The people told learn who asked and why —
// never a word of the reflection — and only by direct message, never in a channel.
import type { CommandContext } from '../commands/types.js';
import type { CheckInReason, Program } from '../domain.js';
import { UserError } from '../errors.js';
import { message, type Outbound } from '../messages/model.js';
import { coordinatorIds } from '../programs/resolve.js';
import { traineeSupervisorId } from './supervisor.js';

/** Words people type (and form choices) → stored reasons. */
export const CHECK_IN_WORDS: Record<string, CheckInReason> = {
  safety: 'safety',
  impasse: 'impasse',
  'failed-activity': 'failed_activity',
  uncertain: 'uncertain',
};

export const CHECK_IN_LABELS: Record<CheckInReason, string> = {
  safety: 'a safety concern',
  impasse: 'an impasse',
  failed_activity: 'an activity that failed',
  uncertain: 'being unsure how to go on',
};

export const CHECK_IN_CHOICES = Object.keys(CHECK_IN_WORDS).join('|');

export function parseCheckInReason(word: string | undefined): CheckInReason {
  const reason = word ? CHECK_IN_WORDS[word.toLowerCase()] : undefined;
  if (!reason) {
    const what = word ? `"${word}" is not a check-in reason.` : '`--check-in` needs a reason after it.';
    throw new UserError(`${what} Use one of: ${Object.keys(CHECK_IN_WORDS).join(', ')}.`, { code: 'INVALID_ARGUMENT', argument: 'check-in' });
  }
  return reason;
}

/**
 * A check-in from a session framework: which session it followed, and each situation chosen in
 * the template's own words (never the provider's notes).
 */
export interface DebriefAbout {
  after: string;
  situations: { reason: CheckInReason; text: string }[];
}

export interface DebriefNotice {
  /** Who was told: the program's supervisors, or its coordinators when it has none. */
  role: 'supervisor' | 'coordinator' | 'nobody';
  outbound: Outbound[];
}

async function supervisorIds(ctx: CommandContext, programId: string): Promise<string[]> {
  const rows = await ctx.store.enrollments.listForProgram(programId, 'supervisor');
  return rows.filter((e) => e.status === 'active').map((e) => e.personId);
}

/**
 * DMs asking for a debrief with the actor: the trainee's own supervisor (set by a coordinator, or
 * their mentor); without one, the program's supervisors; without those, its coordinators — except
 * in programs that step back after the match (no reporting to the program): there nobody is told
 * and the reply says whom to reach instead.
 */
export async function debriefNotice(ctx: CommandContext, program: Program, reason: CheckInReason, enrollmentId?: string, about?: DebriefAbout): Promise<DebriefNotice> {
  const others = (ids: string[]) => [...new Set(ids)].filter((id) => id !== ctx.actor.id);
  const enrollment = enrollmentId ? await ctx.store.enrollments.get(enrollmentId) : null;
  const own = enrollment ? await traineeSupervisorId(ctx, program, enrollment) : null;
  const supervisors = others(own ? [own] : await supervisorIds(ctx, program.id));
  const stepsBack = program.template.participation?.reportsToProgram === false;
  const recipients = supervisors.length ? supervisors : stepsBack ? [] : others(await coordinatorIds(ctx, program.id));
  if (recipients.length === 0) return { role: 'nobody', outbound: [] };
  const msg = about ? sessionDebriefMessage(ctx.actor.displayName, program, about) : reasonOnlyMessage(ctx.actor.displayName, program, reason);
  return { role: supervisors.length ? 'supervisor' : 'coordinator', outbound: recipients.map((personId) => ({ to: { kind: 'person', personId }, message: msg })) };
}

function reasonOnlyMessage(who: string, program: Program, reason: CheckInReason) {
  const text = `${who} (${program.name}) asked for a debrief: ${CHECK_IN_LABELS[reason]}. ` +
    'Only the reason was shared with you — please reach out to them directly.';
  return message(text, [{ type: 'heading', text: 'Debrief requested' }, { type: 'text', text }]);
}

/** The situations the provider ticked, as the template words them: what the supervisor needs, nothing the provider wrote. */
function sessionDebriefMessage(who: string, program: Program, about: DebriefAbout) {
  const reasons = [...new Set(about.situations.map((s) => CHECK_IN_LABELS[s.reason]))].join('; ');
  const head = `${who} (${program.name}) asked for a debrief after ${about.after}: ${reasons}.`;
  const tail = 'Only the situation they chose was shared with you, never their notes — please reach out to them directly.';
  return message(`${head} ${about.situations.map((s) => s.text).join(' ')} ${tail}`, [
    { type: 'heading', text: 'Debrief requested' },
    { type: 'text', text: head },
    { type: 'list', items: about.situations.map((s) => s.text) },
    { type: 'text', text: tail },
  ]);
}

export function debriefReplyLine(notice: DebriefNotice, reason: CheckInReason, about?: DebriefAbout): string {
  const why = about ? [...new Set(about.situations.map((s) => CHECK_IN_LABELS[s.reason]))].join('; ') : CHECK_IN_LABELS[reason];
  if (notice.role === 'nobody' && reason === 'safety') return 'Thank you for saying so. Your words stay private; here is where to turn right away.';
  if (notice.role === 'nobody') return `You asked for a debrief (${why}). This program has no supervisor to tell, so nobody was told — please reach out to your mentor or your coordinator directly.`;
  const who = notice.role === 'supervisor' ? 'supervisor' : 'program coordinator';
  return `I've asked your ${who}${notice.outbound.length > 1 ? 's' : ''} for a debrief (${why}). They learn only the reason, never what you wrote.`;
}
