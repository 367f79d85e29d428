import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Invocation } from '../../core/commands/types.js';
import type { Outcome } from '../../core/messages/model.js';
import type { ActorInput, Trellis } from '../../core/trellis.js';
import { createLimiter } from './limiter.js';
import type { SlackPeopleDirectory } from './people-directory.js';
import type { Replier, ReplyRoute } from './replies.js';
import type { SlackIntake } from './intake.js';
import type { HandleAndAnswer } from '../../app/core-thread.js';

/** Who pressed, typed or submitted, as the request says. */
export interface SlackUser {
  teamId: string;
  teamName?: string;
  userId: string;
  userName?: string;
  channelId?: string;
}

export interface InvokerDeps {
  trellis: Trellis;
  people: SlackPeopleDirectory;
  replier: Replier;
  logger: Logger;
  /** How many commands may run in the core at once (the rest queue); below the database pool size. */
  maxConcurrentWork?: number;
  /**
   * The web process's core thread, which can also answer on the response_url (see
   * src/app/core-thread.ts): this loop then neither renders nor sends the answer.
   */
  answerInCore?: HandleAndAnswer;
}

/**
 * Slack's escaping of command text: users as `<@U123|name>`, and &, <, > as entities.
 * The core expects `<@U123>` mentions and plain characters.
 */
export function unescapeCommandText(text: string): string {
  return text
    .replace(/<@([A-Z0-9]+)\|[^>]*>/gi, '<@$1>')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export { slackRequestId } from './request-id.js';

export function createInvoker(deps: InvokerDeps) {
  const limit = createLimiter(deps.maxConcurrentWork ?? 8);

  async function actorFor(client: WebClient, user: SlackUser): Promise<ActorInput> {
    const profile = await deps.people.profile(client, user.teamId, user.userId);
    return {
      platform: 'slack',
      workspaceExternalId: user.teamId,
      workspaceName: user.teamName ?? user.teamId,
      externalUserId: user.userId,
      handle: profile.handle ?? user.userName ?? user.userId,
      displayName: profile.displayName ?? user.userName ?? user.userId,
      timeZone: profile.timeZone,
      channelId: user.channelId,
    };
  }

  /**
   * Runs the core for an already-acknowledged request and returns its outcome (App Home renders
   * it). What the command owes others was written to the outbox in its own transaction; the
   * delivery workers send it, so nothing is handed on from here.
   */
  async function outcomeFor(client: WebClient, user: SlackUser, invocation: Invocation, requestId?: string): Promise<Outcome> {
    return limit(async () => deps.trellis.handle(await actorFor(client, user), invocation, { requestId }));
  }

  /**
   * Runs one command, button or form and answers the person; never throws. `requestId` (see
   * slackRequestId) makes a retried request (`X-Slack-Retry-Num`) a no-op in the core; `intake`
   * (the receiver's, when the request was written down) skips one already written down.
   */
  async function run(user: SlackUser, invocation: Invocation, route: ReplyRoute, requestId?: string, intake?: SlackIntake): Promise<Outcome | null> {
    // Already written down by an earlier delivery of this request (a retry, a double submit):
    // that run answers, or a replay does if its process died.
    if (intake && !(await intake.fresh)) return null;
    let outcome: Outcome | null = null;
    try {
      const { answerInCore } = deps;
      const { responseUrl } = route;
      let answered = false;
      if (answerInCore && responseUrl && !route.replay) {
        const result = await limit(async () => answerInCore(await actorFor(route.client, user), invocation, { requestId }, responseUrl));
        if (result.failed) throw new Error(`the core thread could not answer on the response_url: ${result.failed}`);
        ({ outcome, answered } = result);
      } else outcome = await outcomeFor(route.client, user, invocation, requestId);
      // A retry of a request that already ran: the first run answered; a second answer would confuse.
      if (!outcome.repeated && !answered) await deps.replier.reply(route, outcome.reply);
    } catch (error) {
      deps.logger.error({ err: error, invocation: invocation.kind }, 'a Slack request failed after it was acknowledged');
      await deps.replier.apologize(route);
    }
    return outcome;
  }

  /**
   * The form's own checks (the core's), in the person's zone, within `budgetMs`: Slack wants
   * `response_action: "errors"` inside its 3 seconds. Null when the zone could not be read in
   * time; the core checks again when the form runs, and answers by message then.
   */
  async function checkForm(client: WebClient, user: SlackUser, formId: string, values: Record<string, string>, budgetMs = 1_500): Promise<Record<string, string> | null> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), budgetMs)));
    const profile = await Promise.race([deps.people.profile(client, user.teamId, user.userId), late]);
    clearTimeout(timer);
    if (!profile) return null;
    return deps.trellis.validateForm({ timeZone: profile.timeZone }, formId, values);
  }

  return { run, outcomeFor, checkForm, forgetProfile: (teamId: string, userId: string) => deps.people.forget(teamId, userId) };
}

export type Invoker = ReturnType<typeof createInvoker>;
