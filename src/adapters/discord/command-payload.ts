import { PROGRAM_FLAG } from '../../core/commands/arguments/declared.js';
import { AUTOCOMPLETED_KINDS, type ArgSpec } from '../../core/commands/arguments/kinds.js';
import { MENTOR, MENTOR_ADMIN, type CommandEntry, type TopLevel } from './command-table.js';
import { proseRewriter } from './discord-usage.js';
import { LIMITS, clip } from './limits.js';

// Option types and contexts of the application-commands API (application-commands.mdx).
export const OptionType = { Subcommand: 1, SubcommandGroup: 2, String: 3, Integer: 4, User: 6 } as const;
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
  min_value?: number;
  max_value?: number;
  max_length?: number;
  options?: CommandOptionPayload[];
}

/** Whether the core suggests values for this argument while it is typed (see core/commands/complete.ts). */
export function autocompletes(arg: ArgSpec): boolean {
  if (arg.kind === 'choice') return (arg.choices?.length ?? 0) > LIMITS.choices;
  if (arg.kind === 'custom') return Boolean(arg.custom?.suggest);
  return AUTOCOMPLETED_KINDS.has(arg.kind);
}

/**
 * One declared argument as a Discord option, by its kind alone: a person is a member picker (or,
 * for several people, text the user types mentions into), an integer a number with its bounds,
 * a short choice list fixed choices, kinds the core can suggest autocomplete, the rest text.
 */
export function optionPayload(arg: ArgSpec, required: boolean, descriptionMax: number = LIMITS.commandDescription): CommandOptionPayload {
  // Discord has no list options: several people are typed as @mentions into one text option.
  const description = arg.kind === 'person' && arg.variadic ? `${arg.description} (@mention each)` : arg.description;
  const base = { name: arg.name, description: clip(description, descriptionMax) || arg.name, required };
  if (arg.kind === 'person' && !arg.variadic) return { type: OptionType.User, ...base };
  if (arg.kind === 'integer') {
    return { type: OptionType.Integer, ...base, ...(arg.min !== undefined ? { min_value: arg.min } : {}), ...(arg.max !== undefined ? { max_value: arg.max } : {}) };
  }
  if (autocompletes(arg)) return { type: OptionType.String, ...base, autocomplete: true };
  if (arg.kind === 'choice') return { type: OptionType.String, ...base, choices: (arg.choices ?? []).map((c) => ({ name: clip(c, LIMITS.choiceName), value: c })) };
  const maxLength = arg.maxLength !== undefined ? Math.min(arg.maxLength, LIMITS.stringOptionLength) : undefined;
  return { type: OptionType.String, ...base, ...(maxLength !== undefined && maxLength >= 1 ? { max_length: maxLength } : {}) };
}

/** Whether Discord asks for this option before the command can be sent. */
export const requiredOnDiscord = (e: Pick<CommandEntry, 'bareOpensForm'>, arg: ArgSpec): boolean => !e.bareOpensForm && !arg.flag && arg.required !== false;

type Prose = (text: string) => string;

/** How much of the prose fits: summary and option lengths, and whether `--program` says only its name. */
interface Budget {
  summaryMax: number;
  optionMax: number;
  shortProgram: boolean;
}

/**
 * The implicit `--program` option repeats on every role-checked subcommand with the same words;
 * when the budget is tight it is the first to lose them, before any command's own description.
 */
const SHORT_PROGRAM_DESCRIPTION = 'which program';
const isProgramFlag = (a: ArgSpec) => a.name === PROGRAM_FLAG.name && a.kind === PROGRAM_FLAG.kind && a.flag === true;

function subcommand(e: CommandEntry, fix: Prose, budget: Budget): CommandOptionPayload {
  const describe = (a: ArgSpec) => (budget.shortProgram && isProgramFlag(a) ? SHORT_PROGRAM_DESCRIPTION : fix(a.description));
  return {
    type: OptionType.Subcommand,
    name: e.name,
    description: clip(fix(e.summary), budget.summaryMax) || e.name,
    options: e.args.map((a) => optionPayload({ ...a, description: describe(a) }, requiredOnDiscord(e, a), budget.optionMax)),
  };
}

/** Discord's 8000-character budget per command counts names, descriptions and choice values. */
export function commandSize(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + commandSize(v), 0);
  if (value && typeof value === 'object') {
    return Object.entries(value).reduce((n, [k, v]) => n + (['name', 'description', 'value'].includes(k) && typeof v === 'string' ? v.length : commandSize(v)), 0);
  }
  return 0;
}

function groupDescription(group: string, entries: CommandEntry[]): string {
  return clip(`${group}: ${entries.filter((e) => e.group === group).map((e) => e.name).join(', ')}`, LIMITS.commandDescription);
}

function build(top: TopLevel, entries: CommandEntry[], fix: Prose, budget: Budget): ApplicationCommand {
  const options: CommandOptionPayload[] = [];
  for (const e of entries) {
    if (!e.group) {
      options.push(subcommand(e, fix, budget));
      continue;
    }
    let group = options.find((o) => o.type === OptionType.SubcommandGroup && o.name === e.group);
    if (!group) options.push((group = { type: OptionType.SubcommandGroup, name: e.group, description: groupDescription(e.group, entries), options: [] }));
    group.options!.push(subcommand(e, fix, budget));
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
 * The commands to register (`PUT /applications/{id}/commands`), derived from the command table.
 * Descriptions shrink when a command would pass the 8000-character budget: the repeated
 * `--program` option's first, then every description.
 */
export function commandPayloads(table: CommandEntry[]): ApplicationCommand[] {
  const tops = [MENTOR, MENTOR_ADMIN].filter((t) => table.some((e) => e.top === t)) as TopLevel[];
  // Summaries that name other commands (`as /mentor journal shows it`) use Discord's spelling too.
  const fix = proseRewriter(table);
  return tops.map((top) => {
    const entries = table.filter((e) => e.top === top);
    const full = LIMITS.commandDescription;
    const budgets: Budget[] = [
      { summaryMax: full, optionMax: full, shortProgram: false },
      { summaryMax: full, optionMax: full, shortProgram: true },
      { summaryMax: 60, optionMax: 40, shortProgram: true },
      { summaryMax: 30, optionMax: 12, shortProgram: true },
    ];
    for (const budget of budgets) {
      const command = build(top, entries, fix, budget);
      if (commandSize(command) <= LIMITS.commandTotalChars) return command;
    }
    throw new Error(`/${top} is over Discord's ${LIMITS.commandTotalChars}-character budget even with short descriptions`);
  });
}
