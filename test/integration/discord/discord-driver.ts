import { expect } from 'vitest';
import { buttonId, formId, parseCustomId, parseSelectOption } from '../../../src/adapters/discord/custom-id.js';
import { visibleText } from '../../../src/adapters/discord/render-message.js';
import { moreKey } from '../../../src/adapters/discord/render-form.js';
import type { Form } from '../../../src/core/messages/model.js';
import type { ContractMessage, ContractReply } from '../../contract/adapter-contract.js';
import type { DiscordTestApp } from './discord-test-app.js';
import { buttonInteraction, commandInteraction, modalInteraction, selectInteraction } from './signed-requests.js';
import { slashFromText, subcommandOptions, type SlashOption } from './typed-options.js';

export interface DiscordReply extends ContractReply {
  /** The interaction response type Discord got over HTTP (4 message, 5 deferred, 9 modal). */
  responseType: number;
  pages: any[];
  modal?: any;
  /** custom_ids by button label, to press exactly what the person saw. */
  customIds: Map<string, string>;
}

const OPEN_FORM = 'discord.open-form';

/**
 * Drives the Discord app like a person in a Discord client: every call is a signed interaction
 * in Discord's shape; the reply is read back from the HTTP response and from the interaction
 * webhooks the fake API recorded (deferred edits, follow-ups).
 */
export class DiscordDriver {
  private readonly modals = new Map<string, any>();
  private taken = 0;

  constructor(readonly app: DiscordTestApp) {}

  /** `/mentor <text>` as a Discord user picks it: the subcommand (in its group), each argument in its typed option. */
  command(user: string, text: string, opts: { dm?: boolean } = {}): Promise<DiscordReply> {
    const { top, options } = slashFromText(this.app.table, this.app.commands, text);
    return this.send(user, commandInteraction(this.app.where(user, opts.dm), top, options));
  }

  /**
   * A subcommand with typed options, exactly as a Discord client sends them; `name` is the
   * subcommand, or `group subcommand` (e.g. `program create`).
   */
  typed(user: string, top: string, name: string, options: unknown[], opts: { dm?: boolean } = {}): Promise<DiscordReply> {
    const [first, second] = name.split(' ');
    const entry = second ? { group: first, name: second } : { name: first! };
    return this.send(user, commandInteraction(this.app.where(user, opts.dm), top, subcommandOptions(entry, options as SlashOption[])));
  }

  press(user: string, action: string, value: string, opts: { dm?: boolean; guildId?: string } = {}): Promise<DiscordReply> {
    const id = action === OPEN_FORM ? value : buttonId(0, opts.guildId, action, value);
    expect(id, `button ${action} ${value} fits a custom_id`).not.toBeNull();
    return this.send(user, buttonInteraction(this.app.where(user, opts.dm), id!));
  }

  pressId(user: string, customId: string, opts: { dm?: boolean } = {}): Promise<DiscordReply> {
    return this.send(user, buttonInteraction(this.app.where(user, opts.dm), customId));
  }

  select(user: string, customId: string, value: string): Promise<DiscordReply> {
    return this.send(user, selectInteraction(this.app.where(user), customId, [value]));
  }

  /** Fills in the modal this person last saw for the form (or plain text inputs if none was shown). */
  submit(user: string, form: string, values: Record<string, string>, context?: string, opts: { dm?: boolean; fromMessage?: Record<string, unknown> } = {}): Promise<DiscordReply> {
    const modal = this.modals.get(`${user}:${form}`);
    const customId = modal?.custom_id ?? formId(undefined, form, context);
    const components = modal ? fillModal(modal, values, this.app.forms.get(form)) : Object.entries(values).map(([id, value]) => ({ type: 18, component: { type: 4, custom_id: id, value } }));
    const payload = modalInteraction(this.app.where(user, opts.dm), customId, components);
    // A modal opened by a button: Discord sends that button's message with the submission.
    if (opts.fromMessage) payload.message = opts.fromMessage;
    return this.send(user, payload);
  }

  async send(user: string, payload: any): Promise<DiscordReply> {
    const res = await this.app.post(payload);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    await this.app.idle();
    const reply = this.collect(payload.token, res.json);
    if (reply.modal) this.modals.set(`${user}:${reply.form!.id}`, reply.modal);
    return reply;
  }

  /** Messages the bot posted to DMs and channels since the last call. */
  async takeSent(): Promise<ContractMessage[]> {
    await this.app.idle();
    const posts = this.app.api.find('POST', /^\/channels\/\d+\/messages$/);
    const fresh = posts.slice(this.taken);
    this.taken = posts.length;
    return fresh.map((c) => {
      const channel = c.path.split('/')[2]!;
      const user = this.app.api.dmChannels.get(channel);
      // With embeds, the content is only the neutral notification preview (see render-message.ts).
      const body = c.body.embeds?.length ? { ...c.body, content: undefined } : c.body;
      return { to: user ? `dm:${user}` : `channel:${channel}`, text: visibleText(body) };
    });
  }

