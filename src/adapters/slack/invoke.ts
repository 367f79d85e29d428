import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { OutboundSink } from '../../app/outbound.js';
import type { Invocation } from '../../core/commands/types.js';
import type { Outcome } from '../../core/messages/model.js';
import type { ActorInput, Trellis } from '../../core/trellis.js';
import { createLimiter } from './limiter.js';
import type { SlackPeopleDirectory } from './people-directory.js';
import type { Replier, ReplyRoute } from './replies.js';

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
  deliver: OutboundSink;
  logger: Logger;
  /** How many commands may run in the core at once (the rest queue); below the database pool size. */
  maxConcurrentWork?: number;
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

  /** Runs the core for an already-acknowledged request and returns its outcome (App Home renders it). */
  async function outcomeFor(client: WebClient, user: SlackUser, invocation: Invocation): Promise<Outcome> {
    return limit(async () => deps.trellis.handle(await actorFor(client, user), invocation));
  }

  /** Hands the messages for other people and channels on; their failures are not the actor's. */
  async function forward(outcome: Outcome): Promise<void> {
    if (!outcome.outbound.length) return;
    try {
      await deps.deliver(outcome.outbound);
    } catch (error) {
      deps.logger.error({ err: error, count: outcome.outbound.length }, 'could not hand on outbound Slack messages');
    }
  }

  /** Runs one command, button or form and answers the person; never throws. */
  async function run(user: SlackUser, invocation: Invocation, route: ReplyRoute): Promise<Outcome | null> {
    let outcome: Outcome | null = null;
    try {
      outcome = await outcomeFor(route.client, user, invocation);
      await deps.replier.reply(route, outcome.reply);
    } catch (error) {
      deps.logger.error({ err: error, invocation: invocation.kind }, 'a Slack request failed after it was acknowledged');
      await deps.replier.apologize(route);
    }
    // The core's transaction has committed: what it owes others goes out even if our answer failed.
    if (outcome) await forward(outcome);
    return outcome;
  }

  return { run, outcomeFor, forward };
}

export type Invoker = ReturnType<typeof createInvoker>;
