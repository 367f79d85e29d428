import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ActorInput, Trellis } from '../core/trellis.js';
import type { Invocation } from '../core/commands/types.js';
import type { Outcome } from '../core/messages/model.js';
import type { Services } from './services.js';

/** Requests to the thread, and what it sends back (see core-thread-main.ts). */
export type CoreThreadMethod = 'handle' | 'complete' | 'followPlatformZone' | 'handleAndAnswer';
export type CoreThreadRequest = { id: number; method: CoreThreadMethod; args: unknown[] } | { close: true };

/** What `handleAndAnswer` did: the outcome, and whether the person already has the answer. */
export interface AnsweredOutcome {
  outcome: Outcome;
  /** The reply went out on the response_url from the thread: nothing left for the adapter to send. */
  answered: boolean;
  /** Slack refused the response_url post (the adapter apologises, as it would for its own failure). */
  failed?: string;
}

/**
 * Runs a Slack command in the core thread and, when its reply is a message the response_url
 * takes, answers there too: rendering and sending the answer stay off the acknowledging loop.
 */
export type HandleAndAnswer = (actor: ActorInput, invocation: Invocation, options: { requestId?: string }, responseUrl: string) => Promise<AnsweredOutcome>;
export type CoreThreadMessage =
  | { ready: true }
  | { failed: string }
  | { id: number; value: unknown }
  | { id: number; error: string }
  | { outbox: string[] }
  | { closed: true };

export interface CoreThread {
  /** The core as the adapters use it: commands, buttons, forms and autocomplete run in the thread. */
  trellis: Trellis;
  handleAndAnswer: HandleAndAnswer;
  close(): Promise<void>;
}

/**
 * The web process runs the core — each command's transaction, its queries and the rendering of
 * its outcome — in a worker thread, so the event loop that acknowledges Slack and Discord
 * requests never waits behind another command's database work (bench:slack measures this: the
 * core's work after the ack used to cost the web's loop about 3 ms per command, more than the
 * acknowledgement itself). The thread has services of its own (its own Postgres pool); the
 * outbox rows its commands write are handed back here, where the relay enqueues them.
 *
 * `router` and `validateForm` are pure and stay on this thread (Slack checks forms before its
 * ack). A request whose options hold functions (Discord's command naming) cannot be copied to
 * another thread, so it runs here, on the main thread's core, as before.
 */
export async function startCoreThread(services: Pick<Services, 'trellis' | 'outboxEvents' | 'logger'>): Promise<CoreThread> {
  const worker = spawnWorker(new URL(`./core-thread-main${extname(fileURLToPath(import.meta.url))}`, import.meta.url));
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let closing: (() => void) | undefined;
  let ready: { resolve: () => void; reject: (error: Error) => void };
  const started = new Promise<void>((resolve, reject) => (ready = { resolve, reject }));

  worker.on('message', (message: CoreThreadMessage) => {
    if ('ready' in message) return ready.resolve();
    if ('failed' in message) return ready.reject(new Error(message.failed));
    if ('outbox' in message) return services.outboxEvents.written(message.outbox);
    if ('closed' in message) return closing?.();
    const call = pending.get(message.id);
    pending.delete(message.id);
    if ('error' in message) call?.reject(new Error(message.error));
    else call?.resolve(message.value);
  });
  worker.on('error', (error) => {
    services.logger.error({ err: error }, 'the core thread failed');
    ready.reject(error);
  });
  worker.on('exit', (code) => {
    const gone = new Error(`the core thread exited (${code})`);
    for (const call of pending.values()) call.reject(gone);
    pending.clear();
    ready.reject(gone);
    // Without its core the web process can only apologise: stop, and let the supervisor restart it.
    if (!closing) {
      services.logger.error({ code }, 'the core thread exited; stopping the web process');
      process.exit(1);
    }
  });
  await started;

  const inFlight = new Set<Promise<unknown>>();
  const call = <T>(method: CoreThreadMethod, args: unknown[]) => {
    const answer = new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, method, args } satisfies CoreThreadRequest);
    });
    inFlight.add(answer);
    void answer.then(() => inFlight.delete(answer), () => inFlight.delete(answer));
    return answer;
  };

  const local = services.trellis;
  const trellis: Trellis = {
    router: local.router,
    validateForm: (actor, formId, values) => local.validateForm(actor, formId, values),
    handle: (actor, invocation, options) => (options?.naming ? local.handle(actor, invocation, options) : call('handle', [actor, invocation, options ?? {}])),
    complete: (actor, request) => call('complete', [actor, request]),
    followPlatformZone: (input) => call('followPlatformZone', [input]),
  };

  return {
    trellis,
    handleAndAnswer: (actor, invocation, options, responseUrl) => call('handleAndAnswer', [actor, invocation, options, responseUrl]),
    async close() {
      // Called after the platforms stopped taking requests: what is in flight finishes first.
      while (inFlight.size) await Promise.allSettled([...inFlight]);
      await new Promise<void>((resolve) => {
        closing = resolve;
        worker.postMessage({ close: true } satisfies CoreThreadRequest);
      });
      await worker.terminate();
    },
  };
}

/**
 * A worker thread does not inherit the main thread's module hooks, so when Trellis runs as
 * TypeScript (tsx, as `npm run web` and the image do) the thread registers tsx itself first.
 */
function spawnWorker(entry: URL): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry);
  return new Worker(`import { register } from 'tsx/esm/api'; register(); await import(${JSON.stringify(entry.href)});`, { eval: true });
}
