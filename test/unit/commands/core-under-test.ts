import type { Invocation } from '../../../src/core/commands/types.js';
import { renderPlain } from '../../../src/core/messages/plain-text.js';
import type { Outcome } from '../../../src/core/messages/model.js';
import { createTemplateCatalog } from '../../../src/core/programs/catalog.js';
import { loadBuiltinTemplates } from '../../../src/core/programs/load-templates.js';
import { createTrellis, type ActorInput, type CoreModules } from '../../../src/core/trellis.js';
import { FixedClock } from '../../support/fakes/fixed-clock.js';
import { createInMemoryStore } from '../../support/fakes/in-memory-store.js';
import { RecordingLogger } from '../../support/fakes/recording-logger.js';

export const templates = createTemplateCatalog(loadBuiltinTemplates());

export const actor = (handle: string, workspaceExternalId = 'T-unit'): ActorInput => ({
  platform: 'slack', workspaceExternalId, workspaceName: 'Unit', externalUserId: `U${handle.toUpperCase()}`, handle, displayName: handle[0]!.toUpperCase() + handle.slice(1), timeZone: 'Europe/London', channelId: 'C-general',
});

/** The real Trellis core over in-memory fakes of its ports. */
export function coreUnderTest(modules: CoreModules) {
  const clock = new FixedClock('2026-03-02T09:00:00Z');
  const store = createInMemoryStore(() => clock.now());
  const logger = new RecordingLogger();
  const trellis = createTrellis({ store, clock, templates, logger }, modules);
  const handle = (who: string, invocation: Invocation): Promise<Outcome> => trellis.handle(actor(who), invocation);
  return { clock, store, logger, trellis, handle, command: (who: string, text: string) => handle(who, { kind: 'command', text }) };
}

/** What the person sees: the reply's plain text (blocks rendered as the console would). */
export const seen = (outcome: Outcome): string => (outcome.reply.message ? renderPlain(outcome.reply.message.blocks) : '');
