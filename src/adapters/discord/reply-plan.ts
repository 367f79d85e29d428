import type { Form, Outcome } from '../../core/messages/model.js';
import { formId, openFormId } from './custom-id.js';
import type { FormStash } from './form-stash.js';
import { Callback, EPHEMERAL, LIMITS } from './limits.js';
import type { ActionRow } from './render-components.js';
import { renderModal, type Modal } from './render-form.js';
import { renderMessage, type DiscordMessage, type RenderOptions } from './render-message.js';

export type MessageData = DiscordMessage & { flags?: number };

export type InitialResponse =
  | { type: typeof Callback.Pong }
  | { type: typeof Callback.Message; data: MessageData }
  | { type: typeof Callback.DeferredMessage; data: { flags: number } }
  | { type: typeof Callback.DeferredUpdateMessage }
  | { type: typeof Callback.UpdateMessage; data: MessageData }
  | { type: typeof Callback.AutocompleteResult; data: { choices: { name: string; value: string }[] } }
  | { type: typeof Callback.Modal; data: Modal };

/** The reply as Discord messages: the first answers the interaction, the rest follow up. */
export interface ReplyPlan {
  modal?: Modal;
  pages: MessageData[];
  visibility: 'private' | 'channel';
}

export interface PlanContext {
  stash: FormStash;
  /** Set for DM interactions: custom_ids then carry the server. */
  guildId?: string;
  /** False after a deferred response or in answer to a modal submit: Discord shows modals only as a first answer. */
  canShowModal: boolean;
  render?: RenderOptions;
}

export const notice = (content: string): InitialResponse => ({ type: Callback.Message, data: { content, flags: EPHEMERAL, allowed_mentions: { parse: [] } } });

/**
 * A form as a modal. Its id and context ride in the modal's custom_id; a form whose id and
 * context are too long for that is stashed, and so is one with more than five inputs (its
 * combined answers are read back by label).
 */
export function modalFor(form: Form, ctx: Pick<PlanContext, 'stash' | 'guildId'>): Modal {
  const stashKey = () => ctx.stash.put({ form, guildId: ctx.guildId });
  const direct = formId(ctx.guildId, form.id, form.context);
  return renderModal(form, direct ?? openFormId(ctx.guildId, stashKey()), stashKey);
}

function openFormRow(form: Form, ctx: PlanContext): ActionRow {
  const key = ctx.stash.put({ form, guildId: ctx.guildId });
  return { type: 1, components: [{ type: 2, style: 1, label: `Open: ${form.title}`.slice(0, LIMITS.buttonLabel), custom_id: openFormId(ctx.guildId, key) }] };
}

export function planReply(outcome: Outcome, ctx: PlanContext): ReplyPlan {
  const { message, form, visibility } = outcome.reply;
  if (form && !message && ctx.canShowModal) return { modal: modalFor(form, ctx), pages: [], visibility: 'private' };
  const flags = visibility === 'private' ? EPHEMERAL : 0;
  const pages: MessageData[] = message ? renderMessage(message, { ...ctx.render, guildId: ctx.guildId }).map((p) => ({ ...p, flags })) : [];
  if (form) {
    // The form opens from a button: one click, and the modal is the first answer to that click.
    const last = pages[pages.length - 1];
    if (last && (last.components?.length ?? 0) < LIMITS.actionRows) last.components = [...(last.components ?? []), openFormRow(form, ctx)];
    else pages.push({ content: 'Continue with the form:', components: [openFormRow(form, ctx)], flags: EPHEMERAL, allowed_mentions: { parse: [] } });
  }
  if (pages.length === 0) pages.push({ content: 'Done.', flags: EPHEMERAL, allowed_mentions: { parse: [] } });
  return { pages, visibility: form && !message ? 'private' : visibility };
}

export function initialFor(plan: ReplyPlan): InitialResponse {
  if (plan.modal) return { type: Callback.Modal, data: plan.modal };
  return { type: Callback.Message, data: plan.pages[0]! };
}
