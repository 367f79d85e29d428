import type { CommandContext } from '../commands/types.js';
import type { CheckInReason } from '../domain.js';
import { UserError } from '../errors.js';
import { message, privateReply, type Block, type Outcome } from '../messages/model.js';
import type { Participation } from '../programs/resolve.js';
import { checkInParts } from '../check-ins/safety.js';
import { activeMentor, shareButton } from './sharing.js';

/** Long enough for a thoughtful page, short enough for every platform's message and modal limits. */
export const MAX_ANSWER_CHARS = 4000;

/** Trims the answer and refuses an empty or over-long one, saying which and by how much. */
export function validateAnswer(raw: string, usage?: string): string {
  const answer = raw.trim();
  if (!answer) throw new UserError('Your answer is empty. Write it after the command, e.g. `/mentor reflect I noticed that…`.', { code: 'EMPTY_ANSWER', usage });
  if (answer.length > MAX_ANSWER_CHARS) {
    throw new UserError(`Your answer is ${answer.length} characters; the limit is ${MAX_ANSWER_CHARS}. Please shorten it by ${answer.length - MAX_ANSWER_CHARS}.`, { code: 'ANSWER_TOO_LONG', usage });
  }
  return answer;
}

export interface NewAnswer {
  promptKey: string;
  week: number;
  answer: string;
  checkIn: CheckInReason | null;
}

/** Saves one journal entry (encrypted by the repository) and asks for a debrief when flagged. */
export async function saveReflection(ctx: CommandContext, { enrollment, program }: Participation, input: NewAnswer, usage?: string): Promise<Outcome> {
  const answer = validateAnswer(input.answer, usage);
  const reflection = await ctx.store.reflections.create({ enrollmentId: enrollment.id, promptKey: input.promptKey, week: input.week, answer, checkIn: input.checkIn, createdAt: ctx.now });
  const entryNumber = await ctx.store.reflections.countForEnrollment(enrollment.id);
  const lines = [`Saved to your journal as entry ${entryNumber} (week ${input.week}). Only you can read it.`];
  const checkIn = input.checkIn ? await checkInParts(ctx, program, enrollment.id, input.checkIn) : null;
  if (checkIn) lines.push(checkIn.line);
  const blocks: Block[] = [...(checkIn?.blocks ?? [])];
  if (await activeMentor(ctx, enrollment)) {
    lines.push(`To share it with your mentor: \`/mentor journal share ${entryNumber}\` (you can unshare it any time).`);
    blocks.push({ type: 'actions', buttons: [shareButton(reflection.id, entryNumber)] });
  }
  const text = lines.join('\n');
  return privateReply(message(text, [...lines.map((t): Block => ({ type: 'text', text: t })), ...blocks]), checkIn?.outbound ?? []);
}