  /** Message bodies posted to this person's DM, oldest first. */
  dmsTo(user: string): any[] {
    const id = this.app.person(user).id;
    return this.app.api.find('POST', /^\/channels\/\d+\/messages$/).filter((c) => this.app.api.dmChannels.get(c.path.split('/')[2]!) === id).map((c) => c.body);
  }

  /** Presses the newest button with this core action in the person's DMs, from the DM (no guild in the interaction). */
  pressInDm(user: string, action: string): Promise<DiscordReply> {
    for (const body of [...this.dmsTo(user)].reverse()) {
      for (const c of (body.components ?? []).flatMap((r: any) => r.components)) {
        const id = parseCustomId(c.custom_id);
        if (id.kind === 'button' && id.action === action) return this.pressId(user, c.custom_id, { dm: true });
      }
    }
    throw new Error(`${user} has no DM with a ${action} button`);
  }

  /** Presses the button with this core action that a reply offered. */
  pressIn(user: string, reply: DiscordReply, action: string): Promise<DiscordReply> {
    const button = reply.buttons.find((b) => b.action === action);
    if (!button) throw new Error(`the reply offered no ${action} button: ${reply.text}`);
    return this.pressId(user, reply.customIds.get(button.label)!);
  }

  private collect(token: string, response: any): DiscordReply {
    const followUps = this.app.api.find('POST', new RegExp(`^/webhooks/\\d+/${token}$`)).map((c) => c.body);
    const edited = this.app.api.find('PATCH', new RegExp(`^/webhooks/\\d+/${token}/messages/@original$`)).map((c) => ({ ...c.body, flags: 64 }));
    const base = { responseType: response.type, customIds: new Map<string, string>() };
    if (response.type === 9) {
      const modal = response.data;
      const id = parseCustomId(modal.custom_id);
      const form = id.kind === 'form' ? { id: id.formId, context: id.context } : { id: modal.custom_id };
      const inputIds = modal.components.filter((c: any) => c.type === 18).map((c: any) => c.component.custom_id);
      return { ...base, text: modal.title, private: true, buttons: [], pages: [], modal, form: { ...form, inputIds } };
    }
    // 4 answers with a message, 7 updates the pressed one: either way the response carries it.
    const pages = response.type === 4 || response.type === 7 ? [response.data, ...followUps] : [...edited, ...followUps];
    const buttons: ContractReply['buttons'] = [];
    for (const row of pages.flatMap((p) => p.components ?? [])) {
      for (const c of row.components) {
        if (c.type === 2) {
          const id = parseCustomId(c.custom_id);
          base.customIds.set(c.label, c.custom_id);
          if (id.kind === 'button') buttons.push({ action: id.action, value: id.value, label: c.label });
          if (id.kind === 'open-form') buttons.push({ action: OPEN_FORM, value: c.custom_id, label: c.label });
        } else if (c.type === 3) {
          for (const o of c.options) {
            const chosen = parseSelectOption(o.value);
            if (chosen) buttons.push({ ...chosen, label: o.label });
          }
        }
      }
    }
    return { ...base, text: pages.map(visibleText).join('\n'), private: pages.length > 0 && pages.every((p) => ((p.flags ?? 0) & 64) === 64), buttons, pages };
  }
}

/** Puts values into the modal's components the way a person types them (the combined input by label). */
function fillModal(modal: any, values: Record<string, string>, form: Form | undefined): unknown[] {
  const keyOf = new Map((form?.inputs ?? []).map((i) => [moreKey(i).toLowerCase(), i.id]));
  return modal.components.filter((label: any) => label.type === 18).map((label: any) => {
    const c = label.component;
    if (c.custom_id.startsWith('__more')) {
      const lines = (c.value as string).split('\n').map((line) => {
        // A person writes each answer after the label they read; the form says which input that is.
        const key = [...keyOf.keys()].find((k) => line.toLowerCase().startsWith(`${k}:`));
        const id = key ? keyOf.get(key)! : line.slice(0, line.indexOf(':'));
        const value = values[id];
        return value !== undefined ? `${line.slice(0, (key ?? id).length)}: ${value}` : line;
      });
      return { type: 18, id: 1, component: { type: 4, id: 2, custom_id: c.custom_id, value: lines.join('\n') } };
    }
    // A select of several (max_values > 1) takes values given joined by commas, each one picked.
    if (c.type === 3) return { type: 18, id: 1, component: { type: 3, id: 2, custom_id: c.custom_id, values: values[c.custom_id] ? (c.max_values > 1 ? values[c.custom_id]!.split(',') : [values[c.custom_id]]) : [] } };
    return { type: 18, id: 1, component: { type: 4, id: 2, custom_id: c.custom_id, value: values[c.custom_id] ?? '' } };
  });
}
