import { Readable } from 'node:stream';
import { createConsoleAdapter, CONSOLE_WORKSPACE } from '../../src/adapters/console/console-adapter.js';
import { ConsoleClock } from '../../src/adapters/console/console-clock.js';
import { ConsoleMemory } from '../../src/adapters/console/console-memory.js';
import { consolePlatform } from '../../src/adapters/console/console-platform.js';
import type { Services } from '../../src/app/services.js';
import { uniqueName } from './db.js';
import { startOutboxDelivery, type OutboxDelivery } from './outbox-delivery.js';
import { createTestServices } from './services.js';

/**
 * The console adapter wired as `npm start` wires it (same core, Postgres, memory; messages to
 * others written to the outbox and printed by the console platform as the delivery workers send
 * them, before the next line), in a workspace of its own, with its output captured line by line.
 */
export class ConsoleSession {
  readonly output: string[] = [];

  private constructor(
    readonly services: Services,
    readonly clock: ConsoleClock,
    private readonly adapter: ReturnType<typeof createConsoleAdapter>,
    private readonly outbox: OutboxDelivery,
  ) {}

  static async start(
    startAt: Date,
    runDue: (session: ConsoleSession) => Promise<void> = async () => undefined,
    advanceTo?: (session: ConsoleSession, target: Date) => Promise<void>,
  ): Promise<ConsoleSession> {
    const clock = new ConsoleClock(() => startAt.getTime());
    const services = await createTestServices(clock);
    const memory = new ConsoleMemory();
    const output: string[] = [];
    const write = (line: string) => output.push(line);
    const outbox = await startOutboxDelivery(services, [consolePlatform(write, memory)]);
    let session: ConsoleSession | undefined;
    const adapter = createConsoleAdapter({
      trellis: services.trellis,
      clock,
      write,
      memory,
      settle: () => outbox.settle(),
      runDue: () => runDue(session!),
      ...(advanceTo ? { advanceTo: (target: Date) => advanceTo(session!, target) } : {}),
      timeZone: 'America/New_York',
      workspace: { ...CONSOLE_WORKSPACE, workspaceExternalId: uniqueName('console') },
    });
    session = new ConsoleSession(services, clock, adapter, outbox);
    (session as { output: string[] }).output = output;
    return session;
  }

  /** Runs a script (one command per line) and returns what it printed. */
  async run(script: string): Promise<string[]> {
    const from = this.output.length;
    await this.adapter.runStream(Readable.from([script]));
    return this.output.slice(from);
  }

  async close(): Promise<void> {
    await this.outbox.close();
    await this.services.close();
  }
}

/** Lines addressed to one audience: `to ana (private)`, `to ana`, `#console`. */
export const linesFor = (output: string[], audience: string) => output.filter((l) => l.startsWith(`[${audience}`));
