// A web-like process for the "killed right after a command commits" test: the real services run
// one command, then the process prints "committed" and waits to be killed. Nothing here can send:
// with RELAY=1 it enqueues the command's outbox rows as the web process does (no workers), with
// RELAY=0 it dies before even that.
import { pino } from 'pino';
import { createServices } from '../../../../src/app/services.js';
import { loadEnv } from '../../../../src/config/env.js';
import { startOutboxRelay } from '../../../../src/jobs/runtime.js';
import type { ActorInput } from '../../../../src/core/trellis.js';

const need = (name: string) => process.env[name] ?? (() => { throw new Error(`${name} is required`); })();
const at = new Date(need('CHILD_CLOCK'));
const env = loadEnv({
  DATABASE_URL: need('DATABASE_URL'),
  REDIS_URL: need('REDIS_URL'),
  TRELLIS_QUEUE_PREFIX: need('PREFIX'),
  TRELLIS_ENCRYPTION_KEY: '07'.repeat(32),
  LOG_LEVEL: 'silent',
});
const services = await createServices(env, pino({ level: 'silent' }), { now: () => new Date(at) });
if (need('RELAY') === '1') {
  // A platform runtime only for its queue: the relay enqueues, it never sends.
  startOutboxRelay(services, [{ platform: 'console', send: () => Promise.reject(new Error('the web process does not send')), stop: async () => undefined }]);
}
const actor = JSON.parse(need('ACTOR')) as ActorInput;
const outcome = await services.trellis.handle(actor, { kind: 'command', text: need('COMMAND') });
process.stdout.write(`committed ${outcome.outbound.length}\n`);
await new Promise(() => undefined);
