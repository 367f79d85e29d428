import { isUserError } from './errors.js';
import type { Platform } from './domain.js';
import { message, privateReply, type Form, type Outcome } from './messages/model.js';
import type { Clock } from './ports/clock.js';
import type { Logger } from './ports/logger.js';
import type { PublicLinks } from './ports/links.js';
import type { IdentityInput, Store } from './ports/repositories.js';
import type { TemplateCatalog } from './programs/catalog.js';
import { createRouter, type Router } from './commands/router.js';
import type { ActionSpec, CommandContext, CommandNaming, CommandSpec, FormSpec, Invocation } from './commands/types.js';
import { fieldErrorsOutcome } from './commands/form-checks.js';
import { complete, type Choice, type CompletionRequest } from './commands/complete.js';
import { withPreviews } from './privacy/preview.js';

export interface CoreDeps {
  store: Store;
  clock: Clock;
  templates: TemplateCatalog;
  logger: Logger;
  /**
   * Called after a command's transaction committed with the outbox rows it wrote, so delivery
   * can start at once. Only a hint: rows are safe in Postgres, and the dispatcher finds any a
   * crash left behind.
   */
  onOutboxWritten?: (keys: string[]) => void;
  /** Calendar and dashboard addresses; without it, commands that hand one out say they cannot. */
  links?: PublicLinks;
}

export interface CoreModules {
  commands: CommandSpec[];
  actions?: ActionSpec[];
  forms?: FormSpec[];
}

export interface ActorInput extends IdentityInput {
  channelId?: string;
}

export interface HandleOptions {
  /**
   * The platform's id for this request (Slack trigger_id or retry key, Discord interaction id).
   * A request already run is not run again, and the messages it owes others are written once.
   */
  requestId?: string;
  /** How commands are written on this surface (Discord's slash options differ from typed text). */
  naming?: CommandNaming;
}

export interface Trellis {
  router: Router;
  /**
   * Runs one command, button or form for one person, in one transaction that also writes the
   * messages owed to others (the outbox). Never throws.
   */
  handle(actor: ActorInput, invocation: Invocation, options?: HandleOptions): Promise<Outcome>;
  /**
   * A form's own checks on what was typed, without the database (Slack runs them before its
   * 3-second acknowledgement): a message per input id, empty when all is well. Never throws.
   */
  validateForm(actor: Pick<ActorInput, 'timeZone'>, formId: string, values: Record<string, string>): Record<string, string>;
  /** The platform reports a new time zone for someone (Slack's user_change); followed unless they chose their own. Never throws. */
  followPlatformZone(input: { platform: Platform; workspaceExternalId: string; externalUserId: string; timeZone: string }): Promise<boolean>;
  /** Suggestions for an argument being typed (autocomplete); read-only, never throws. */
  complete(actor: ActorInput, request: CompletionRequest): Promise<Choice[]>;
}

const GENERIC_FAILURE = 'Something went wrong on our side, and nothing was changed. Please try again in a minute.';
const ALREADY_DONE = 'That was already done — nothing was repeated.';

export function createTrellis(deps: CoreDeps, modules: CoreModules): Trellis {
  const router = createRouter(modules.commands, modules.actions, modules.forms);

  function validateForm(actor: Pick<ActorInput, 'timeZone'>, formId: string, values: Record<string, string>): Record<string, string> {
    try {
      return router.form(formId)?.validate?.(values, { now: deps.clock.now(), timeZone: actor.timeZone ?? 'UTC' }) ?? {};
    } catch (error) {
      deps.logger.error({ err: error, formId }, 'form checks failed');
      return {};
    }
  }

  /** Forms are checked before they run; a pressed button's message (or the form's) is marked as answered. */
  async function dispatchChecked(ctx: CommandContext, invocation: Invocation): Promise<Outcome> {
    if (invocation.kind === 'form') {
      const errors = validateForm(ctx.actor, invocation.formId, invocation.values);
      if (Object.keys(errors).length) return fieldErrorsOutcome(errors, await router.form(invocation.formId)?.refill?.(ctx, invocation.values, invocation.context));
    }
    const result = await router.dispatch(ctx, invocation);
    if (invocation.kind === 'action' && !result.reply.form && !result.reply.pressed) return { ...result, reply: { ...result.reply, pressed: {} } };
    // A form that ran answers the button that opened it too: that message stops offering it.
    if (invocation.kind === 'form' && !result.reply.fieldErrors && !result.reply.form && !result.reply.pressed) return { ...result, reply: { ...result.reply, pressed: {} } };
    return result;
  }

  /**
   * The refused form again, holding what was typed. Read in a transaction of its own: the one
   * that refused rolled back, so nothing of the refused answer was kept.
   */
  async function refillAfter(actor: ActorInput, invocation: Extract<Invocation, { kind: 'form' }>, options: HandleOptions): Promise<Form | undefined> {
    const refill = router.form(invocation.formId)?.refill;
    if (!refill) return undefined;
    try {
      return await deps.store.transaction(async (store) => {
        const { person, identity, workspace } = await store.people.resolve(actor);
        const ctx = { store, now: deps.clock.now(), actor: person, identity, workspace, channelId: actor.channelId, templates: deps.templates, naming: options.naming, links: deps.links };
        return refill(ctx, invocation.values, invocation.context);
      });
    } catch (error) {
      deps.logger.error({ err: error, formId: invocation.formId }, 'a refused form could not be refilled');
      return undefined;
    }
  }

  return {
    router,
    validateForm,
    async handle(actor, invocation, options = {}) {
      const now = deps.clock.now();
      try {
        const { outcome, keys } = await deps.store.transaction(async (store) => {
          if (options.requestId && !(await store.requests.firstTime(options.requestId, now))) {
            return { outcome: { ...privateReply(message(ALREADY_DONE)), repeated: true as const }, keys: [] as string[] };
          }
          const { person, identity, workspace } = await store.people.resolve(actor);
          const ctx = { store, now, actor: person, identity, workspace, channelId: actor.channelId, templates: deps.templates, naming: options.naming, links: deps.links };
          const result = await dispatchChecked(ctx, invocation);
          const outbound = await withPreviews(store, workspace.id, result.outbound);
          const written = outbound.length ? await store.outbox.write(outbound, { at: now, origin: options.requestId }) : [];
          return { outcome: result, keys: written };
        });
        if (keys.length) deps.onOutboxWritten?.(keys);
        return outcome;
      } catch (error) {
        if (isUserError(error)) {
          // A form's answer refused while saving (a date before the program began): shown on its field.
          if (invocation.kind === 'form' && error.argument) return fieldErrorsOutcome({ [error.argument]: error.message }, await refillAfter(actor, invocation, options));
          const usage = error.usage ? `\nUsage: \`${error.usage}\`` : '';
          return privateReply(message(`${error.message}${usage}`));
        }
        deps.logger.error({ err: error, invocation: invocation.kind }, 'command failed');
        return privateReply(message(GENERIC_FAILURE));
      }
    },
    async followPlatformZone(input) {
      try {
        return await deps.store.people.followPlatformZone(input);
      } catch (error) {
        deps.logger.error({ err: error }, 'could not follow a platform time zone');
        return false;
      }
    },
    async complete(actor, request) {
      try {
        return await deps.store.transaction(async (store) => {
          const { person, identity, workspace } = await store.people.resolve(actor);
          return complete({ store, now: deps.clock.now(), actor: person, identity, workspace, templates: deps.templates }, router.commands, request);
        });
      } catch (error) {
        deps.logger.error({ err: error }, 'autocomplete failed');
        return [];
      }
    },
  };
}
