// What `/mentor settings` says about being left alone: away, reminders turned off, and the
// holidays of the person's programs.
import type { CommandContext } from '../commands/types.js';
import type { Person } from '../domain.js';
import type { Field } from '../messages/model.js';
import { OPTIONAL_NUDGE_KINDS } from '../nudges/types.js';
import { holidayLine } from '../programs/holidays-command.js';
import { formatLocal } from '../time/local-date.js';
import { liveEnrollments } from './current-enrollments.js';

export async function quietAndAway(ctx: CommandContext, person: Person): Promise<Field[]> {
  const away = person.awayUntil && person.awayUntil.getTime() > ctx.now.getTime() ? `until ${formatLocal(person.awayUntil, person.timeZone)} (reminders wait)` : 'no';
  const off = person.mutedNudgeKinds.filter((k) => (OPTIONAL_NUDGE_KINDS as readonly string[]).includes(k));
  const fields: Field[] = [
    { label: 'Away', value: away },
    { label: 'Optional reminders turned off', value: off.length ? off.join(', ') : 'none' },
  ];
  for (const { program } of await liveEnrollments(ctx)) {
    const coming = (await ctx.store.programs.listHolidays(program.id)).filter((h) => h.endsAt.getTime() > ctx.now.getTime());
    if (coming.length) fields.push({ label: `Holidays in ${program.name}`, value: coming.map(holidayLine).join(', ') });
  }
  return fields;
}
