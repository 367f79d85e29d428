import type { CompletionRequest } from '../../core/commands/complete.js';
import type { Invocation } from '../../core/commands/types.js';
import type { Form } from '../../core/messages/model.js';
import type { ActorInput } from '../../core/trellis.js';
import { findEntry, MENTOR, MENTOR_ADMIN, type CommandEntry } from './command-table.js';
import { parseCustomId, parseSelectOption } from './custom-id.js';
import type { FormStash } from './form-stash.js';
import { channelOf, displayNameOf, interactionUser, ZCommandData, ZComponentData, ZModalData, type CommandOption, type Interaction } from './interaction.js';
import { InteractionKind } from './limits.js';
import { readModalValues } from './read-modal.js';
import type { WorkspaceDirectory } from './workspace-directory.js';

/** What an interaction asks of the core, or a form to show / a notice to give without the core. */
export type Translation =
  | { kind: 'core'; actor: ActorInput; invocation: Invocation; guildId: string; inDm: boolean }
  | { kind: 'show-form'; form: Form; guildId?: string }
  | { kind: 'notice'; text: string };

interface Decoded {
  invocation?: Invocation;
  guildHint?: string;
  form?: { form: Form; guildId?: string };
}

const EXPIRED_FORM = 'That form has expired. Please run the command again.';
const NO_SERVER = "I can't tell which server this is about. Run `/mentor` in your server's channel first.";
const SEVERAL_SERVERS = 'You use Trellis in more than one server, so please run this in the server it is about.';

function decodeComponent(data: unknown, stash: FormStash): Decoded {
  const component = ZComponentData.parse(data);
  const id = parseCustomId(component.custom_id);
  switch (id.kind) {
    case 'button':
      return { invocation: { kind: 'action', action: id.action, value: id.value }, guildHint: id.guildId };
    case 'select': {
      const chosen = parseSelectOption(component.values?.[0] ?? '');
      return { invocation: { kind: 'action', action: chosen?.action ?? component.custom_id, value: chosen?.value ?? '' }, guildHint: id.guildId };
    }
    case 'open-form': {
      const stashed = stash.get(id.key);
      return stashed ? { form: stashed } : {};
    }
    default:
      // A button from an older version or another app: the core answers that it no longer does anything.
      return { invocation: { kind: 'action', action: component.custom_id, value: '' } };
  }
}

function decodeModal(data: unknown, stash: FormStash): Decoded {
  const modal = ZModalData.parse(data);
  const stashed = (key: string) => stash.get(key)?.form;
  const id = parseCustomId(modal.custom_id);
  if (id.kind === 'form') {
    return { invocation: { kind: 'form', formId: id.formId, values: readModalValues(modal.components, stashed), context: id.context }, guildHint: id.guildId };
  }
  if (id.kind === 'open-form') {
    const entry = stash.get(id.key);
    if (!entry) return { invocation: { kind: 'form', formId: `expired:${id.key}`, values: {} }, guildHint: id.guildId };
    const { form } = entry;
    return { invocation: { kind: 'form', formId: form.id, values: readModalValues(modal.components, stashed), context: form.context }, guildHint: entry.guildId };
  }
  return { invocation: { kind: 'form', formId: modal.custom_id, values: readModalValues(modal.components, stashed) } };
}

const SUB_COMMAND = 1;
const SUB_COMMAND_GROUP = 2;

/** The subcommand picked (inside its group, if any) and the options given to it. */
function picked(options: CommandOption[] = []): { group?: string; leaf?: CommandOption } {
  const group = options.find((o) => o.type === SUB_COMMAND_GROUP);
  if (group) return { group: group.name, leaf: group.options?.find((o) => o.type === SUB_COMMAND) };
  return { leaf: options.find((o) => o.type === SUB_COMMAND) };
}

/**
 * The core command a slash command names, with its options by declared name (the table keeps
 * the path). A subcommand that is not (or no longer) in the table passes through by its words,
 * so the core answers it as an unknown command.
 */
