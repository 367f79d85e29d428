/**
 * The platform-neutral message model. The core speaks only this; adapters render it as Block Kit,
 * Discord embeds/components, or plain text. Keep it small: adding a command must never need new
 * rendering code in an adapter.
 */
export type Block =
  | { type: 'heading'; text: string }
  | { type: 'text'; text: string }
  | { type: 'fields'; fields: Field[] }
  | { type: 'progress'; label: string; value: number; target: number; unit: string }
  | { type: 'list'; items: string[] }
  | { type: 'actions'; buttons: Button[] }
  | { type: 'divider' }
  /**
   * A moment in time shown in each reader's own zone: Slack `<!date^…>`, Discord `<t:…:F>`. Where
   * the reader's zone is unknown (plain text, notifications) it reads as `fallback`: the time in
   * `fallbackZone`, named.
   */
  | { type: 'time'; at: string; before?: string; after?: string; fallbackZone: string };

export interface Field {
  label: string;
  value: string;
}

/** `action` names a registered core action; `value` is its argument (ids only, never private text). */
export interface Button {
  action: string;
  value: string;
  label: string;
  style?: 'primary' | 'danger';
}

export type FormInput =
  | { kind: 'text' | 'multiline'; id: string; label: string; optional?: boolean; placeholder?: string; initial?: string; maxLength?: number }
  | { kind: 'choice'; id: string; label: string; optional?: boolean; choices: { value: string; label: string }[]; initial?: string }
  /**
   * Any number of the choices (Slack checkboxes, a Discord multi-select, text in the console). The
   * submitted value, like `initial`, is the chosen values joined by commas (values hold no comma).
   */
  | { kind: 'multi-choice'; id: string; label: string; optional?: boolean; choices: { value: string; label: string }[]; initial?: string }
  | { kind: 'date'; id: string; label: string; optional?: boolean; initial?: string };

/** A form (Slack modal, Discord modal, console prompt). `context` rides along as an opaque id. */
export interface Form {
  id: string;
  title: string;
  submitLabel: string;
  inputs: FormInput[];
  context?: string;
}

export interface Message {
  /** Plain-text summary: notifications, screen readers, and the console. */
  text: string;
  blocks: Block[];
  /**
   * What a lock screen or push notification may show instead of `text`: the program's neutral
   * wording (Slack's `text`, Discord's content), so nobody nearby learns what the message is about.
   */
  preview?: string;
}

export type Audience =
  | { kind: 'person'; personId: string }
  | { kind: 'channel'; workspaceId: string; channelId: string };

export interface Outbound {
  to: Audience;
  message: Message;
}

/** What a command, action or form submission returns to the person who ran it. */
export interface Reply {
  /** `private`: only the actor sees it (ephemeral). `channel`: posted where the command ran. */
  visibility: 'private' | 'channel';
  message?: Message;
  form?: Form;
  /**
   * For a button press: what becomes of the message that carried the button. Adapters replace its
   * buttons with `note` (or "✓ <the pressed label>"), unless `keepButtons` (a channel post others
   * still answer). Set by the core for every action that ran; absent when it was refused.
   */
  pressed?: { note?: string; keepButtons?: boolean };
  /** For a form that did not pass its checks: a message per input id; adapters show them on the form. */
  fieldErrors?: Record<string, string>;
}

export interface Outcome {
  reply: Reply;
  /** Messages to other people or channels: written to the outbox in the command's own transaction (see trellis.ts). */
  outbound: Outbound[];
  /** The platform sent this request before and it already ran: nothing was done, nothing new to say. */
  repeated?: true;
}

export const message = (text: string, blocks: Block[] = [{ type: 'text', text }]): Message => ({ text, blocks });
export const privateReply = (msg: Message, outbound: Outbound[] = []): Outcome => ({ reply: { visibility: 'private', message: msg }, outbound });
export const formReply = (form: Form): Outcome => ({ reply: { visibility: 'private', form }, outbound: [] });
