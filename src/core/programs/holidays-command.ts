// Program holidays: a coordinator names the days; nobody in the program is nudged. What else a
// holiday does is the template's rule (`holidayRule`): by default the program clock stands still
// (as a pause does), so weeks and deadlines after it move later; `hold-nudges` only holds reminders.
import { DateTime } from 'luxon';
import { scopeOf, type CommandContext, type CommandSpec } from '../commands/types.js';
import { UserError } from '../errors.js';
import { message, privateReply, type Block } from '../messages/model.js';
import { renderPlain } from '../messages/plain-text.js';
import { calendarDate, localDateStart } from '../time/local-date.js';

/** A holiday's local day in the person's terms: `2026-12-24`. Days are the coordinator's calendar days. */
export const holidayLine = (h: { firstDay: string; lastDay: string }) => (h.firstDay === h.lastDay ? h.firstDay : `${h.firstDay} – ${h.lastDay}`);

async function listing(ctx: CommandContext, heading: string): Promise<Block[]> {
  const holidays = await ctx.store.programs.listHolidays(scopeOf(ctx).program.id);
  return [
    { type: 'heading', text: heading },
    holidays.length ? { type: 'list', items: holidays.map(holidayLine) } : { type: 'text', text: 'No holidays set.' },
  ];
}

export const holidayCommands: CommandSpec[] = [
  {
    path: ['admin', 'holiday'],
    summary: "a program holiday: no reminders; by the program's rule the clock stands still too (weeks and deadlines move later)",
    args: [
      { name: 'first-day', kind: 'date', description: 'the first day off: YYYY-MM-DD' },
      { name: 'last-day', kind: 'date', description: 'the last day off: YYYY-MM-DD (the same day for one day)', required: false },
    ],
    requires: 'coordinator',
    async run(ctx, args) {
      const zone = ctx.actor.timeZone;
      const today = calendarDate('today', ctx.now, zone);
      const firstDay = calendarDate(args.requiredString('first-day'), ctx.now, zone);
      const lastDay = calendarDate(args.string('last-day') ?? firstDay, ctx.now, zone);
      if (lastDay < firstDay) throw new UserError(`The last day (${lastDay}) comes before the first (${firstDay}).`, { code: 'INVALID_ARGUMENT', argument: 'last-day', usage: ctx.usage });
      if (firstDay < today) throw new UserError(`${firstDay} has passed; a holiday starts today or later.`, { code: 'INVALID_ARGUMENT', argument: 'first-day', usage: ctx.usage });
      const startsAt = localDateStart(firstDay, zone);
      const endsAt = localDateStart(DateTime.fromISO(lastDay).plus({ days: 1 }).toISODate()!, zone);
      const { program } = scopeOf(ctx);
      const shiftsClock = (program.template.holidayRule ?? 'shift-deadlines') === 'shift-deadlines';
      await ctx.store.programs.addHoliday({ programId: program.id, firstDay, lastDay, startsAt, endsAt, shiftsClock });
      const blocks = await listing(ctx, `Holiday set: ${holidayLine({ firstDay, lastDay })}`);
      blocks.push({
        type: 'text',
        text: shiftsClock
          ? 'No reminders go out on those days, and the program clock waits: every week and deadline after it moves later by the days off.'
          : `No reminders go out on those days; they wait until the holiday is over. ${program.name} keeps its weeks and deadlines as they are.`,
      });
      return privateReply(message(renderPlain(blocks), blocks));
    },
  },
  {
    path: ['admin', 'holidays'],
    summary: "the program's holidays",
    args: [],
    requires: 'coordinator',
    async run(ctx) {
      const blocks = await listing(ctx, `Holidays in ${scopeOf(ctx).program.name}`);
      return privateReply(message(renderPlain(blocks), blocks));
    },
  },
];
