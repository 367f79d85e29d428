import { isUserError } from './errors.js';
import { message, privateReply, type Outcome } from './messages/model.js';
import type { Clock } from './ports/clock.js';
import type { Logger } from './ports/logger.js';
import type { IdentityInput, Store } from './ports/repositories.js';
import type { TemplateCatalog } from './programs/catalog.js';
import { createRouter, type Router } from './commands/router.js';
import type { ActionSpec, CommandSpec, FormSpec, Invocation } from './commands/types.js';

export interface CoreDeps {
  store: Store;
  clock: Clock;
  templates: TemplateCatalog;
  logger: Logger;
}

export interface CoreModules {
  commands: CommandSpec[];
  actions?: ActionSpec[];
  forms?: FormSpec[];
}

export interface ActorInput extends IdentityInput {
  channelId?: string;
}

export interface Trellis {
  router: Router;
  /** Runs one command, button or form for one person, in one transaction. Never throws. */
  handle(actor: ActorInput, invocation: Invocation): Promise<Outcome>;
}

const GENERIC_FAILURE = 'Something went wrong on our side, and nothing was changed. Please try again in a minute.';

export function createTrellis(deps: CoreDeps, modules: CoreModules): Trellis {
  const router = createRouter(modules.commands, modules.actions, modules.forms);
  return {
    router,
    async handle(actor, invocation) {
      const now = deps.clock.now();
      try {
        return await deps.store.transaction(async (store) => {
          const { person, identity, workspace } = await store.people.resolve(actor);
          const ctx = { store, now, actor: person, identity, workspace, channelId: actor.channelId, templates: deps.templates };
          return router.dispatch(ctx, invocation);
        });
      } catch (error) {
        if (isUserError(error)) {
          const usage = error.usage ? `\nUsage: \`${error.usage}\`` : '';
          return privateReply(message(`${error.message}${usage}`));
        }
        deps.logger.error({ err: error, invocation: invocation.kind }, 'command failed');
        return privateReply(message(GENERIC_FAILURE));
      }
    },
  };
}
