import { Readable } from 'node:stream';
import { createConsoleAdapter, CONSOLE_WORKSPACE } from '../../src/adapters/console/console-adapter.js';
import { ConsoleClock } from '../../src/adapters/console/console-clock.js';
import { ConsoleMemory } from '../../src/adapters/console/console-memory.js';
import { createConsoleNotifier } from '../../src/adapters/console/console-notifier.js';
import type { Services } from '../../src/app/services.js';
import { uniqueName } from './db.js';
import { createTestServices } from './services.js';

/**
 * The console adapter wired exactly as `npm start` wires it (same core, Postgres, notifier,
 * memory), in a workspace of its own, with its output captured line by line.
 */
export class ConsoleSession {
  readonly output: string[] = [];

  private constructor(
    readonly services: Services,
    readonly clock: ConsoleClock,
    private readonly adapter: ReturnType<typeof createConsoleAdapter>,
  ) {}

  static async start(startAt: Date, runDue: (session: ConsoleSession) => Promise<void> = async () => undefined): Promise<ConsoleSession> {
    const clock = new ConsoleClock(() => startAt.getTime());
    const services = await createTestServices(clock);
    const memory = new ConsoleMemory();
    const output: string[] = [];
    const write = (line: string) => output.push(line);
    const nameOf = async (personId: string) => (await services.prisma.identity.findFirst({ where: { personId } }))?.handle ?? personId;
    let session: ConsoleSession | undefined;
    const adapter = createConsoleAdapter({
      trellis: services.trellis,
      clock,
      write,
      memory,
      deliver: createConsoleNotifier(write, nameOf, memory),
      runDue: () => runDue(session!),
      timeZone: 'America/New_York',
      workspace: { ...CONSOLE_WORKSPACE, workspaceExternalId: uniqueName('console') },
    });
    session = new ConsoleSession(services, clock, adapter);
    (session as { output: string[] }).output = output;
    return session;
  }

  /** Runs a script (one command per line) and returns what it printed. */
  async run(script: string): Promise<string[]> {
    const from = this.output.length;
    await this.adapter.runStream(Readable.from([script]));
    return this.output.slice(from);
  }

  close(): Promise<void> {
    return this.services.close();
  }
}

/** Lines addressed to one audience: `to ana (private)`, `to ana`, `#console`. */
export const linesFor = (output: string[], audience: string) => output.filter((l) => l.startsWith(`[${audience}`));
