import { createConsoleAdapter } from '../adapters/console/console-adapter.js';
import { ConsoleClock } from '../adapters/console/console-clock.js';
import { createConsoleNotifier } from '../adapters/console/console-notifier.js';
import type { Env } from '../config/env.js';
import { createLogger } from '../app/logger.js';
import { createServices } from '../app/services.js';

const CONNECT_HINT =
  'Trellis console — no Slack or Discord token is set. To connect a platform, set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, or DISCORD_TOKEN and DISCORD_APPLICATION_ID (see README). Type `as <name>` then `/mentor help`.';

/** Runs the console adapter on stdin/stdout with the same core, Postgres and queues as production. */
export async function runConsole(env: Env): Promise<void> {
  const logger = createLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL);
  const clock = new ConsoleClock();
  const services = await createServices(env, logger, clock);
  const write = (line: string) => process.stdout.write(`${line}\n`);
  const nameOf = async (personId: string) => {
    const identity = await services.prisma.identity.findFirst({ where: { personId }, orderBy: { id: 'asc' } });
    return identity?.handle ?? personId;
  };
  const adapter = createConsoleAdapter({
    trellis: services.trellis,
    clock,
    write,
    deliver: createConsoleNotifier(write, nameOf),
    runDue: async () => undefined,
    timeZone: process.env.TRELLIS_CONSOLE_TZ ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  write(CONNECT_HINT);
  try {
    await adapter.runStream(process.stdin);
  } finally {
    await services.close();
  }
}
