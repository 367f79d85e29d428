import { takeProgramOption } from '../commands/args.js';
import type { CommandSpec } from '../commands/types.js';
import { UserError } from '../errors.js';
import { message, privateReply } from '../messages/model.js';
import { resolveParticipation } from '../programs/resolve.js';

const PAUSE_USAGE = '/mentor pause';
const RESUME_USAGE = '/mentor resume';

export const pauseCommand: CommandSpec = {
  path: ['pause'],
  usage: PAUSE_USAGE,
  summary: 'pause your program: the clock stops and reminders wait until you resume',
  async run(ctx, args) {
    const { slug, rest } = takeProgramOption(args);
    if (rest.length) throw new UserError('`/mentor pause` takes no reason — you never need to give one.', { code: 'BAD_INPUT', usage: PAUSE_USAGE });
    const { enrollment, program } = await resolveParticipation(ctx, slug, PAUSE_USAGE, ['mentor', 'mentee']);
    if (enrollment.status === 'paused') throw new UserError(`${program.name} is already paused. \`/mentor resume\` restarts it.`, { code: 'ALREADY_PAUSED' });
    await ctx.store.enrollments.startPause(enrollment.id, ctx.now);
    await ctx.store.enrollments.update(enrollment.id, { status: 'paused' });
    return privateReply(message(`${program.name} is paused. Your program week stays where it is and reminders stop until you \`/mentor resume\`.`));
  },
};

export const resumeCommand: CommandSpec = {
  path: ['resume'],
  usage: RESUME_USAGE,
  summary: 'resume a paused program',
  async run(ctx, args) {
    const { slug, rest } = takeProgramOption(args);
    if (rest.length) throw new UserError('`/mentor resume` takes no arguments.', { code: 'BAD_INPUT', usage: RESUME_USAGE });
    const { enrollment, program } = await resolveParticipation(ctx, slug, RESUME_USAGE, ['mentor', 'mentee']);
    if (enrollment.status !== 'paused') throw new UserError(`${program.name} isn't paused.`, { code: 'NOT_PAUSED' });
    await ctx.store.enrollments.endPause(enrollment.id, ctx.now);
    await ctx.store.enrollments.update(enrollment.id, { status: 'active' });
    return privateReply(message(`Welcome back — ${program.name} is running again from where you left off.`));
  },
};
