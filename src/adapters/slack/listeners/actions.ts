import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ALL_ACTIONS_PATTERN, decodeActionId } from '../action-ids.js';
import { slackRequestId } from '../invoke.js';
import type { ReplyRoute } from '../replies.js';
import type { ListenerDeps } from './types.js';
import { intakeOf } from '../intake.js';
import type { KnownBlock } from '@slack/types';
import { pressedMessage, PRESSED_TEXT_MAX, replaceOriginal } from '../pressed.js';

function surfaceOf(body: BlockAction): ReplyRoute['surface'] {
  if (body.container?.type !== 'view') return 'message';
  return body.view?.type === 'home' ? 'home' : 'modal';
}

/** The words a message shows (its sections), not its `text`: a DM's is only the neutral notification preview. */
function shownText(original: { text?: string; blocks?: KnownBlock[] } | undefined): string | undefined {
  const shown = (original?.blocks ?? []).flatMap((b) => (b.type === 'section' || b.type === 'header') && b.text ? [b.text.text] : []);
  return shown.length ? shown.join('\n') : original?.text;
}

/** Buttons: a core action, a command shortcut (App Home) or an App Home page. */
export function register(app: App, deps: ListenerDeps): void {
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: ALL_ACTIONS_PATTERN }, async ({ ack, body, action, client, context }) => {
    await ack();
    const intake = intakeOf(context);
    const decoded = decodeActionId(action.action_id);
    const teamId = body.user.team_id ?? body.team?.id;
    if (!decoded || !teamId) return;
    const surface = surfaceOf(body);
    const channelId = body.channel?.id ?? (body.container?.channel_id as string | undefined);
    const user = { teamId, teamName: body.team?.domain, userId: body.user.id, userName: body.user.username ?? body.user.name, channelId };
    const original = (body as { message?: { text?: string; blocks?: KnownBlock[] } }).message;
    // A form this button opens replaces the pressed message once it is sent (see views.ts).
    const pressedFrom = surface === 'message' ? { label: action.text?.text, text: shownText(original)?.slice(0, PRESSED_TEXT_MAX) } : undefined;
    const route: ReplyRoute = { client, userId: body.user.id, responseUrl: surface === 'message' ? body.response_url : undefined, triggerId: body.trigger_id, channelId, surface, pressed: pressedFrom, replay: intake?.replay };
    const requestId = slackRequestId(teamId, body.trigger_id, action.action_ts);
    if (decoded.kind === 'page') return deps.publishHome(client, user, decoded.page);
    if (decoded.kind === 'command') {
      await deps.invoker.run(user, { kind: 'command', text: decoded.text }, route, requestId, intake);
      return;
    }
    const outcome = await deps.invoker.run(user, { kind: 'action', action: decoded.action, value: action.value ?? '' }, route, requestId, intake);
    const pressed = outcome?.reply.pressed;
    if (pressed && !pressed.keepButtons && surface === 'message' && body.response_url) {
      await replaceOriginal(body.response_url, pressedMessage(original, pressed, action.text?.text)).catch((err: unknown) => deps.logger.warn({ err }, 'the pressed message could not be updated'));
    }
    // A button on App Home usually changes what App Home shows.
    if (surface === 'home') await deps.publishHome(client, user, 0);
  });
}
