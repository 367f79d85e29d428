import { textNaming } from '../commands/naming.js';
import type { CustomKind } from '../commands/arguments/kinds.js';
import type { CommandContext, CommandSpec } from '../commands/types.js';
import type { Person } from '../domain.js';
import { clockTime } from '../time/local-date.js';
import { message, privateReply } from '../messages/model.js';
import { awayCommand, settingsNudgesCommand } from './away-command.js';
import { quietAndAway } from './quiet-and-away.js';
import { AVAILABILITY_EXAMPLE, DAY_NAMES, describeAvailability, parseAvailability } from './availability.js';

const hhmm = (m: number | null) => (m === null ? '—' : clockTime(m));
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const FULL_DAYS = ['', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** `22:00-07:00` (spanning midnight is fine) or `off`. */
const QUIET_HOURS: CustomKind = {
  label: 'HH:MM-HH:MM|off',
  check(word) {
    if (word.toLowerCase() === 'off') return { ok: true, value: 'off' };
    // People write `22:00 - 07:00` and `22:00 to 07:00` as often as `22:00-07:00`.
    const m = /^([01]?\d|2[0-3]):([0-5]\d)\s*(?:-|–|to)\s*([01]?\d|2[0-3]):([0-5]\d)$/i.exec(word.trim());
    if (!m) return { ok: false, problem: `"${word}" is not a span of time. Write it as 22:00-07:00 (24-hour), or off.` };
    const [from, to] = [`${m[1]!.padStart(2, '0')}:${m[2]}`, `${m[3]!.padStart(2, '0')}:${m[4]}`];
    if (from === to) return { ok: false, problem: 'quiet hours must start and end at different times.' };
    return { ok: true, value: `${from}-${to}` };
  },
};

/** A day of the week: `mon`, `Tues`, `thursday`… → 1 (Monday) … 7 (Sunday). */
const WEEKDAY: CustomKind = {
  label: 'day',
  check(word) {
    const lower = word.toLowerCase();
    const day = FULL_DAYS.findIndex((d) => d !== '' && lower.length >= 3 && d.startsWith(lower));
    return day > 0 ? { ok: true, value: day } : { ok: false, problem: `"${word}" is not a day. Use Mon … Sun.` };
  },
  suggest: (typed) => FULL_DAYS.filter((d) => d !== '' && d.startsWith(typed)),
};

async function show(ctx: CommandContext, person: Person) {
  const naming = ctx.naming ?? textNaming;
  const availability = describeAvailability(await ctx.store.people.getAvailability(person.id));
  const fields = [
    { label: 'Time zone', value: person.timeZone },
    { label: 'Quiet hours', value: person.quietStartMinute === null ? 'none' : `${hhmm(person.quietStartMinute)}–${hhmm(person.quietEndMinute)}` },
    { label: 'Reminders', value: person.nudgeWeekday === null ? 'Mondays 09:00 (default)' : `${DAY_NAMES[person.nudgeWeekday]} ${hhmm(person.nudgeMinute)}` },
    { label: 'Availability for calls', value: availability },
    ...(await quietAndAway(ctx, person)),
  ];
  const changes = [...settingsChanges, settingsNudgesCommand, awayCommand].map((spec) => `\`${naming.usage(spec)}\``).join(', ');
  return privateReply(message(fields.map((f) => `${f.label}: ${f.value}`).join('\n'), [
    { type: 'heading', text: 'Your settings' },
    { type: 'fields', fields },
    { type: 'text', text: `Change one with ${changes}.` },
  ]));
}

export const settingsCommand: CommandSpec = {
  path: ['settings'],
  summary: 'your time zone, quiet hours, reminder day and time, and availability',
  args: [],
  requires: 'anyone',
  run: (ctx) => show(ctx, ctx.actor),
};

export const settingsTimeZoneCommand: CommandSpec = {
  path: ['settings', 'timezone'],
  summary: 'set your time zone, so reminders and dates are in your own time',
  args: [{ name: 'zone', kind: 'time-zone', description: 'a time zone name, e.g. Europe/London or America/Chicago' }],
  requires: 'anyone',
  run: async (ctx, args) => show(ctx, await ctx.store.people.update(ctx.actor.id, { timeZone: args.requiredString('zone'), timeZoneChosen: true })),
};

export const settingsQuietCommand: CommandSpec = {
  path: ['settings', 'quiet'],
  summary: 'hours when I send you nothing (e.g. 22:00-07:00), or off',
  args: [{ name: 'hours', kind: 'custom', custom: QUIET_HOURS, variadic: true, description: 'from-to in 24-hour time, e.g. 22:00-07:00, or off' }],
  requires: 'anyone',
  async run(ctx, args) {
    const hours = args.requiredString('hours');
    if (hours === 'off') return show(ctx, await ctx.store.people.update(ctx.actor.id, { quietStartMinute: null, quietEndMinute: null }));
    const [from, to] = hours.split('-') as [string, string];
    return show(ctx, await ctx.store.people.update(ctx.actor.id, { quietStartMinute: minutesOf(from), quietEndMinute: minutesOf(to) }));
  },
};

export const settingsRemindersCommand: CommandSpec = {
  path: ['settings', 'reminders'],
  summary: 'the day and time your weekly reminder comes',
  args: [
    { name: 'day', kind: 'custom', custom: WEEKDAY, description: 'a day of the week, e.g. Mon' },
    { name: 'time', kind: 'time', description: 'a time of day, 24-hour HH:MM, e.g. 09:00' },
  ],
  requires: 'anyone',
  async run(ctx, args) {
    const patch = { nudgeWeekday: args.number('day')!, nudgeMinute: minutesOf(args.requiredString('time')) };
    return show(ctx, await ctx.store.people.update(ctx.actor.id, patch));
  },
};

export const settingsAvailabilityCommand: CommandSpec = {
  path: ['settings', 'availability'],
  summary: 'when you are free for calls, so coordinators can match you well',
  args: [{ name: 'times', kind: 'text', variadic: true, description: `days and times, e.g. ${AVAILABILITY_EXAMPLE}`, maxLength: 500 }],
  requires: 'anyone',
  async run(ctx, args) {
    await ctx.store.people.setAvailability(ctx.actor.id, parseAvailability(args.requiredString('times')));
    return show(ctx, ctx.actor);
  },
};

const settingsChanges: CommandSpec[] = [settingsTimeZoneCommand, settingsQuietCommand, settingsRemindersCommand, settingsAvailabilityCommand];

export const settingsCommands: CommandSpec[] = [settingsCommand, ...settingsChanges, settingsNudgesCommand, awayCommand];
