import type { Logger } from './logger.js';

/**
 * Which outbox rows each command wrote, told after its transaction commits (the core's
 * `onOutboxWritten`) to whoever listens: the job runtime, which enqueues them at once. A hint
 * for speed only; a listener that fails is logged and the reconciler catches up.
 */
export interface OutboxEvents {
  written(keys: string[]): void;
  subscribe(listener: (keys: string[]) => void): () => void;
}

export function createOutboxEvents(logger: Pick<Logger, 'warn'>): OutboxEvents {
  const listeners = new Set<(keys: string[]) => void>();
  return {
    written(keys) {
      for (const listener of listeners) {
        try {
          listener(keys);
        } catch (err) {
          logger.warn({ err }, 'an outbox listener failed');
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
