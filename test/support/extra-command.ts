import type { CustomKind } from '../../src/core/commands/arguments/kinds.js';
import type { CommandSpec } from '../../src/core/commands/types.js';
import { message, privateReply } from '../../src/core/messages/model.js';
import { coreModules } from '../../src/core/modules.js';
import type { CoreModules } from '../../src/core/trellis.js';

/**
 * A command no adapter has heard of, with an argument kind of its own: it exists only in this
 * test module. Adapters must offer it, read it and answer it from its declaration alone.
 */
export const FEELINGS = ['calm', 'hopeful', 'proud', 'stretched', 'tired'] as const;

export const FEELING: CustomKind = {
  label: 'feeling',
  check: (word) => {
    const feeling = FEELINGS.find((f) => f === word.toLowerCase());
    return feeling ? { ok: true, value: feeling } : { ok: false, problem: `"${word}" is not a feeling I know. Try one of: ${FEELINGS.join(', ')}.` };
  },
  looksLike: (word) => FEELINGS.some((f) => f === word.toLowerCase()),
  suggest: (typed) => FEELINGS.filter((f) => f.startsWith(typed.toLowerCase())),
};

/** `/mentor mood <feeling> [note…]` */
export const moodCommand: CommandSpec = {
  path: ['mood'],
  summary: 'say how you feel today',
  args: [
    { name: 'feeling', kind: 'custom', custom: FEELING, description: 'how you feel: calm, hopeful, proud, stretched or tired' },
    { name: 'note', kind: 'text', description: 'anything to add', required: false, variadic: true, maxLength: 200 },
  ],
  requires: 'anyone',
  async run(ctx, args) {
    const note = args.string('note');
    return privateReply(message(`Noted: ${ctx.actor.displayName} feels ${args.requiredString('feeling')} today${note ? ` (${note})` : ''}.`));
  },
};

/** The core's modules plus the test-only command. */
export function modulesWithMood(): CoreModules {
  const core = coreModules();
  return { ...core, commands: [...core.commands, moodCommand] };
}
