import type { CommandContext, CommandSpec } from '../commands/types.js';
import type { Person } from '../domain.js';
import { UserError } from '../errors.js';
import { isTimeZone } from '../time/zones.js';
import { clockTime } from '../time/local-date.js';
import { message, privateReply } from '../messages/model.js';
import { AVAILABILITY_EXAMPLE, DAY_NAMES, describeAvailability, parseAvailability } from './availability.js';

const USAGE = '/mentor settings [timezone <Area/City> | quiet <HH:MM-HH:MM>|off | reminders <day> <HH:MM> | availability <days and times>]';
const hhmm = (m: number | null) => (m === null ? '—' : clockTime(m));

function parseClock(text: string | undefined): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text ?? '');
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new UserError(`"${text ?? ''}" is not a time. Use 24-hour HH:MM, e.g. 21:30.`, { code: 'BAD_INPUT', usage: USAGE });
  return Number(m[1]) * 60 + Number(m[2]);
}

async function show(ctx: CommandContext, person: Person) {
  const availability = describeAvailability(await ctx.store.people.getAvailability(person.id));
  const fields = [
    { label: 'Time zone', value: person.timeZone },
    { label: 'Quiet hours', value: person.quietStartMinute === null ? 'none' : `${hhmm(person.quietStartMinute)}–${hhmm(person.quietEndMinute)}` },
    { label: 'Reminders', value: person.nudgeWeekday === null ? 'Mondays 09:00 (default)' : `${DAY_NAMES[person.nudgeWeekday]} ${hhmm(person.nudgeMinute)}` },
    { label: 'Availability for calls', value: availability },
  ];
  return privateReply(message(fields.map((f) => `${f.label}: ${f.value}`).join('\n'), [
    { type: 'heading', text: 'Your settings' },
    { type: 'fields', fields },
    { type: 'text', text: `Change one with \`${USAGE}\`.` },
  ]));
}

export const settingsCommand: CommandSpec = {
  path: ['settings'],
  usage: USAGE,
  summary: 'your time zone, quiet hours, reminder day and time, and availability',
  async run(ctx, args) {
    const [what, ...rest] = args;
    const person = ctx.actor;
    switch (what?.toLowerCase()) {
      case undefined:
        return show(ctx, person);
      case 'timezone':
      case 'tz': {
        const zone = rest[0];
        if (!zone || rest.length > 1 || !isTimeZone(zone)) throw new UserError(`"${rest.join(' ')}" is not a time zone I know. Use a name like Europe/London or America/New_York.`, { code: 'BAD_INPUT', usage: USAGE });
        return show(ctx, await ctx.store.people.update(person.id, { timeZone: zone }));
      }
      case 'quiet': {
        if (rest[0]?.toLowerCase() === 'off') return show(ctx, await ctx.store.people.update(person.id, { quietStartMinute: null, quietEndMinute: null }));
        const [from, to] = (rest.join('') || '').split('-');
        const start = parseClock(from);
        const end = parseClock(to);
        if (start === end) throw new UserError('Quiet hours must start and end at different times.', { code: 'BAD_INPUT', usage: USAGE });
        return show(ctx, await ctx.store.people.update(person.id, { quietStartMinute: start, quietEndMinute: end }));
      }
      case 'reminders': {
        const day = DAY_NAMES.findIndex((d) => d.toLowerCase() === rest[0]?.slice(0, 3).toLowerCase());
        if (day < 1) throw new UserError(`"${rest[0] ?? ''}" is not a day. Use Mon … Sun.`, { code: 'BAD_INPUT', usage: USAGE });
        return show(ctx, await ctx.store.people.update(person.id, { nudgeWeekday: day, nudgeMinute: parseClock(rest[1]) }));
      }
      case 'availability': {
        if (rest.length === 0) throw new UserError(`Tell me when you're free, e.g. ${AVAILABILITY_EXAMPLE}.`, { code: 'BAD_INPUT', usage: USAGE });
        await ctx.store.people.setAvailability(person.id, parseAvailability(rest.join(' ')));
        return show(ctx, person);
      }
      default:
        throw new UserError(`"${what}" is not a setting.`, { code: 'BAD_INPUT', usage: USAGE });
    }
  },
};
