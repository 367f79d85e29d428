import { randomBytes } from 'node:crypto';
import type { Form } from '../../core/messages/model.js';

export interface StashedForm {
  form: Form;
  guildId?: string;
}

/**
 * Forms that cannot be shown the moment the core returns them: a modal can only be the first
 * answer to an interaction, so after a deferred response, or in answer to a modal submission,
 * the person gets an "Open the form" button and the form waits here (for the interaction
 * token's 15 minutes). It is per process: with several web processes a click may land on
 * another one, which then asks the person to run the command again. Forms hold no private
 * text: only ids, labels and initial values the core chose.
 */
export class FormStash {
  private readonly entries = new Map<string, StashedForm & { expiresAt: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = 15 * 60_000,
    private readonly maxEntries = 5_000,
  ) {}

  put(entry: StashedForm): string {
    this.sweep();
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    const key = randomBytes(9).toString('base64url');
    this.entries.set(key, { ...entry, expiresAt: this.now() + this.ttlMs });
    return key;
  }

  get(key: string): StashedForm | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.expiresAt < this.now()) return undefined;
    return { form: entry.form, guildId: entry.guildId };
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt < now) this.entries.delete(key);
  }
}
