import type { WebClient } from '@slack/web-api';
import type { Trellis } from '../../core/trellis.js';
import type { Invoker, SlackUser } from './invoke.js';
import { renderHome } from './render-home.js';

/**
 * Publishes a person's App Home: `/mentor status` as the core answers it (or help, for a core
 * without status), framed with shortcuts. Slack formats the time in the viewer's own zone.
 */
export function createHomePublisher(trellis: Trellis, invoker: Invoker, now: () => number) {
  return async function publishHome(client: WebClient, user: SlackUser, page: number): Promise<void> {
    const hasStatus = trellis.router.commands.some((c) => c.path.join(' ') === 'status');
    const outcome = await invoker.outcomeFor(client, user, { kind: 'command', text: hasStatus ? 'status' : 'help' });
    const status = outcome.reply.message ?? { text: '', blocks: [] };
    const seconds = Math.floor(now() / 1000);
    const view = renderHome({ status, commands: trellis.router.commands, page, updatedLine: `Updated <!date^${seconds}^{date_short_pretty} at {time}|just now>` });
    await client.views.publish({ user_id: user.userId, view });
  };
}
