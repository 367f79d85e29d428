import { scopeOf, type CommandSpec } from '../commands/types.js';
import { UserError } from '../errors.js';
import { message, privateReply } from '../messages/model.js';

/** No reason is asked for, ever: pausing is the person's own business. */
export const pauseCommand: CommandSpec = {
  path: ['pause'],
  section: 'account',
  summary: 'pause your program: the clock stops and reminders wait until you resume',
  args: [],
  requires: 'participant',
  async run(ctx) {
    const { enrollment, program } = scopeOf(ctx);
    if (enrollment.status === 'paused') throw new UserError(`${program.name} is already paused. \`/mentor resume\` restarts it.`, { code: 'ALREADY_PAUSED' });
    await ctx.store.enrollments.startPause(enrollment.id, ctx.now);
    await ctx.store.enrollments.update(enrollment.id, { status: 'paused' });
    return privateReply(message(`${program.name} is paused. Your program week stays where it is and reminders stop until you \`/mentor resume\`.`));
  },
};

export const resumeCommand: CommandSpec = {
  path: ['resume'],
  section: 'account',
  summary: 'resume a paused program',
  args: [],
  requires: 'participant',
  async run(ctx) {
    const { enrollment, program } = scopeOf(ctx);
    if (enrollment.status !== 'paused') throw new UserError(`${program.name} isn't paused.`, { code: 'NOT_PAUSED' });
    await ctx.store.enrollments.endPause(enrollment.id, ctx.now);
    await ctx.store.enrollments.update(enrollment.id, { status: 'active' });
    return privateReply(message(`Welcome back — ${program.name} is running again from where you left off.`));
  },
};
