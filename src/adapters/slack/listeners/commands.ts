import type { App } from '@slack/bolt';
import { slackRequestId, unescapeCommandText } from '../invoke.js';
import type { ListenerDeps } from './types.js';
import { intakeOf } from '../intake.js';

/** `/mentor …` (whatever the command is named in the app's manifest): acknowledge, then run it. */
export function register(app: App, deps: ListenerDeps): void {
  app.command(/^\/.+/, async ({ command, ack, client, context }) => {
    const intake = intakeOf(context);
    await ack();
    const user = { teamId: command.team_id, teamName: command.team_domain, userId: command.user_id, userName: command.user_name, channelId: command.channel_id };
    await deps.invoker.run(user, { kind: 'command', text: unescapeCommandText(command.text ?? '') }, {
      client,
      userId: command.user_id,
      responseUrl: command.response_url,
      triggerId: command.trigger_id,
      channelId: command.channel_id,
      surface: 'command',
      replay: intake?.replay,
    }, slackRequestId(command.team_id, command.trigger_id), intake);
  });
}
