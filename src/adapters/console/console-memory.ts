import type { Button, Form, Message } from '../../core/messages/model.js';

/** Buttons posted to the channel: everyone at the console sees the one channel. */
const CHANNEL = '#channel';

/**
 * What each console person was last shown, so a script can say `press join.confirm` or
 * `submit join-details …` without copying ids: the newest matching button or form wins.
 * Buttons posted in the channel (cohort RSVPs) count as shown to everyone.
 */
export class ConsoleMemory {
  private seq = 0;
  private readonly buttons = new Map<string, Array<{ seq: number; button: Button }>>();
  private readonly forms = new Map<string, Form[]>();

  rememberMessage(handle: string, message: Message): void {
    const shown = message.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
    if (shown.length) this.buttons.set(handle, [...(this.buttons.get(handle) ?? []), ...shown.map((button) => ({ seq: ++this.seq, button }))]);
  }

  rememberChannelMessage(message: Message): void {
    this.rememberMessage(CHANNEL, message);
  }

  rememberForm(handle: string, form: Form): void {
    this.forms.set(handle, [...(this.forms.get(handle) ?? []), form]);
  }

  lastButton(handle: string, action: string): Button | undefined {
    const seen = [...(this.buttons.get(handle) ?? []), ...(this.buttons.get(CHANNEL) ?? [])].filter((b) => b.button.action === action);
    return seen.sort((a, b) => a.seq - b.seq).at(-1)?.button;
  }

  lastForm(handle: string, formId: string): Form | undefined {
    return this.forms.get(handle)?.findLast((f) => f.id === formId);
  }
}
