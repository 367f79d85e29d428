import { LIMITS, clip } from './limits.js';
import { MENTOR, MENTOR_ADMIN, type CommandEntry, type TopLevel } from './command-table.js';
import type { OptionSpec } from './usage-options.js';

// Option types and contexts of the application-commands API (application-commands.mdx).
const SUB_COMMAND = 1;
const SUB_COMMAND_GROUP = 2;
const STRING = 3;
const USER = 6;
const CONTEXT_GUILD = 0;
const CONTEXT_BOT_DM = 1;
/** MANAGE_GUILD (1 << 5): who may see /mentor-admin by default; server admins can change it. */
const MANAGE_GUILD = String(1 << 5);

export interface ApplicationCommand {
  name: string;
  description: string;
  type: 1;
  contexts: number[];
  default_member_permissions?: string;
  options: CommandOptionPayload[];
}

export interface CommandOptionPayload {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  autocomplete?: boolean;
  choices?: { name: string; value: string }[];
  options?: CommandOptionPayload[];
}

const ARGS: CommandOptionPayload = { type: STRING, name: 'args', description: 'Or the rest as you would type it', required: false };

function optionPayload(o: OptionSpec, descriptionMax: number): CommandOptionPayload {
  return {
    type: o.kind === 'user' ? USER : STRING,
    name: o.name,
    description: clip(o.description, descriptionMax),
    required: o.required,
    ...(o.autocomplete ? { autocomplete: true } : {}),
    ...(o.choices ? { choices: o.choices.map((c) => ({ name: clip(c, LIMITS.choiceName), value: c })) } : {}),
  };
}

function subcommand(e: CommandEntry, summaryMax: number, optionMax: number): CommandOptionPayload {
  return { type: SUB_COMMAND, name: e.name, description: clip(e.summary, summaryMax) || e.name, options: [...e.options.map((o) => optionPayload(o, optionMax)), ARGS] };
}

/** Discord's 8000-character budget per command counts names, descriptions and choice values. */
export function commandSize(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + commandSize(v), 0);
  if (value && typeof value === 'object') {
    return Object.entries(value).reduce((n, [k, v]) => n + (['name', 'description', 'value'].includes(k) && typeof v === 'string' ? v.length : commandSize(v)), 0);
  }
  return 0;
}

function build(top: TopLevel, entries: CommandEntry[], summaryMax: number, optionMax: number): ApplicationCommand {
  const options: CommandOptionPayload[] = [];
  for (const e of entries) {
    if (!e.group) {
      options.push(subcommand(e, summaryMax, optionMax));
      continue;
    }
    let group = options.find((o) => o.type === SUB_COMMAND_GROUP && o.name === e.group);
    if (!group) options.push((group = { type: SUB_COMMAND_GROUP, name: e.group, description: `${e.group} commands`, options: [] }));
    group.options!.push(subcommand(e, summaryMax, optionMax));
  }
  const admin = top === MENTOR_ADMIN;
  return {
    name: top,
    description: admin ? 'Trellis for program coordinators' : 'Trellis, your mentorship companion',
    type: 1,
    contexts: admin ? [CONTEXT_GUILD] : [CONTEXT_GUILD, CONTEXT_BOT_DM],
    ...(admin ? { default_member_permissions: MANAGE_GUILD } : {}),
    options,
  };
}

/**
 * The commands to register (`PUT /applications/{id}/commands`), derived from the core's command
 * list. Descriptions shrink when a command would pass the 8000-character budget.
 */
export function commandPayloads(table: CommandEntry[]): ApplicationCommand[] {
  const tops = [MENTOR, MENTOR_ADMIN].filter((t) => table.some((e) => e.top === t)) as TopLevel[];
  return tops.map((top) => {
    const entries = table.filter((e) => e.top === top);
    for (const [summaryMax, optionMax] of [[LIMITS.commandDescription, LIMITS.commandDescription], [60, 30], [30, 12]] as const) {
      const command = build(top, entries, summaryMax, optionMax);
      if (commandSize(command) <= LIMITS.commandTotalChars) return command;
    }
    throw new Error(`/${top} is over Discord's ${LIMITS.commandTotalChars}-character budget even with short descriptions`);
  });
}
