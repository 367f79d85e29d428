// Changing one's mind: after saying no, after an ending, or at any time without a mentor, one
// command asks the coordinator for a (new) mentor. Asking twice never sends twice.
import { textNaming } from '../commands/naming.js';
import { scopeOf, type CommandSpec } from '../commands/types.js';
import { UserError } from '../errors.js';
import { message, privateReply } from '../messages/model.js';
import { coordinatorIds } from '../programs/resolve.js';

export const REQUEST_ACTION = 'mentor.requested';

export const requestMentorCommand: CommandSpec = {
  path: ['request-mentor'],
  summary: 'ask your coordinator for a mentor (or a new one) — any time, whatever you decided before',
  args: [],
  requires: 'mentee',
  async run(ctx) {
    const { program, enrollment } = scopeOf(ctx);
    const matches = await ctx.store.matches.listForEnrollment(enrollment.id);
    if (matches.some((m) => m.status !== 'ended' && m.menteeEnrollmentId === enrollment.id)) {
      throw new UserError('You already have a mentor or a proposed one. `/mentor end` first if you would like someone else.', { code: 'ALREADY_MATCHED' });
    }
    // Pending: asked after the newest proposal (or ever, before any).
    const since = Math.max(0, ...matches.map((m) => (m.endedAt ?? m.proposedAt).getTime()));
    // The audit's own `at` is the database's clock; `details.at` is the program's (the console's clock may run ahead).
    const asked = (await ctx.store.audit.listForSubject('enrollment', enrollment.id)).some((e) => e.action === REQUEST_ACTION && Date.parse(String(e.details.at)) >= since);
    if (asked) return privateReply(message('Your coordinator already knows you would like a mentor; they will be in touch. Nothing was sent again.'));
    await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: REQUEST_ACTION, subjectType: 'enrollment', subjectId: enrollment.id, details: { at: ctx.now.toISOString() } });
    const suggest = (ctx.naming ?? textNaming).command(['admin', 'suggest']);
    const coordinators = (await coordinatorIds(ctx, program.id)).filter((id) => id !== ctx.actor.id);
    return privateReply(message('I let your coordinator know you would like a mentor. They will suggest someone, and nothing is shared until you sign a release.'),
      coordinators.map((personId) => ({ to: { kind: 'person' as const, personId }, message: message(`${ctx.actor.displayName} would like a mentor in ${program.name}. \`${suggest} @${ctx.identity.handle}\` ranks the options.`) })));
  },
};
