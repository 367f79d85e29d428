// The core thread of the web process (see core-thread.ts): its own services, answering the main
// thread's calls to the core one message at a time, many in flight.
import { parentPort } from 'node:worker_threads';
import { loadEnv } from '../config/env.js';
import type { CoreThreadMessage, CoreThreadRequest } from './core-thread.js';
import { createLogger } from './logger.js';
import { createServices } from './services.js';
import { describeError } from './boot.js';

const port = parentPort!;
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
      const method = services.trellis[request.method] as (...args: unknown[]) => Promise<unknown>;
      send({ id: request.id, value: await method(...request.args) });
    } catch (error) {
      // The core's calls never throw; this is a value that could not be copied back.
      logger.error({ err: error, method: request.method }, 'a call to the core thread failed');
      send({ id: request.id, error: describeError(error) });
    }
  });
  send({ ready: true });
} catch (error) {
  send({ failed: describeError(error) });
}
