import { createConsoleAdapter } from '../adapters/console/console-adapter.js';
import { ConsoleClock } from '../adapters/console/console-clock.js';
import { ConsoleMemory } from '../adapters/console/console-memory.js';
import { consolePlatform } from '../adapters/console/console-platform.js';
import type { Env } from '../config/env.js';
import { createLogger } from '../app/logger.js';
import { createServices } from '../app/services.js';
import { startJobRuntime } from '../jobs/runtime.js';

/** The row that keeps the console clock's offset. */
const CONSOLE_CLOCK = 'console';

const CONNECT_HINT =
  'Trellis console — no Slack or Discord token is set. To connect a platform, set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, or DISCORD_TOKEN and DISCORD_APPLICATION_ID (see README). Type `as <name>` then `/mentor help`.';

/** Runs the console adapter on stdin/stdout with the same core, Postgres and queues as production. */
export async function runConsole(env: Env): Promise<void> {
  const logger = createLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL);
  const clock = new ConsoleClock();
  const services = await createServices(env, logger, clock);
  // Continue where the last run stopped: the database may already hold that future.
  clock.restore(await services.clockOffsets.load(CONSOLE_CLOCK));
  const write = (line: string) => process.stdout.write(`${line}\n`);
  const memory = new ConsoleMemory();
  // The console drives time itself (`advance`), so no repeatable schedules: runDue plans,
  // dispatches and waits for what fell due. Rate limits are a platform concern; a terminal has none.
  // Outbox rows are tracked so each line waits for (and prints) the messages it caused, one at a
  // time so they print in the order the command wrote them.
  const config = { schedule: false, rateLimits: false, concurrency: 1 };
  const jobs = await startJobRuntime({ services, platforms: [consolePlatform(write, memory)], config, trackOutbox: true });
  const adapter = createConsoleAdapter({
    trellis: services.trellis,
    clock,
    write,
    memory,
    settle: () => jobs.settle(),
    runDue: () => jobs.runDue(),
    advanceTo: (target) => jobs.advanceTo(target, (to) => clock.moveTo(to)),
    saveClock: (offsetMs) => services.clockOffsets.save(CONSOLE_CLOCK, offsetMs),
    timeZone: env.TRELLIS_CONSOLE_TZ ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  write(CONNECT_HINT);
  if (clock.offset > 0) write(`[clock] ${clock.now().toISOString()} (continuing where the last run stopped)`);
  try {
    await adapter.runStream(process.stdin);
  } finally {
    await jobs.close();
    await services.close();
  }
}
