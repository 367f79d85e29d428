import { scopeOf, type Args, type CommandContext, type CommandSpec } from '../commands/types.js';
import type { Cohort, Program } from '../domain.js';
import { UserError } from '../errors.js';
import { message, privateReply, type Block, type Outcome } from '../messages/model.js';
import { renderPlain } from '../messages/plain-text.js';
import { channelNotice } from './announce.js';
import { COHORT_NAME, cohortName } from './lookup.js';
import { meetingLine } from './rsvp-buttons.js';

const PAST_SHOWN = 3;

async function create(ctx: CommandContext, args: Args): Promise<Outcome> {
  const { program } = scopeOf(ctx);
  const name = cohortName(args.requiredString('name'), ctx.usage);
  if (!ctx.channelId) throw new UserError("Run this in the channel the cohort will use: that's where its meetings are announced.", { code: 'NO_CHANNEL', usage: ctx.usage });
  const taken = await ctx.store.cohorts.findByName(program.id, name);
  if (taken) throw new UserError(`${program.name} already has a cohort called "${taken.name}". Pick another name.`, { code: 'COHORT_EXISTS', usage: ctx.usage, argument: 'name' });
  const cohort = await ctx.store.cohorts.create({ programId: program.id, name, channelId: ctx.channelId });
  await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'cohort.create', subjectType: 'cohort', subjectId: cohort.id, details: { programId: program.id } });
  const reply = `Cohort "${name}" of ${program.name} now lives in this channel. Next: \`/mentor admin cohort add ${quoted(name)} @person…\`, then \`/mentor admin cohort schedule ${quoted(name)} <first YYYY-MM-DD> <HH:MM>\`.`;
  const notice = `This channel is now home to cohort "${name}" of ${program.name}: its peer meetings will be announced here.`;
  return privateReply(message(reply), [channelNotice(ctx.workspace.id, cohort, notice)]);
}

export const quoted = (name: string): string => (/\s/.test(name) ? `"${name}"` : name);

async function cohortBlocks(ctx: CommandContext, cohort: Cohort): Promise<Block[]> {
  const zone = ctx.actor.timeZone;
  const members = await ctx.store.cohorts.members(cohort.id);
  const names = await Promise.all(members.map(async (m) => (await ctx.store.people.get(m.personId))?.displayName ?? '?'));
  const meetings = (await ctx.store.cohorts.listMeetings(cohort.id)).filter((m) => !m.cancelledAt);
  const upcoming = meetings.filter((m) => m.startsAt.getTime() > ctx.now.getTime());
  const past = meetings.filter((m) => m.startsAt.getTime() <= ctx.now.getTime()).slice(-PAST_SHOWN);
  // Counts only: who is coming and who came, never anything a member wrote.
  const tally = async (meetingId: string) => {
    const rsvps = await ctx.store.cohorts.rsvps(meetingId);
    const count = (r: string) => rsvps.filter((x) => x.response === r).length;
    return { rsvp: `going ${count('yes')}, maybe ${count('maybe')}, no ${count('no')}`, attended: rsvps.filter((x) => x.attended).length };
  };
  const items = [
    ...(await Promise.all(upcoming.map(async (m) => `${meetingLine(m, zone)} — ${(await tally(m.id)).rsvp}`))),
    ...(await Promise.all(past.map(async (m) => `${meetingLine(m, zone)} — held; ${(await tally(m.id)).attended} of ${members.length} attended`))),
  ];
  return [
    { type: 'heading', text: `Cohort ${cohort.name}` },
    { type: 'fields', fields: [{ label: 'Members', value: names.length ? names.join(', ') : 'none yet' }, { label: 'Channel', value: cohort.channelId }] },
    items.length ? { type: 'list', items } : { type: 'text', text: 'No meetings scheduled.' },
  ];
}

async function list(ctx: CommandContext): Promise<Outcome> {
  return privateReply(await programCohortsMessage(ctx, scopeOf(ctx).program));
}

async function programCohortsMessage(ctx: CommandContext, program: Program) {
  const cohorts = await ctx.store.cohorts.listForProgram(program.id);
  if (cohorts.length === 0) return message(`${program.name} has no cohorts yet. Create one in its channel with \`/mentor admin cohort create <name>\`.`);
  const blocks: Block[] = [];
  for (const cohort of cohorts) blocks.push(...(blocks.length ? [{ type: 'divider' } as Block] : []), ...(await cohortBlocks(ctx, cohort)));
  return message(renderPlain(blocks), blocks);
}

export const adminCohortCommands: CommandSpec[] = [
  {
    path: ['admin', 'cohort', 'create'],
    summary: 'start a cohort bound to the channel you run this in (a name with spaces goes in quotes)',
    args: [COHORT_NAME],
    requires: 'coordinator',
    run: create,
  },
  {
    path: ['admin', 'cohort', 'list'],
    summary: 'your program’s cohorts: members, meeting codes, RSVP and attendance counts',
    args: [],
    requires: 'coordinator',
    run: list,
  },
];
