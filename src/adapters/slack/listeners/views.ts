import type { App } from '@slack/bolt';
import { readSubmission } from '../read-submission.js';
import { slackRequestId } from '../invoke.js';
import { FORM_CALLBACK_PREFIX } from '../render-modal.js';
import type { ListenerDeps } from './types.js';
import { intakeOf } from '../intake.js';
import { LIMITS } from '../limits.js';
import { formSentMessage, replaceOriginal } from '../pressed.js';

const FORM_CALLBACK = new RegExp(`^${FORM_CALLBACK_PREFIX}`);

/** Slack shows each error under the input whose block_id it names (ours are the core's input ids). */
const slackFieldErrors = (errors: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(errors).map(([id, text]) => [id, text.slice(0, LIMITS.fieldError)]));

/**
 * A submitted form: first the core's checks on what was typed — a bad answer keeps the modal
 * open with a message under each field (`response_action: "errors"`), so nothing typed is lost.
 * Otherwise acknowledged (the modal closes), then the core runs and its answer goes where the
 * form was opened (the command's response_url) or, failing that, by DM.
 */
export function register(app: App, deps: ListenerDeps): void {
  app.view({ callback_id: FORM_CALLBACK, type: 'view_submission' }, async ({ ack, body, view, client, context }) => {
    const intake = intakeOf(context);
    let submission: ReturnType<typeof readSubmission>;
    try {
      submission = readSubmission(view);
    } catch (error) {
      await ack();
      deps.logger.warn({ err: error }, 'a submitted Slack modal could not be read');
      return;
    }
    const teamId = body.user.team_id ?? body.team?.id;
    if (!teamId) return ack();
    const channelId = submission.metadata.channelId;
    const user = { teamId, teamName: body.team?.domain, userId: body.user.id, userName: body.user.name, channelId };
    const errors = await deps.invoker.checkForm(client, user, submission.formId, submission.values).catch(() => null);
    if (errors && Object.keys(errors).length) {
      await ack({ response_action: 'errors', errors: slackFieldErrors(errors) });
      return;
    }
    await ack();
    const triggerId = (body as { trigger_id?: string }).trigger_id;
    const outcome = await deps.invoker.run(
      user,
      { kind: 'form', formId: submission.formId, values: submission.values, context: submission.metadata.context },
      { client, userId: body.user.id, responseUrl: submission.metadata.responseUrl, triggerId, channelId, surface: 'submission', replay: intake?.replay },
      slackRequestId(teamId, triggerId),
      intake,
    );
    // The form came from a message button: that message now says it was done, its buttons gone.
    const pressed = outcome?.reply.pressed;
    const { pressed: origin, responseUrl } = submission.metadata;
    if (pressed && !pressed.keepButtons && origin && responseUrl) {
      await replaceOriginal(responseUrl, formSentMessage(origin, pressed)).catch((err: unknown) => deps.logger.warn({ err }, 'the message that opened the form could not be updated'));
    }
  });
}
