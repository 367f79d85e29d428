// The core thread of the web process (see core-thread.ts): its own services, answering the main
// thread's calls to the core one message at a time, many in flight.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { loadEnv } from '../config/env.js';
import type { CoreThreadMessage, CoreThreadRequest } from './core-thread.js';
import { createLogger } from './logger.js';
import { createServices } from './services.js';
import { describeError } from './boot.js';
import type { AnsweredOutcome } from './core-thread.js';
import type { ActorInput } from '../core/trellis.js';
import type { Invocation } from '../core/commands/types.js';
import { answerOnResponseUrl } from '../adapters/slack/response-url.js';

const port = parentPort!;

/**
 * Acknowledgements first: on Linux a thread has its own nice value, so this thread steps back
 * (nice 10) and, when the CPU is short, the main thread's acks run before a command's work —
 * which has minutes (a response_url lasts 30) where an ack has 3 seconds. Elsewhere, or if the
 * system refuses, the thread keeps the process's priority.
 */
function yieldCpuToTheMainThread(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid)) setPriority(tid, 10);
  } catch {
    // not Linux, or no /proc: same priority as the main thread
  }
}
yieldCpuToTheMainThread();
const send = (message: CoreThreadMessage) => port.postMessage(message);

try {
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL);
  const services = await createServices(env, logger);
  // The relay that enqueues outbox rows lives on the main thread, with the rest of the web's queues.
  services.outboxEvents.subscribe((keys) => send({ outbox: keys }));
  port.on('message', async (request: CoreThreadRequest) => {
    if ('close' in request) {
      await services.close();
      send({ closed: true });
      return;
    }
    try {
      if (request.method === 'handleAndAnswer') {
        send({ id: request.id, value: await handleAndAnswer(...(request.args as [ActorInput, Invocation, { requestId?: string }, string])) });
        return;
      }
      const method = services.trellis[request.method] as (...args: unknown[]) => Promise<unknown>;
      send({ id: request.id, value: await method(...request.args) });
    } catch (error) {
      // The core's calls never throw; this is a value that could not be copied back.
      logger.error({ err: error, method: request.method }, 'a call to the core thread failed');
      send({ id: request.id, error: describeError(error) });
    }
  });
  /** A Slack command, answered on its response_url from here when the reply allows (see core-thread.ts). */
  async function handleAndAnswer(actor: ActorInput, invocation: Invocation, options: { requestId?: string }, responseUrl: string): Promise<AnsweredOutcome> {
    const outcome = await services.trellis.handle(actor, invocation, options);
    // A request that already ran was answered by its first run.
    if (outcome.repeated) return { outcome, answered: false };
    try {
      return { outcome, answered: await answerOnResponseUrl(outcome.reply, responseUrl) };
    } catch (error) {
      return { outcome, answered: false, failed: describeError(error) };
    }
  }
  send({ ready: true });
} catch (error) {
  send({ failed: describeError(error) });
}
