import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Form } from '../../core/messages/model.js';
import { MORE_INPUT_ID } from './render-form.js';
import { parseCustomId } from './custom-id.js';

export interface StashedForm {
  form: Form;
  guildId?: string;
}

/**
 * Where stashed forms are shared between web processes (Redis, see redis-form-store.ts): any
 * process may take the click or the submission, and a restart loses nothing within the TTL.
 * Values are opaque text; the store seals them (a refilled form may hold what someone typed).
 */
export interface SharedFormStore {
  set(key: string, value: string, ttlMs: number): Promise<void>;
  get(key: string): Promise<string | null>;
}

const ZStashed = z.object({ form: z.looseObject({ id: z.string(), title: z.string(), submitLabel: z.string(), inputs: z.array(z.looseObject({ id: z.string(), kind: z.string() })) }), guildId: z.string().optional() });

/**
 * Forms that cannot be shown the moment the core returns them: a modal can only be the first
 * answer to an interaction, so after a deferred response, in answer to a modal submission (the
 * form again, with what was typed, after a bad answer), or past five questions, the form waits
 * here for the interaction token's 15 minutes under a random key its custom_ids carry. Kept in
 * this process and, with a shared store, in Redis, so another web process (or this one after a
 * restart) takes the click or submission just the same.
 */
export class FormStash {
  private readonly entries = new Map<string, StashedForm & { expiresAt: number }>();
  private readonly writes = new Set<Promise<void>>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = 15 * 60_000,
    private readonly maxEntries = 5_000,
    private readonly shared?: SharedFormStore,
  ) {}

  put(entry: StashedForm): string {
    this.sweep();
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    const key = randomBytes(9).toString('base64url');
    this.entries.set(key, { ...entry, expiresAt: this.now() + this.ttlMs });
    if (this.shared) {
      const write = this.shared.set(key, JSON.stringify(entry), this.ttlMs);
      this.writes.add(write);
      void write.catch(() => undefined).finally(() => this.writes.delete(write));
    }
    return key;
  }

  get(key: string): StashedForm | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.expiresAt < this.now()) return undefined;
    return { form: entry.form, guildId: entry.guildId };
  }

  /** Every form put so far is in the shared store: called before a key is handed to Discord. */
  async flush(): Promise<void> {
    await Promise.all([...this.writes]);
  }

  /** Brings the forms an interaction names (open-form buttons, modals, the combined box) into this process. */
  async prefetch(data: unknown): Promise<void> {
    if (!this.shared) return;
    for (const key of stashKeysIn(data)) {
      if (this.get(key)) continue;
      const raw = await this.shared.get(key);
      const parsed = raw ? ZStashed.safeParse(JSON.parse(raw)) : undefined;
      // Sealed with our own key by one of our processes: the shape check is a guard, not a trust boundary.
      if (parsed?.success) this.entries.set(key, { ...(parsed.data as unknown as StashedForm), expiresAt: this.now() + this.ttlMs });
    }
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt < now) this.entries.delete(key);
  }
}

/** The stash keys an interaction's custom_ids carry. */
function stashKeysIn(data: unknown): string[] {
  const keys: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const id = (node as { custom_id?: unknown }).custom_id;
    if (typeof id === 'string') {
      if (id.startsWith(`${MORE_INPUT_ID}|`)) keys.push(id.slice(MORE_INPUT_ID.length + 1));
      else {
        const parsed = parseCustomId(id);
        if (parsed.kind === 'open-form') keys.push(parsed.key);
      }
    }
    Object.values(node).forEach(walk);
  };
  walk(data);
  return keys;
}
