import { Readable } from 'node:stream';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import { createConsoleAdapter, CONSOLE_WORKSPACE } from '../../src/adapters/console/console-adapter.js';
import { ConsoleClock } from '../../src/adapters/console/console-clock.js';
import { ConsoleMemory } from '../../src/adapters/console/console-memory.js';
import { consolePlatform } from '../../src/adapters/console/console-platform.js';
import type { Services } from '../../src/app/services.js';
import { programEndCompletion } from '../../src/app/program-ends.js';
import { engineConfig } from '../../src/jobs/config.js';
import { createNudgeEngine, type NudgeEngine } from '../../src/jobs/engine.js';
import type { PlatformRuntime } from '../../src/platform/contract.js';
import { uniqueName } from './db.js';
import { deleteRedisPrefix } from './redis-prefix.js';
import { startOutboxDelivery, type OutboxDelivery } from './outbox-delivery.js';
import { createTestServices } from './services.js';

/**
 * The console adapter wired as `npm start` wires it (same core, Postgres, memory; messages to
 * others written to the outbox and printed by the console platform as the delivery workers send
 * them, before the next line), in a workspace of its own, with its output captured line by line.
 */
export interface NudgeOptions {
  /** Where nudges go; by default the console's own platform, printing into the session's output. */
  platform?: (write: (line: string) => void, memory: ConsoleMemory) => PlatformRuntime;
  /** `advance` moves time in due order, as `npm start` does (default); false: one jump, then runDue. */
  stepwise?: boolean;
}

export class ConsoleSession {
  readonly output: string[] = [];
  /** The nudge engine of `withNudges`, once the session's workspace exists. */
  engine?: NudgeEngine;
  private readonly closers: Array<() => Promise<void>> = [];

  private constructor(
    readonly services: Services,
    readonly clock: ConsoleClock,
    private readonly adapter: ReturnType<typeof createConsoleAdapter>,
    private readonly outbox: OutboxDelivery,
    /** What the console showed each person (buttons to press, forms to fill). */
    readonly memory: ConsoleMemory,
    readonly workspaceExternalId: string,
  ) {}

  /**
   * A session whose `advance` runs the real nudge engine (on a Redis prefix of its own, scoped to
   * the session's workspace, created once the first command made that workspace).
   */
  static async withNudges(startAt: Date, options: NudgeOptions = {}): Promise<ConsoleSession> {
    const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
    const prefix = `{${uniqueName('console-nudges')}}`;
    let platform: PlatformRuntime | undefined;
    const engineOf = async (s: ConsoleSession): Promise<NudgeEngine | undefined> => {
      if (!s.engine) {
        const workspace = await s.services.prisma.workspace.findFirst({ where: { platform: 'console', externalId: s.workspaceExternalId } });
        if (!workspace) return undefined;
        const config = engineConfig({ prefix, workspaceIds: [workspace.id], schedule: false, rateLimits: false });
        s.engine = createNudgeEngine({ store: s.services.jobStore, clock: s.clock, logger: s.services.logger, redis, platforms: [platform!], config, completeProgramEnds: programEndCompletion(s.services.store, s.services.logger) });
        await s.engine.start();
      }
      return s.engine;
    };
    const advanceTo = async (s: ConsoleSession, target: Date) => {
      const engine = await engineOf(s);
      if (engine) await engine.advanceTo(target, (to) => s.clock.moveTo(to));
      else s.clock.moveTo(target);
    };
    const session = await ConsoleSession.start(startAt, async (s) => (await engineOf(s))?.runDue(), options.stepwise === false ? undefined : advanceTo);
    platform = (options.platform ?? consolePlatform)((line) => session.output.push(line), session.memory);
    session.closers.push(async () => {
      await session.engine?.close();
      await deleteRedisPrefix(redis, prefix);
      await redis.quit();
    });
    return session;
  }

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
    const workspaceExternalId = uniqueName('console');
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
      workspace: { ...CONSOLE_WORKSPACE, workspaceExternalId },
    });
    session = new ConsoleSession(services, clock, adapter, outbox, memory, workspaceExternalId);
    (session as { output: string[] }).output = output;
    return session;
  }

  /**
   * A session (with the nudge engine unless `nudges: false`) that begins with `setup` typed in —
   * at `at`, by default Monday 2 March 2026, 09:00 in New York (the console's zone).
   */
  static async withProgram(setup: ProgramSetup, options: NudgeOptions & { at?: Date; nudges?: boolean } = {}): Promise<ConsoleSession> {
    const at = options.at ?? CONSOLE_START;
    const session = options.nudges === false ? await ConsoleSession.start(at) : await ConsoleSession.withNudges(at, options);
    try {
      await session.joinProgram(setup);
    } catch (error) {
      // The caller never gets the session to close: close it here, so its connections do not hang the run.
      await session.close();
      throw error;
    }
    return session;
  }

  /** Types `programScript(setup)` into the console: a program created, joined, matched. */
  joinProgram(setup: ProgramSetup): Promise<string[]> {
    return this.run(programScript(setup));
  }

  /** The person behind a console handle in this session's workspace. */
  async personId(handle: string): Promise<string> {
    return (await this.services.prisma.identity.findFirstOrThrow({ where: { handle, workspace: { externalId: this.workspaceExternalId } } })).personId;
  }

  /** Runs a script (one command per line) and returns what it printed. */
  async run(script: string): Promise<string[]> {
    const from = this.output.length;
    await this.adapter.runStream(Readable.from([script]));
    return this.output.slice(from);
  }

  async close(): Promise<void> {
    for (const close of this.closers.splice(0)) await close();
    await this.outbox.close();
    await this.services.close();
  }
}

