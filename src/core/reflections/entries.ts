import { z } from 'zod';
import type { CommandContext } from '../commands/types.js';
import { UserError } from '../errors.js';
import type { Participation } from '../programs/resolve.js';
import type { OwnEntry } from './sharing.js';

const ZReflectionId = z.uuid();

/** `/mentor journal share 3`: the number `/mentor journal` shows next to the entry. */
export async function entryByNumber(ctx: CommandContext, { enrollment, program }: Participation, word: string | undefined, usage: string): Promise<OwnEntry> {
  if (!word) throw new UserError('Say which entry, by the number `/mentor journal` shows next to it.', { code: 'BAD_INPUT', usage });
  if (!/^#?\d+$/.test(word)) throw new UserError(`"${word}" is not an entry number. Use the number \`/mentor journal\` shows, e.g. 3.`, { code: 'BAD_INPUT', usage });
  const n = Number(word.replace('#', ''));
  const entries = await ctx.store.reflections.listForEnrollment(enrollment.id);
  if (entries.length === 0) throw new UserError('Your journal is empty. Answer this week\'s prompt with `/mentor reflect <answer>`.', { code: 'UNKNOWN_ENTRY', usage });
  const reflection = entries[n - 1];
  if (!reflection) throw new UserError(`There is no entry ${n}: your journal has entries 1 to ${entries.length}.`, { code: 'UNKNOWN_ENTRY', usage });
  return { reflection, n, enrollment, program };
}

/** A Share/Unshare button press: the value is the entry's id, and only its writer may press it. */
export async function entryById(ctx: CommandContext, value: string): Promise<OwnEntry> {
  const id = ZReflectionId.safeParse(value);
  const reflection = id.success ? await ctx.store.reflections.get(id.data) : null;
  if (!reflection) throw new UserError('That journal entry no longer exists. Run `/mentor journal` to see your entries.', { code: 'UNKNOWN_ENTRY' });
  const enrollment = await ctx.store.enrollments.get(reflection.enrollmentId);
  const program = enrollment && (await ctx.store.programs.get(enrollment.programId));
  if (!enrollment || !program || enrollment.personId !== ctx.actor.id) {
    throw new UserError('Only the person who wrote a journal entry can share or unshare it.', { code: 'FORBIDDEN' });
  }
  const entries = await ctx.store.reflections.listForEnrollment(enrollment.id);
  return { reflection, n: entries.findIndex((r) => r.id === reflection.id) + 1, enrollment, program };
}
