import { createConsoleAdapter } from '../adapters/console/console-adapter.js';
import { ConsoleClock } from '../adapters/console/console-clock.js';
import { ConsoleMemory } from '../adapters/console/console-memory.js';
import { createConsoleNotifier } from '../adapters/console/console-notifier.js';
import { renderText } from '../adapters/console/render-text.js';
import type { Env } from '../config/env.js';
import { createLogger } from '../app/logger.js';
import type { PlatformRuntime } from '../app/platforms.js';
import { createServices } from '../app/services.js';
import { startJobRuntime } from '../jobs/runtime.js';

const CONNECT_HINT =
  'Trellis console — no Slack or Discord token is set. To connect a platform, set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, or DISCORD_TOKEN and DISCORD_APPLICATION_ID (see README). Type `as <name>` then `/mentor help`.';

/**
 * The console as a platform for the nudge engine: each delivered nudge prints on its own line,
 * addressed like the notifier's lines, and its buttons are remembered so `press` finds them.
 */
function consolePlatform(write: (line: string) => void, memory: ConsoleMemory): PlatformRuntime {
  return {
    platform: 'console',
    async send(target, message) {
      if (target.kind === 'dm') memory.rememberMessage(target.userExternalId, message);
      else memory.rememberChannelMessage(message);
      const audience = target.kind === 'dm' ? `to ${target.userExternalId}` : `to #${target.channelId}`;
      const [first = '', ...rest] = renderText(message);
      write([`[${audience}] ${first}`, ...rest.map((l) => `    ${l}`)].join('\n'));
    },
    stop: async () => undefined,
  };
}

/** Runs the console adapter on stdin/stdout with the same core, Postgres and queues as production. */
export async function runConsole(env: Env): Promise<void> {
  const logger = createLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL);
  const clock = new ConsoleClock();
  const services = await createServices(env, logger, clock);
  const write = (line: string) => process.stdout.write(`${line}\n`);
  const memory = new ConsoleMemory();
  const nameOf = async (personId: string) => {
    const identity = await services.prisma.identity.findFirst({ where: { personId }, orderBy: { id: 'asc' } });
    return identity?.handle ?? personId;
  };
  // The console drives time itself (`advance`), so no repeatable schedules: runDue plans,
  // dispatches and waits for what fell due. Rate limits are a platform concern; a terminal has none.
  const jobs = await startJobRuntime({ services, platforms: [consolePlatform(write, memory)], config: { schedule: false, rateLimits: false } });
  const adapter = createConsoleAdapter({
    trellis: services.trellis,
    clock,
    write,
    memory,
    deliver: createConsoleNotifier(write, nameOf, memory),
    runDue: () => jobs.runDue(),
    timeZone: env.TRELLIS_CONSOLE_TZ ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  write(CONNECT_HINT);
  try {
    await adapter.runStream(process.stdin);
  } finally {
    await jobs.close();
    await services.close();
  }
}
