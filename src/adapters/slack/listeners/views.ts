import type { App } from '@slack/bolt';
import { readSubmission } from '../read-submission.js';
import { slackRequestId } from '../invoke.js';
import { FORM_CALLBACK_PREFIX } from '../render-modal.js';
import type { ListenerDeps } from './types.js';

const FORM_CALLBACK = new RegExp(`^${FORM_CALLBACK_PREFIX}`);

/**
 * A submitted form: acknowledged at once (the modal closes), then the core runs and its answer
 * goes where the form was opened (the command's response_url) or, failing that, by DM.
 */
export function register(app: App, deps: ListenerDeps): void {
  app.view({ callback_id: FORM_CALLBACK, type: 'view_submission' }, async ({ ack, body, view, client }) => {
    await ack();
    let submission: ReturnType<typeof readSubmission>;
    try {
      submission = readSubmission(view);
    } catch (error) {
      deps.logger.warn({ err: error }, 'a submitted Slack modal could not be read');
      return;
    }
    const teamId = body.user.team_id ?? body.team?.id;
    if (!teamId) return;
    const channelId = submission.metadata.channelId;
    const user = { teamId, teamName: body.team?.domain, userId: body.user.id, userName: body.user.name, channelId };
    const triggerId = (body as { trigger_id?: string }).trigger_id;
    await deps.invoker.run(
      user,
      { kind: 'form', formId: submission.formId, values: submission.values, context: submission.metadata.context },
      { client, userId: body.user.id, responseUrl: submission.metadata.responseUrl, triggerId, channelId, surface: 'submission' },
      slackRequestId(teamId, triggerId),
    );
  });
}
