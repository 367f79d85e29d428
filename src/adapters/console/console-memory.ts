import type { Button, Form, Message } from '../../core/messages/model.js';

/**
 * What each console person was last shown, so a script can say `press join.confirm` or
 * `submit join-details …` without copying ids: the newest matching button or form wins.
 */
export class ConsoleMemory {
  private readonly buttons = new Map<string, Button[]>();
  private readonly forms = new Map<string, Form[]>();

  rememberMessage(handle: string, message: Message): void {
    const shown = message.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
    if (shown.length) this.buttons.set(handle, [...(this.buttons.get(handle) ?? []), ...shown]);
  }

  rememberForm(handle: string, form: Form): void {
    this.forms.set(handle, [...(this.forms.get(handle) ?? []), form]);
  }

  lastButton(handle: string, action: string): Button | undefined {
    return this.buttons.get(handle)?.findLast((b) => b.action === action);
  }

  lastForm(handle: string, formId: string): Form | undefined {
    return this.forms.get(handle)?.findLast((f) => f.id === formId);
  }
}
