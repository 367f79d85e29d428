// Saving a logged session: its notes sealed by the repository, and each "when to check in"
// situation chosen turned into one debrief request to the provider's supervisor — the
// situation in the template's words, never the notes — through the same routing as every check-in.
import { CHECK_IN_WORDS, type DebriefAbout } from '../check-ins/debrief.js';
import { checkInParts } from '../check-ins/safety.js';
import { textNaming } from '../commands/naming.js';
import type { CommandContext } from '../commands/types.js';
import type { CheckInReason } from '../domain.js';
import { UserError } from '../errors.js';
import { message, privateReply, type Block, type Outcome } from '../messages/model.js';
import { formatHours } from '../messages/progress-bar.js';
import type { Participation } from '../programs/resolve.js';
import type { CheckInTrigger, Session } from '../programs/template-schema.js';
import { currentSession, frameworkOf } from './framework.js';

const MAX_MINUTES = 12 * 60;

export interface NewSession {
  minutes: number;
  occurredOn: string;
  notes: string | null;
  triggers: CheckInTrigger[];
}

/** A session's length: between a minute and twelve hours. */
export function sessionMinutes(minutes: number): number {
  if (minutes < 1 || minutes > MAX_MINUTES) throw new UserError(`A session must last between 1 minute and ${MAX_MINUTES / 60} hours.`, { code: 'BAD_DURATION', argument: 'duration' });
  return minutes;
}

const reasonOf = (t: CheckInTrigger): CheckInReason => CHECK_IN_WORDS[t.reason]!;

/** The reason that leads the request: safety first, so crisis resources are never left out. */
const ORDER: CheckInReason[] = ['safety', 'impasse', 'failed_activity', 'uncertain'];

export async function recordSession(ctx: CommandContext, { enrollment, program }: Participation, session: Session, input: NewSession): Promise<Outcome> {
  const reasons = input.triggers.map(reasonOf);
  await ctx.store.sessions.create({
    enrollmentId: enrollment.id, sessionKey: session.key, minutes: input.minutes, occurredOn: input.occurredOn, notes: input.notes,
    checkIns: input.triggers.map((t) => t.key), checkInReasons: reasons, createdAt: ctx.now,
  });
  const logs = await ctx.store.sessions.listForEnrollment(enrollment.id);
  const count = logs.filter((l) => l.sessionKey === session.key).length;
  const nth = session.repeatable ? ` (number ${count})` : '';
  const next = currentSession(frameworkOf(program), logs);
  const guide = `\`${(ctx.naming ?? textNaming).command(['session'])}\``;
  const lines = [
    `Logged your ${session.name.toLowerCase()}${nth}: ${formatHours(input.minutes)} on ${input.occurredOn}.${input.notes ? ' Your notes are private: only you can read them.' : ''}`,
    next.key === session.key ? `Next: another ${next.name.toLowerCase()} whenever it helps — ${guide} shows its guide.` : `Next: the ${next.name.toLowerCase()} — ${guide} shows its guide.`,
  ];
  const blocks: Block[] = lines.map((text) => ({ type: 'text', text }));
  if (input.triggers.length === 0) return privateReply(message(lines.join(' '), blocks));
  const name = session.name.toLowerCase();
  const about: DebriefAbout = { after: `${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name}`, situations: input.triggers.map((t) => ({ reason: reasonOf(t), text: t.text })) };
  const lead = ORDER.find((r) => reasons.includes(r))!;
  const checkIn = await checkInParts(ctx, program, enrollment.id, lead, about);
  lines.push(checkIn.line);
  return privateReply(message(lines.join(' '), [...blocks, { type: 'text', text: checkIn.line }, ...checkIn.blocks]), checkIn.outbound);
}
