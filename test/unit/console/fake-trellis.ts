import type { Invocation } from '../../../src/core/commands/types.js';
import { createRouter } from '../../../src/core/commands/router.js';
import { message, privateReply, type Outbound, type Outcome } from '../../../src/core/messages/model.js';
import type { ActorInput, Trellis } from '../../../src/core/trellis.js';

export interface Handled {
  actor: ActorInput;
  invocation: Invocation;
}

/**
 * A Trellis that records what it was asked and answers from a script: queued outcomes first,
 * then an echo of the invocation, so tests see exactly what the console sent.
 */
export class FakeTrellis implements Trellis {
  readonly router = createRouter([]);
  readonly handled: Handled[] = [];
  /** What the outcomes owed others, as the real core writes it to the outbox; tests deliver it. */
  readonly outbox: Outbound[] = [];
  private readonly queued: Outcome[] = [];

  /** The next `handle` call answers with this outcome. */
  answerNext(outcome: Outcome): this {
    this.queued.push(outcome);
    return this;
  }

  async followPlatformZone(): Promise<boolean> {
    return false;
  }

  validateForm(): Record<string, string> {
    return {};
  }

  async handle(actor: ActorInput, invocation: Invocation): Promise<Outcome> {
    this.handled.push({ actor, invocation });
    const outcome = this.queued.shift() ?? privateReply(message(`echo ${JSON.stringify(invocation)}`));
    this.outbox.push(...outcome.outbound);
    return outcome;
  }

  /** The console has no autocomplete. */
  async complete(): Promise<never[]> {
    return [];
  }

  get handles(): string[] {
    return this.handled.map((h) => h.actor.handle);
  }
}
