import { UserError } from '../errors.js';
import type { Outcome } from '../messages/model.js';
import type { ActionSpec, CommandContext, CommandSpec, FormSpec, Invocation } from './types.js';
import { tokenize } from './tokenize.js';
import { helpOutcome, unknownCommandOutcome } from './help.js';

export interface Router {
  commands: readonly CommandSpec[];
  dispatch(ctx: CommandContext, invocation: Invocation): Promise<Outcome>;
}

/** Finds the longest registered path that prefixes the words (so `admin match` wins over `admin`). */
function findCommand(commands: readonly CommandSpec[], words: string[]): CommandSpec | undefined {
  let best: CommandSpec | undefined;
  for (const spec of commands) {
    const matches = spec.path.every((part, i) => words[i]?.toLowerCase() === part);
    if (matches && (!best || spec.path.length > best.path.length)) best = spec;
  }
  return best;
}

export function createRouter(commands: CommandSpec[], actions: ActionSpec[] = [], forms: FormSpec[] = []): Router {
  const byAction = new Map(actions.map((a) => [a.action, a]));
  const byForm = new Map(forms.map((f) => [f.formId, f]));
  return {
    commands,
    async dispatch(ctx, invocation) {
      if (invocation.kind === 'action') {
        const spec = byAction.get(invocation.action);
        if (!spec) throw new UserError('That button no longer does anything. Run `/mentor help` to see what you can do.', { code: 'BAD_INPUT' });
        return spec.run(ctx, invocation.value);
      }
      if (invocation.kind === 'form') {
        const spec = byForm.get(invocation.formId);
        if (!spec) throw new UserError('That form has expired. Please run the command again.', { code: 'BAD_INPUT' });
        return spec.run(ctx, invocation.values, invocation.context);
      }
      const words = tokenize(invocation.text.trim().replace(/^\/mentor\b/i, ''));
      if (words.length === 0 || words[0]?.toLowerCase() === 'help') return helpOutcome(commands, words.slice(1));
      const spec = findCommand(commands, words);
      if (!spec) return unknownCommandOutcome(commands, words);
      return spec.run(ctx, words.slice(spec.path.length));
    },
  };
}
