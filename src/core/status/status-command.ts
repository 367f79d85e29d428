import type { CommandSpec } from '../commands/types.js';
import { message, privateReply, type Block } from '../messages/model.js';
import { requireLiveEnrollments } from '../people/current-enrollments.js';
import { statusBlocks } from './status-view.js';
import { renderPlain } from '../messages/plain-text.js';

export const statusCommand: CommandSpec = {
  path: ['status'],
  usage: '/mentor status',
  summary: 'your week and phase, calls and hours against the plan, and what is due next',
  async run(ctx) {
    const live = await requireLiveEnrollments(ctx);
    const blocks: Block[] = [];
    for (const { enrollment, program } of live) {
      const [calls, reflectionsAnswered] = await Promise.all([
        ctx.store.calls.listForEnrollment(enrollment.id),
        ctx.store.reflections.countForEnrollment(enrollment.id),
      ]);
      if (blocks.length) blocks.push({ type: 'divider' });
      blocks.push(...statusBlocks({ program, enrollment, timeZone: ctx.actor.timeZone, calls, reflectionsAnswered, now: ctx.now, nextItems: [] }));
    }
    return privateReply(message(renderPlain(blocks), blocks));
  },
};
