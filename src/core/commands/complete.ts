import { argsOf } from './arguments/declared.js';
import type { CommandContext, CommandSpec } from './types.js';

export interface Choice {
  name: string;
  value: string;
}

export interface CompletionRequest {
  path: string[];
  argument: string;
  typed: string;
}

const MAX = 25;
let zones: string[] | undefined;
const allZones = () => (zones ??= Intl.supportedValuesOf('timeZone'));

/**
 * Suggestions for one argument while the person types it (Discord autocomplete), by the
 * argument's declared kind: programs of this workspace, templates, time zones, long choice lists.
 * Knows no command by name, so a new command's arguments complete without any adapter change.
 */
export async function complete(ctx: CommandContext, commands: readonly CommandSpec[], request: CompletionRequest): Promise<Choice[]> {
  const spec = commands.find((c) => c.path.join(' ') === request.path.join(' '));
  const arg = spec && argsOf(spec).find((a) => a.name === request.argument);
  if (!arg) return [];
  const typed = request.typed.trim().toLowerCase();
  const hit = (...texts: string[]) => texts.some((t) => t.toLowerCase().includes(typed));
  let choices: Choice[] = [];
  switch (arg.kind) {
    case 'program':
      choices = (await ctx.store.programs.listByWorkspace(ctx.workspace.id)).filter((p) => hit(p.slug, p.name)).map((p) => ({ name: `${p.name} (${p.slug})`, value: p.slug }));
      break;
    case 'template':
      choices = ctx.templates.list().filter((t) => hit(t.id, t.name)).map((t) => ({ name: `${t.name} (${t.id})`, value: t.id }));
      break;
    case 'time-zone':
      choices = allZones().filter((z) => hit(z)).map((z) => ({ name: z, value: z }));
      break;
    case 'custom':
      choices = (arg.custom?.suggest?.(typed) ?? []).map((c) => ({ name: c, value: c }));
      break;
    case 'choice':
      choices = (arg.choices ?? []).filter((c) => hit(c)).map((c) => ({ name: c, value: c }));
      break;
    default:
      return [];
  }
  return choices.slice(0, MAX).map((c) => ({ name: c.name.slice(0, 100), value: c.value.slice(0, 100) }));
}
