// Being left alone without leaving: "away until" holds a person's nudges while the program
// clock keeps running (pause stops the clock instead), and optional nudge kinds can be turned off.
import type { CommandSpec } from '../commands/types.js';
import { UserError } from '../errors.js';
import { message, privateReply } from '../messages/model.js';
import { OPTIONAL_NUDGE_KINDS } from '../nudges/types.js';
import { formatLocalDate, localDateStart } from '../time/local-date.js';
import { NATURAL_DATE_EXAMPLES, readNaturalDate } from '../time/natural-date.js';
import { DateTime } from 'luxon';

export const NUDGE_KIND_WORDS: Record<(typeof OPTIONAL_NUDGE_KINDS)[number], string> = {
  'reflection-followup': 'the gentle reflection follow-up',
  'hours-summary': 'the weekly hours summary',
  phase: 'the new-phase announcement',
};

export const awayCommand: CommandSpec = {
  path: ['away'],
  section: 'account',
  summary: 'hold your reminders until a day (e.g. `away 2026-07-14`, `away "next friday"`), or `away off`; your program keeps going',
  args: [{ name: 'until', kind: 'text', variadic: true, maxLength: 40, description: `the last day you are away (${NATURAL_DATE_EXAMPLES.replace('yesterday, ', '')}), or off` }],
  requires: 'anyone',
  async run(ctx, args) {
    const given = args.requiredString('until').trim();
    if (given.toLowerCase() === 'off') {
      await ctx.store.people.update(ctx.actor.id, { awayUntil: null });
      return privateReply(message('Welcome back — reminders come as usual again.'));
    }
    const zone = ctx.actor.timeZone;
    const lastDay = readNaturalDate(given, ctx.now, zone, 'future');
    if (!lastDay) throw new UserError(`"${given}" is not a day I understand. Try next friday, in 2 weeks, july 14 or 2026-07-14.`, { code: 'BAD_DATE', argument: 'until', usage: ctx.usage });
    if (lastDay < DateTime.fromJSDate(ctx.now, { zone }).toISODate()!) throw new UserError(`${lastDay} has already passed. Name your last day away.`, { code: 'BAD_DATE', argument: 'until', usage: ctx.usage });
    const back = localDateStart(DateTime.fromISO(lastDay).plus({ days: 1 }).toISODate()!, zone);
    await ctx.store.people.update(ctx.actor.id, { awayUntil: back });
    return privateReply(message(
      `Away through ${formatLocalDate(localDateStart(lastDay, zone), zone)}: I'll hold your reminders until you're back, and send the ones that can still help then. ` +
        'Your program keeps going meanwhile (`/mentor pause` stops its clock instead). `/mentor away off` ends it early.',
    ));
  },
};

export const settingsNudgesCommand: CommandSpec = {
  path: ['settings', 'nudges'],
  summary: 'turn an optional reminder on or off (reflection follow-up, hours summary, phase news); deadlines always come',
  args: [
    { name: 'kind', kind: 'choice', choices: [...OPTIONAL_NUDGE_KINDS], description: 'which reminder' },
    { name: 'state', kind: 'choice', choices: ['on', 'off'], description: 'on or off' },
  ],
  requires: 'anyone',
  async run(ctx, args) {
    const kind = args.requiredString('kind') as (typeof OPTIONAL_NUDGE_KINDS)[number];
    const off = args.requiredString('state') === 'off';
    const muted = new Set(ctx.actor.mutedNudgeKinds);
    if (off) muted.add(kind);
    else muted.delete(kind);
    await ctx.store.people.update(ctx.actor.id, { mutedNudgeKinds: [...muted].sort() });
    return privateReply(message(`${off ? 'Turned off' : 'Turned on'}: ${NUDGE_KIND_WORDS[kind]}. Deadlines and weekly prompts always come.`));
  },
};
