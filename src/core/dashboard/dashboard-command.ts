import { scopeOf, type CommandSpec } from '../commands/types.js';
import { UserError } from '../errors.js';
import { message, privateReply, type Block } from '../messages/model.js';
import { renderPlain } from '../messages/plain-text.js';
import { formatLocal } from '../time/local-date.js';

/** `/mentor admin dashboard`: a short-lived, signed link for this coordinator and this program only. */
export const dashboardCommand: CommandSpec = {
  path: ['admin', 'dashboard'],
  summary: "a private link to your program's dashboard: its fidelity as charts and tables, counts only",
  args: [],
  requires: 'coordinator',
  async run(ctx) {
    const { program } = scopeOf(ctx);
    if (!ctx.links) throw new UserError("The dashboard isn't available here: this Trellis has no public web address set up.", { code: 'NOT_FOUND' });
    const { url, expiresAt } = ctx.links.dashboard(program.id, ctx.actor.id, ctx.now);
    const blocks: Block[] = [
      { type: 'heading', text: `Dashboard — ${program.name}` },
      { type: 'text', text: url },
      { type: 'text', text: `The link works until ${formatLocal(expiresAt, ctx.actor.timeZone)} (${ctx.actor.timeZone}); run the command again for a fresh one. It shows counts only, never anyone's words — but keep it to yourself.` },
    ];
    return privateReply(message(renderPlain(blocks), blocks));
  },
};