export function typedCommand(table: readonly CommandEntry[], name: string, options: CommandOption[] = []): Extract<Invocation, { kind: 'typed-command' }> {
  const { group, leaf } = picked(options);
  const entry = leaf ? findEntry(table, name, group, leaf.name) : undefined;
  const head = name === MENTOR ? [] : name === MENTOR_ADMIN ? ['admin'] : [name];
  const path = entry ? entry.path : [...head, ...(group ? [group] : []), ...(leaf ? [leaf.name] : [])];
  const values: Record<string, string | number | boolean> = {};
  for (const o of leaf ? (leaf.options ?? []) : options) if (o.value !== undefined && o.type !== SUB_COMMAND && o.type !== SUB_COMMAND_GROUP) values[o.name] = o.value;
  return { kind: 'typed-command', path, options: values };
}

/** An autocomplete interaction as a question for the core: which command, which option, what is typed so far. */
export function completionRequest(table: readonly CommandEntry[], data: unknown): CompletionRequest | undefined {
  const command = ZCommandData.parse(data);
  const { group, leaf } = picked(command.options);
  const entry = leaf ? findEntry(table, command.name, group, leaf.name) : undefined;
  const focused = leaf?.options?.find((o) => o.focused);
  if (!entry || !focused) return undefined;
  return { path: entry.path, argument: focused.name, typed: String(focused.value ?? '') };
}

function decode(i: Interaction, table: CommandEntry[], stash: FormStash): Decoded {
  switch (i.type) {
    case InteractionKind.Command: {
      const data = ZCommandData.parse(i.data);
      return { invocation: typedCommand(table, data.name, data.options) };
    }
    case InteractionKind.Component:
      return decodeComponent(i.data, stash);
    case InteractionKind.ModalSubmit:
      return decodeModal(i.data, stash);
    default:
      return {};
  }
}

/**
 * Normalizes one interaction: who acted, in which server (for DMs, the guild carried in the
 * button's custom_id, else the one server the person is known in), and the core invocation.
 */
export async function toInvocation(i: Interaction, deps: { table: CommandEntry[]; stash: FormStash; directory: WorkspaceDirectory }): Promise<Translation> {
  const user = interactionUser(i);
  if (!user) return { kind: 'notice', text: "I couldn't tell who sent this, so I did nothing." };
  await deps.stash.prefetch(i.data);
  const decoded = decode(i, deps.table, deps.stash);
  if (decoded.form) return { kind: 'show-form', form: decoded.form.form, guildId: decoded.form.guildId };
  if (!decoded.invocation) return { kind: 'notice', text: i.type === InteractionKind.Component ? EXPIRED_FORM : "I don't handle that kind of interaction." };
  const found = await actorOf(i, deps.directory, decoded.guildHint);
  if (found.kind === 'notice') return found;
  return { kind: 'core', actor: found.actor, invocation: decoded.invocation, guildId: found.guildId, inDm: !i.guild_id };
}

/** Who acted and in which server: for DMs, the guild a button carried, else the one server the person is known in. */
async function actorOf(i: Interaction, directory: WorkspaceDirectory, guildHint?: string): Promise<{ kind: 'actor'; actor: ActorInput; guildId: string } | { kind: 'notice'; text: string }> {
  const user = interactionUser(i);
  if (!user) return { kind: 'notice', text: "I couldn't tell who sent this, so I did nothing." };
  let guildId = i.guild_id ?? guildHint;
  if (!guildId) {
    const found = await directory.guildForDmUser(user.id);
    if (found === 'none') return { kind: 'notice', text: NO_SERVER };
    if (found === 'several') return { kind: 'notice', text: SEVERAL_SERVERS };
    guildId = found.guildId;
  }
  const actor: ActorInput = {
    platform: 'discord',
    workspaceExternalId: guildId,
    workspaceName: await directory.guildName(guildId),
    externalUserId: user.id,
    handle: user.username,
    displayName: displayNameOf(i),
    // Only server channels: a cohort can bind to a channel, never to someone's DM.
    ...(i.guild_id && channelOf(i) ? { channelId: channelOf(i) } : {}),
  };
  return { kind: 'actor', actor, guildId };
}

/** An autocomplete interaction: who is typing and what the core is asked to complete; nothing when it cannot tell. */
export async function toCompletion(i: Interaction, deps: { table: CommandEntry[]; directory: WorkspaceDirectory }): Promise<{ actor: ActorInput; request: CompletionRequest } | undefined> {
  const request = completionRequest(deps.table, i.data);
  if (!request) return undefined;
  const found = await actorOf(i, deps.directory);
  return found.kind === 'actor' ? { actor: found.actor, request } : undefined;
}
