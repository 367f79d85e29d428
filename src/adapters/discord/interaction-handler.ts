import type { Outcome } from '../../core/messages/model.js';
import { safeError } from './safe-error.js';
import type { Logger } from '../../core/ports/logger.js';
import type { Trellis } from '../../core/trellis.js';
import type { CommandEntry } from './command-table.js';
import type { FormStash } from './form-stash.js';
import type { Interaction } from './interaction.js';
import { Callback, EPHEMERAL, InteractionKind, LIMITS } from './limits.js';
import { initialFor, modalFor, notice, planReply, type InitialResponse, type ReplyPlan } from './reply-plan.js';
import { toCompletion, toInvocation } from './to-invocation.js';
import { discordNaming } from './naming.js';
import type { InteractionWebhooks } from './webhooks.js';
import type { RenderOptions } from './render-message.js';
import type { WorkspaceDirectory } from './workspace-directory.js';
import { pressedUpdate, updatesItsMessage } from './pressed.js';

export interface HandlerDeps {
  trellis: Pick<Trellis, 'handle' | 'complete'>;
  /** The command table, derived from the core's router (see command-table.ts). */
  table: CommandEntry[];
  webhooks: InteractionWebhooks;
  directory: WorkspaceDirectory;
  stash: FormStash;
  logger: Logger;
  /** DISCORD_APPLICATION_ID; interactions carry their own application_id, which wins. */
  applicationId?: string;
  render?: Pick<RenderOptions, 'rewrite'>;
  /** How long to wait for the core before deferring; Discord allows 3 s for the first answer. */
  deferAfterMs?: number;
  now?: () => number;
}

/** Sends the first answer: as the HTTP response, or to the callback endpoint for gateway interactions. */
export type Respond = (response: InitialResponse) => Promise<void>;

const SORRY = 'Something went wrong on our side, and nothing was changed. Please try again in a minute.';

/**
 * The one interaction handler both transports share (HTTP endpoint and gateway). It answers
 * within Discord's 3 seconds: directly when the core is quick, else with a deferred (ephemeral)
 * response that it later edits through the interaction webhook within the token's 15 minutes.
 * What the core owes others is written to the outbox in the command's own transaction (the
 * delivery workers send it), so nothing is handed on from here. Resolves when everything,
 * follow-ups included, is done; never throws.
 */
