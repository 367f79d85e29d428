// `/mentor calendar`: the person's private feed address, shown only to them. The address is
// derived from a stored random seed, so asking again shows the same one; `reset` replaces the
// seed and the old address stops working at once.
import type { CommandContext, CommandSpec } from '../commands/types.js';
import { UserError } from '../errors.js';
import { message, privateReply, type Block, type Outcome } from '../messages/model.js';
import { renderPlain } from '../messages/plain-text.js';
import type { PublicLinks } from '../ports/links.js';

function linksOf(ctx: CommandContext): PublicLinks {
  if (!ctx.links) throw new UserError("Calendars aren't available here: this Trellis has no public web address set up.", { code: 'NOT_FOUND' });
  return ctx.links;
}

function feedReply(url: string, fresh: boolean): Outcome {
  const blocks: Block[] = [
    { type: 'heading', text: fresh ? 'Your new calendar address' : 'Your calendar' },
    { type: 'text', text: url },
    { type: 'text', text: 'Subscribe to it in your calendar app (Google: Other calendars → From URL; Apple and Outlook: subscribe to a calendar). It shows your supervision periods, first-call deadline, cohort meetings, final review and program holidays at your local times — never notes or names.' },
    { type: 'text', text: fresh ? 'The previous address no longer works.' : 'Keep it to yourself: anyone with it can see those dates. If it got out, `/mentor calendar reset` gives you a new one.' },
  ];
  return privateReply(message(renderPlain(blocks), blocks));
}

async function issue(ctx: CommandContext, links: PublicLinks): Promise<string> {
  const seed = links.newFeedSeed();
  await ctx.store.calendarFeeds.replace(ctx.actor.id, seed, links.feed(seed).tokenHash);
  return links.feed(seed).url;
}

export const calendarCommands: CommandSpec[] = [
  {
    path: ['calendar'],
    summary: 'the private address of your calendar feed, to subscribe to in any calendar app',
    args: [],
    requires: 'anyone',
    async run(ctx) {
      const links = linksOf(ctx);
      const seed = await ctx.store.calendarFeeds.seedOf(ctx.actor.id);
      return feedReply(seed ? links.feed(seed).url : await issue(ctx, links), false);
    },
  },
  {
    path: ['calendar', 'reset'],
    summary: 'replace your calendar address (the old one stops working at once)',
    args: [],
    requires: 'anyone',
    async run(ctx) {
      return feedReply(await issue(ctx, linksOf(ctx)), true);
    },
  },
];
