import type { ActionSpec, CommandContext, CommandSpec } from '../commands/types.js';
import type { CustomKind } from '../commands/arguments/kinds.js';
import type { Program, Role } from '../domain.js';
import { UserError } from '../errors.js';
import { formReply, message, privateReply } from '../messages/model.js';
import { checkpointMessage } from './checkpoint.js';
import { joinForm } from './join-form.js';
import { textNaming } from '../commands/naming.js';

const ROLE_WORDS: Record<string, Role> = { mentor: 'mentor', mentee: 'mentee', trainee: 'mentee', participant: 'mentee' };

/** The role to join as: mentor or mentee (trainee and participant mean mentee). */
const JOIN_ROLE: CustomKind = {
  label: 'mentor|mentee',
  check: (word) => {
    const role = ROLE_WORDS[word.toLowerCase()];
    return role ? { ok: true, value: role } : { ok: false, problem: `"${word}" is not a role you can join as. Choose mentor or mentee.` };
  },
  // The last positional: any word is read as the role, so a wrong one is explained rather than "not expected".
  looksLike: () => true,
  suggest: (typed) => ['mentor', 'mentee'].filter((r) => r.startsWith(typed)),
};

async function programToJoin(ctx: CommandContext, slug: string): Promise<Program> {
  const programs = await ctx.store.programs.listByWorkspace(ctx.workspace.id);
  const program = programs.find((p) => p.slug === slug.toLowerCase());
  if (program) return program;
  const names = programs.map((p) => `\`${p.slug}\` (${p.name})`).join(', ') || 'none yet — a coordinator creates them';
  throw new UserError(`There is no program called \`${slug}\` here. Programs here: ${names}.`, { code: 'UNKNOWN_PROGRAM', usage: ctx.usage, argument: 'program' });
}

export const joinCommand: CommandSpec = {
  path: ['join'],
  summary: 'join a program (you will see what it asks of you first)',
  args: [
    { name: 'program', kind: 'program', description: 'the program to join, by its short name' },
    { name: 'role', kind: 'custom', custom: JOIN_ROLE, description: 'join as mentor or mentee (default mentee)', required: false },
    { name: 'time-zone', kind: 'time-zone', description: 'your time zone, e.g. America/Chicago: reminders come in your own time', required: false, flag: true },
  ],
  requires: 'anyone',
  async run(ctx, args) {
    const program = await programToJoin(ctx, args.requiredString('program'));
    const role = (args.string('role') ?? 'mentee') as Role;
    const existing = await ctx.store.enrollments.find(program.id, ctx.actor.id, role);
    if (existing && (existing.status === 'active' || existing.status === 'paused')) {
      throw new UserError(`You're already in ${program.name} as ${role}. \`/mentor status\` shows where you are.`, { code: 'ALREADY_ENROLLED' });
    }
    const zone = args.string('time-zone');
    if (zone) await ctx.store.people.update(ctx.actor.id, { timeZone: zone, timeZoneChosen: true });
    if (existing?.status === 'pending' && existing.commitmentConfirmedAt) return formReply(joinForm(program, role, existing.id));
    const checkpoint = checkpointMessage(program, role);
    // Discord tells us no one's zone: ask, so "Monday 09:00" is not the middle of someone's night.
    if (zone || ctx.actor.timeZoneChosen || ctx.workspace.platform !== 'discord') return privateReply(checkpoint);
    const ask = `One more thing: what is your time zone? Reminders come at your own local times, and I have you in ${ctx.actor.timeZone} for now. Set it with ${(ctx.naming ?? textNaming).command(['settings', 'timezone'])} (it suggests zones as you type), or add the time-zone option when you join.`;
    const buttons = checkpoint.blocks.findIndex((b) => b.type === 'actions');
    const at = buttons < 0 ? checkpoint.blocks.length : buttons;
    return privateReply({ text: `${checkpoint.text}\n${ask}`, blocks: [...checkpoint.blocks.slice(0, at), { type: 'text', text: ask }, ...checkpoint.blocks.slice(at)] });
  },
};

/** `value` is `<programId>:<role>`, as the checkpoint buttons carry it. */
async function parseChoice(ctx: CommandContext, value: string): Promise<{ program: Program; role: Role }> {
  const [programId, roleWord] = value.split(':');
  const role = ROLE_WORDS[roleWord ?? ''];
  const program = programId ? await ctx.store.programs.get(programId) : null;
  if (!program || !role || program.workspaceId !== ctx.workspace.id) throw new UserError('That button has expired. Run `/mentor join <program>` again.', { code: 'ACTION_EXPIRED' });
  return { program, role };
}

export const joinConfirmAction: ActionSpec = {
  action: 'join.confirm',
  async run(ctx, value) {
    const { program, role } = await parseChoice(ctx, value);
    const existing = await ctx.store.enrollments.find(program.id, ctx.actor.id, role);
    if (existing && (existing.status === 'active' || existing.status === 'paused')) {
      throw new UserError(`You're already in ${program.name} as ${role}.`, { code: 'ALREADY_ENROLLED' });
    }
    const enrollment = existing
      ? await ctx.store.enrollments.update(existing.id, { status: 'pending', commitmentConfirmedAt: ctx.now, declinedAt: null })
      : await ctx.store.enrollments.create({ programId: program.id, personId: ctx.actor.id, role, status: 'pending', startDate: null, commitmentConfirmedAt: ctx.now });
    return formReply(joinForm(program, role, enrollment.id));
  },
};

export const joinDeclineAction: ActionSpec = {
  action: 'join.decline',
  async run(ctx, value) {
    const { program, role } = await parseChoice(ctx, value);
    const existing = await ctx.store.enrollments.find(program.id, ctx.actor.id, role);
    if (existing && (existing.status === 'active' || existing.status === 'paused')) {
      throw new UserError(`You're already in ${program.name}; to stop, use \`/mentor pause\` or \`/mentor end\`.`, { code: 'ALREADY_ENROLLED' });
    }
    // Only the choice is kept: no answers, no reasons.
    if (existing) await ctx.store.enrollments.update(existing.id, { status: 'declined', declinedAt: ctx.now, commitmentConfirmedAt: null });
    else await ctx.store.enrollments.create({ programId: program.id, personId: ctx.actor.id, role, status: 'declined', startDate: null, commitmentConfirmedAt: null, declinedAt: ctx.now });
    return privateReply(message(`No problem — nothing changes for you. If you'd like to join later, \`/mentor join ${program.slug}\` is all it takes.`));
  },
};