/** Lines addressed to one audience: `to ana (private)`, `to ana`, `#console`. */
export const linesFor = (output: string[], audience: string) => output.filter((l) => l.startsWith(`[${audience}`));

/** One person joining a program: the checkpoint confirmed, the join form filled in with `details`. */
export interface Joiner {
  handle: string;
  /** Mentors join as mentors; everyone else as the program's trainee role. */
  mentor?: boolean;
  /** The join form's answers by input id (`availability`, `field`, `join-goals`, …). */
  details: Record<string, string>;
}

export const mentorJoins = (handle: string, details: Record<string, string>): Joiner => ({ handle, mentor: true, details });
export const traineeJoins = (handle: string, details: Record<string, string>): Joiner => ({ handle, details });

/** Monday 2 March 2026, 09:00 in New York (the console's zone): where the console tests begin. */
export const CONSOLE_START = new Date('2026-03-02T14:00:00Z');

/** A program as most console tests begin: created by a coordinator, joined, matched, supervised. */
export interface ProgramSetup {
  coordinator: string;
  /** The program's key and its template; by default the 40-week program, `cert`. */
  program?: string;
  template?: string;
  /** What the coordinator types right after creating it (a cohort, another program). */
  setup?: string[];
  joiners: Joiner[];
  /** People who only need to exist before they are named (a supervisor): they type `/mentor help`. */
  others?: string[];
  /** [mentor, trainee] handles, matched by the coordinator. */
  matches?: [string, string][];
  /** [trainee, supervisor] handles: a supervisor set by the coordinator. */
  supervisors?: [string, string][];
  /** What the coordinator types last. */
  then?: string[];
}

const formValue = (value: string) => (/^[\w-]+$/.test(value) ? value : `"${value}"`);

/** The lines one person types to join `program`. */
export function joinScript(program: string, j: Joiner): string {
  const answers = Object.entries(j.details).map(([id, value]) => `${id}=${formValue(value)}`).join(' ');
  return `as ${j.handle}\n/mentor join ${program}${j.mentor ? ' mentor' : ''}\npress join.confirm\nsubmit join-details ${answers}`;
}

/** The console script of a `ProgramSetup`, one command a line. */
export function programScript(p: ProgramSetup): string {
  const program = p.program ?? 'cert';
  const coordinator = [
    ...(p.matches ?? []).map(([mentor, trainee]) => `/mentor admin match @${mentor} @${trainee}`),
    ...(p.supervisors ?? []).map(([trainee, supervisor]) => `/mentor admin supervisor @${trainee} @${supervisor}`),
    ...(p.then ?? []),
  ];
  return [
    `as ${p.coordinator}`,
    `/mentor admin program create ${program} ${p.template ?? 'certification-40-week'}`,
    ...(p.setup ?? []),
    ...p.joiners.map((j) => joinScript(program, j)),
    ...(p.others ?? []).map((who) => `as ${who}\n/mentor help`),
    ...(coordinator.length ? [`as ${p.coordinator}`, ...coordinator] : []),
  ].join('\n');
}

/** The 40-week certification program's joiners as the console tests write them. */
export const certMentor = (handle: string, availability = 'Mon 18:00-20:00'): Joiner => mentorJoins(handle, { availability, field: 'family intervention' });
export const certTrainee = (handle: string, availability: string, goals?: string): Joiner => traineeJoins(handle, { availability, ...(goals ? { 'join-goals': goals } : {}) });

/** The community-involvement framework as its console tests begin: Cora coordinates `ci`; Mo mentors Pat, a provider. */
export const communityInvolvement = (more: Partial<ProgramSetup> = {}): ProgramSetup => ({
  coordinator: 'cora',
  program: 'ci',
  template: 'community-involvement',
  joiners: [mentorJoins('mo', { availability: 'Mon 18:00-20:00' }), traineeJoins('pat', { availability: 'Tue 10:00-12:00' })],
  matches: [['mo', 'pat']],
  ...more,
});
