import { z } from 'zod';
import type { CustomKind } from '../commands/arguments/kinds.js';
import type { CommandContext } from '../commands/types.js';
import { UserError } from '../errors.js';
import type { Participation } from '../programs/resolve.js';
import type { OwnEntry } from './sharing.js';

const ZReflectionId = z.uuid();

const NUMBER = /^#?(\d+)$/;

/**
 * An entry's number as `/mentor journal` shows it: `3`, or `#3` as on its Share button. Its own
 * kind because `integer` would refuse the `#` people have always been able to type.
 */
export const ENTRY_NUMBER: CustomKind = {
  label: 'n',
  looksLike: (word) => NUMBER.test(word),
  check(word) {
    const digits = NUMBER.exec(word)?.[1];
    const n = Number(digits);
    if (!digits || n < 1) return { ok: false, problem: `"${word}" is not an entry number. Use the number \`/mentor journal\` shows, e.g. 3.` };
    return { ok: true, value: n };
  },
};

/** `/mentor journal share 3`: the entry with the number `/mentor journal` shows next to it. */
export async function entryByNumber(ctx: CommandContext, { enrollment, program }: Participation, n: number): Promise<OwnEntry> {
  const entries = await ctx.store.reflections.listForEnrollment(enrollment.id);
  if (entries.length === 0) throw new UserError('Your journal is empty. Answer this week\'s prompt with `/mentor reflect <answer>`.', { code: 'UNKNOWN_ENTRY' });
  const reflection = entries[n - 1];
  if (!reflection) throw new UserError(`There is no entry ${n}: your journal has entries 1 to ${entries.length}.`, { code: 'UNKNOWN_ENTRY', usage: ctx.usage, argument: 'n' });
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
