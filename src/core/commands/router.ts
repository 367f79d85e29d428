import type { Person } from '../domain.js';
import { isUserError, UserError } from '../errors.js';
import type { Outcome } from '../messages/model.js';
import { resolveScope } from '../programs/resolve.js';
import { Args } from './arguments/args.js';
import { argsOf, checkDeclaration } from './arguments/declared.js';
import type { ArgSpec } from './arguments/kinds.js';
import { readOptions, readText, type RawValues } from './arguments/read.js';
import { helpCommand, unknownCommandOutcome } from './help.js';
import { textNaming } from './naming.js';
import { tokenize } from './tokenize.js';
import type { ActionSpec, CommandContext, CommandSpec, FormSpec, Invocation } from './types.js';

export interface Router {
  commands: readonly CommandSpec[];
  dispatch(ctx: CommandContext, invocation: Invocation): Promise<Outcome>;
  /** A form's declaration, for its checks (see FormSpec.validate). */
  form(formId: string): FormSpec | undefined;
}

/** The longest registered path that prefixes the words (so `admin match` wins over `admin`). */
function findCommand(commands: readonly CommandSpec[], words: string[]): CommandSpec | undefined {
  let best: CommandSpec | undefined;
  for (const spec of commands) {
    const matches = spec.path.every((part, i) => words[i]?.toLowerCase() === part);
    if (matches && (!best || spec.path.length > best.path.length)) best = spec;
  }
  return best;
}

/** Each person argument found in the workspace, or a private message naming the argument. */
async function resolvePeople(ctx: CommandContext, specs: readonly ArgSpec[], values: RawValues): Promise<Map<string, Person[]>> {
  const people = new Map<string, Person[]>();
  for (const spec of specs.filter((s) => s.kind === 'person')) {
    const given = values.get(spec.name);
    if (given === undefined) continue;
    const found: Person[] = [];
    for (const mention of Array.isArray(given) ? given : [String(given)]) {
      const person = await ctx.store.people.findByMention(ctx.workspace.id, mention);
      if (!person) {
        const shown = mention.startsWith('<@') ? 'that person' : mention;
        throw new UserError(`${spec.name.replace(/-/g, ' ')}: I don't know ${shown} here yet. They need to use \`/mentor\` once (e.g. \`/mentor help\`) first.`, { code: 'UNKNOWN_PERSON', argument: spec.name });
      }
      if (!found.some((p) => p.id === person.id)) found.push(person);
    }
    people.set(spec.name, found);
  }
  return people;
}

/**
 * Reads the arguments against the declaration, checks the role (before any person is looked up,
 * so a refusal reveals nothing), resolves people, and runs the handler with its scope.
 */
async function runCommand(ctx: CommandContext, spec: CommandSpec, read: (specs: readonly ArgSpec[]) => RawValues, bare: boolean): Promise<Outcome> {
  const naming = ctx.naming ?? textNaming;
  const scoped: CommandContext = { ...ctx, usage: naming.usage(spec) };
  const specs = argsOf(spec);
  try {
    // The role is checked even when the line is malformed, so a refusal never depends on (or
    // reveals more than) the shape of the command; a malformed line from someone allowed gets
    // the argument error.
    let values: RawValues = new Map();
    let malformed: unknown;
    try {
      if (!(bare && spec.bareOpensForm)) values = read(specs);
    } catch (error) {
      if (!isUserError(error)) throw error;
      malformed = error;
    }
    const program = values.get('program');
    try {
      scoped.scope = await resolveScope(scoped, spec.requires, typeof program === 'string' ? program : undefined);
    } catch (refusal) {
      throw malformed && isUserError(refusal) && refusal.code === 'AMBIGUOUS_PROGRAM' ? malformed : refusal;
    }
    if (malformed) throw malformed;
    const args = new Args(specs, values, await resolvePeople(scoped, specs, values));
    return await spec.run(scoped, args);
  } catch (error) {
    if (isUserError(error) && !error.usage && (error.argument || error.code === 'UNEXPECTED_ARGUMENT')) {
      throw new UserError(error.message, { code: error.code, argument: error.argument, usage: scoped.usage, cause: error.cause });
    }
    throw error;
  }
}

/** What core buttons carry: ids (uuids), optionally with `:`-separated words (`<meeting>:yes`, `<enrollment>:w12`). */
export const BUTTON_VALUE = /^[A-Za-z0-9_-]{1,64}(?::[A-Za-z0-9_.-]{1,64}){0,3}$/;

export function createRouter(declared: CommandSpec[], actions: ActionSpec[] = [], forms: FormSpec[] = []): Router {
  const commands: CommandSpec[] = declared.some((c) => c.path.join(' ') === 'help') ? declared : [helpCommand(() => commands), ...declared];
  for (const spec of commands) checkDeclaration(spec);
  const byAction = new Map(actions.map((a) => [a.action, a]));
  const byForm = new Map(forms.map((f) => [f.formId, f]));
  return {
    commands,
    form: (formId) => byForm.get(formId),
    async dispatch(ctx, invocation) {
      const naming = ctx.naming ?? textNaming;
      switch (invocation.kind) {
        case 'action': {
          const spec = byAction.get(invocation.action);
          if (!spec) throw new UserError(`That button no longer does anything. Run \`${naming.command(['help'])}\` to see what you can do.`, { code: 'ACTION_EXPIRED' });
          // A button's value comes back from the platform, so anyone can forge it: only id-shaped
          // values reach a handler (a NUL byte or a page of text never reaches Postgres).
          if (!BUTTON_VALUE.test(invocation.value)) throw new UserError('That button is not valid any more.', { code: 'ACTION_EXPIRED' });
          return spec.run(ctx, invocation.value);
        }
        case 'form': {
          const spec = byForm.get(invocation.formId);
          if (!spec) throw new UserError('That form has expired. Please run the command again.', { code: 'FORM_EXPIRED' });
          return spec.run(ctx, invocation.values, invocation.context);
        }
        case 'typed-command': {
          const path = invocation.path.map((w) => w.toLowerCase());
          const spec = commands.find((c) => c.path.join(' ') === path.join(' '));
          if (!spec) return unknownCommandOutcome(commands, path, naming);
          const bare = Object.values(invocation.options).every((v) => String(v).trim() === '');
          return runCommand(ctx, spec, (specs) => readOptions(specs, invocation.options), bare);
        }
        case 'command': {
          const words = tokenize(invocation.text.trim().replace(/^\/mentor\b/i, ''));
          const spec = findCommand(commands, words.length ? words : ['help']);
          if (!spec) return unknownCommandOutcome(commands, words, naming);
          const rest = words.slice(spec.path.length);
          return runCommand(ctx, spec, (specs) => readText(specs, rest), rest.length === 0);
        }
      }
    },
  };
}