export function createInteractionHandler(deps: HandlerDeps) {
  const now = deps.now ?? Date.now;
  const deferAfterMs = deps.deferAfterMs ?? 2_000;
  /** Help and usage lines in the words a Discord user picks (`/mentor-admin match mentor:@…`). */
  const naming = discordNaming(deps.table);

  /** The core suggests values by the argument's declared kind; the adapter knows no argument by name. */
  async function autocomplete(i: Interaction, respond: Respond): Promise<void> {
    const asked = await toCompletion(i, deps);
    const choices = asked ? await deps.trellis.complete(asked.actor, asked.request) : [];
    await respond({ type: Callback.AutocompleteResult, data: { choices: choices.slice(0, LIMITS.autocompleteChoices) } });
  }

  function appIdOf(i: Interaction): string {
    const appId = i.application_id ?? deps.applicationId;
    if (!appId) throw new Error('no application id for follow-ups; set DISCORD_APPLICATION_ID');
    return appId;
  }

  async function sendPlan(i: Interaction, plan: ReplyPlan, deferred: boolean): Promise<void> {
    const appId = appIdOf(i);
    await deps.stash.flush();
    let rest = plan.pages;
    if (deferred) {
      // A deferred response is ephemeral; a reply meant for the channel replaces it with a public message.
      if (plan.visibility === 'channel') await deps.webhooks.deleteOriginal(appId, i.token);
      else {
        const [first, ...others] = plan.pages;
        await deps.webhooks.editOriginal(appId, i.token, { ...first, flags: undefined });
        rest = others;
      }
    }
    for (const page of rest) await deps.webhooks.followUp(appId, i.token, page);
  }

  /** Follow-ups can fail (token expired, Discord down); what the core owes others is in the outbox regardless. */
  async function finish(i: Interaction, reply: () => Promise<void>): Promise<void> {
    try {
      await reply();
    } catch (error) {
      deps.logger.error({ error: safeError(error), interaction: i.id }, 'discord: reply not delivered');
    }
  }

  async function runCore(i: Interaction, respond: Respond, received: number): Promise<void> {
    const t = await toInvocation(i, deps);
    if (t.kind === 'notice') return respond(notice(t.text));
    if (t.kind === 'show-form') return respond({ type: Callback.Modal, data: modalFor(t.form, { stash: deps.stash, guildId: t.guildId }) });
    // The interaction id names the request, so a redelivered interaction never runs twice.
    const work = deps.trellis.handle(t.actor, t.invocation, { requestId: `discord:${i.id}`, naming });
    let timer: NodeJS.Timeout | undefined;
    const budget = Math.max(0, deferAfterMs - (now() - received));
    const early = await Promise.race([work, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), budget)))]);
    clearTimeout(timer);
    const ctx = { stash: deps.stash, guildId: t.inDm ? t.guildId : undefined, render: { ...deps.render, onDroppedButtons: (labels: string[]) => deps.logger.warn({ labels }, 'discord: buttons too long for a custom_id were left out') } };
    if (early) {
      const plan = planReply(early, { ...ctx, canShowModal: i.type !== InteractionKind.ModalSubmit });
      const pressed = early.reply.pressed;
      if (updatesItsMessage(i) && pressed && !pressed.keepButtons && !plan.modal) {
        // The press is answered by updating its message; the reply itself follows, privately.
        return finish(i, async () => {
          await respond({ type: Callback.UpdateMessage, data: pressedUpdate(i, pressed) });
          await sendPlan(i, plan, false);
        });
      }
      return finish(i, async () => {
        await respond(initialFor(plan));
        await sendPlan(i, { ...plan, pages: plan.modal ? [] : plan.pages.slice(1) }, false);
      });
    }
    // A press (or a form opened from one) defers as an update of its message, edited once the
    // core answers; anything else defers as a private "thinking…" reply.
    const updating = updatesItsMessage(i);
    await respond(updating ? { type: Callback.DeferredUpdateMessage } : { type: Callback.DeferredMessage, data: { flags: EPHEMERAL } });
    const outcome = await work.catch((error: unknown): Outcome => {
      deps.logger.error({ error: safeError(error), interaction: i.id }, 'discord: the core failed after the deferral');
      return { reply: { visibility: 'private', message: { text: SORRY, blocks: [{ type: 'text', text: SORRY }] } }, outbound: [] };
    });
    return finish(i, async () => {
      if (now() - received > LIMITS.tokenMinutes * 60_000 - 5_000) throw new Error('the core answered after the interaction token expired');
      const plan = planReply(outcome, { ...ctx, canShowModal: false });
      if (!updating) return sendPlan(i, plan, true);
      const pressed = outcome.reply.pressed;
      if (pressed && !pressed.keepButtons) await deps.webhooks.editOriginal(appIdOf(i), i.token, pressedUpdate(i, pressed));
      await sendPlan(i, plan, false);
    });
  }

  return async function handle(i: Interaction, respond: Respond): Promise<void> {
    const received = now();
    let responded = false;
    const once: Respond = async (r) => {
      responded = true;
      // A modal or button may name a stashed form: it must be shared before Discord can send it back.
      await deps.stash.flush();
      await respond(r);
    };
    try {
      if (i.type === InteractionKind.Ping) return await once({ type: Callback.Pong });
      if (i.type === InteractionKind.Autocomplete) return await autocomplete(i, once);
      await runCore(i, once, received);
    } catch (error) {
      deps.logger.error({ error: safeError(error), interaction: i.id, type: i.type }, 'discord: interaction failed');
      if (!responded) await respond(notice(SORRY)).catch(() => undefined);
    }
  };
}

export type InteractionHandler = ReturnType<typeof createInteractionHandler>;
