import type { ActionSpec, CommandContext, CommandSpec } from '../commands/types.js';
import type { Program, Role } from '../domain.js';
import { UserError } from '../errors.js';
import { formReply, message, privateReply } from '../messages/model.js';
import { checkpointMessage } from './checkpoint.js';
import { joinForm } from './join-form.js';

const USAGE = '/mentor join <program> [mentor|mentee]';
const ROLE_WORDS: Record<string, Role> = { mentor: 'mentor', mentee: 'mentee', trainee: 'mentee', participant: 'mentee' };

async function programOrExplain(ctx: CommandContext, slug: string | undefined): Promise<Program> {
  const programs = await ctx.store.programs.listByWorkspace(ctx.workspace.id);
  const names = programs.map((p) => `\`${p.slug}\` (${p.name})`).join(', ') || 'none yet — a coordinator creates them';
  if (!slug) throw new UserError(`Which program would you like to join? Here: ${names}.`, { code: 'BAD_INPUT', usage: USAGE });
  const program = programs.find((p) => p.slug === slug.toLowerCase());
  if (!program) throw new UserError(`There is no program called \`${slug}\` here. Programs here: ${names}.`, { code: 'UNKNOWN_PROGRAM', usage: USAGE });
  return program;
}

export const joinCommand: CommandSpec = {
  path: ['join'],
  usage: USAGE,
  summary: 'join a program (you will see what it asks of you first)',
  async run(ctx, args) {
    const words = args.filter((w) => w.toLowerCase() !== 'as');
    if (words.length > 2) throw new UserError('Too many words.', { code: 'BAD_INPUT', usage: USAGE });
    const program = await programOrExplain(ctx, words[0]);
    const role = ROLE_WORDS[(words[1] ?? 'mentee').toLowerCase()];
    if (!role) throw new UserError(`"${words[1]}" is not a role you can join as. Choose mentor or mentee.`, { code: 'BAD_INPUT', usage: USAGE });
    const existing = await ctx.store.enrollments.find(program.id, ctx.actor.id, role);
    if (existing && (existing.status === 'active' || existing.status === 'paused')) {
      throw new UserError(`You're already in ${program.name} as ${role}. \`/mentor status\` shows where you are.`, { code: 'ALREADY_ENROLLED' });
    }
    if (existing?.status === 'pending' && existing.commitmentConfirmedAt) return formReply(joinForm(program, role, existing.id));
    return privateReply(checkpointMessage(program, role));
  },
};

/** `value` is `<programId>:<role>`, as the checkpoint buttons carry it. */
async function parseChoice(ctx: CommandContext, value: string): Promise<{ program: Program; role: Role }> {
  const [programId, roleWord] = value.split(':');
  const role = ROLE_WORDS[roleWord ?? ''];
  const program = programId ? await ctx.store.programs.get(programId) : null;
  if (!program || !role || program.workspaceId !== ctx.workspace.id) throw new UserError('That button has expired. Run `/mentor join <program>` again.', { code: 'BAD_INPUT' });
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
      throw new UserError(`You're already in ${program.name}; to stop, use \`/mentor pause\` or \`/mentor end\`.`, { code: 'BAD_INPUT' });
    }
    // Only the choice is kept: no answers, no reasons.
    if (existing) await ctx.store.enrollments.update(existing.id, { status: 'declined', declinedAt: ctx.now, commitmentConfirmedAt: null });
    else await ctx.store.enrollments.create({ programId: program.id, personId: ctx.actor.id, role, status: 'declined', startDate: null, commitmentConfirmedAt: null, declinedAt: ctx.now });
    return privateReply(message(`No problem — nothing changes for you. If you'd like to join later, \`/mentor join ${program.slug}\` is all it takes.`));
  },
};
