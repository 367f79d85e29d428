import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { tokenize } from '../../core/commands/tokenize.js';
import type { Invocation } from '../../core/commands/types.js';
import { UserError } from '../../core/errors.js';
import type { Outcome } from '../../core/messages/model.js';
import { parseDurationMinutes } from '../../core/time/duration.js';
import { formatLocal } from '../../core/time/local-date.js';
import type { Trellis } from '../../core/trellis.js';
import type { ConsoleClock } from './console-clock.js';
import type { ConsoleMemory } from './console-memory.js';
import { renderForm, renderText } from './render-text.js';

export const CONSOLE_WORKSPACE = { platform: 'console' as const, workspaceExternalId: 'local', workspaceName: 'Console' };
/** The console's one channel: cohorts created here bind to it. */
export const CONSOLE_CHANNEL = 'console';

export interface ConsoleDeps {
  trellis: Trellis;
  clock: ConsoleClock;
  write: (line: string) => void;
  /**
   * Waits until what the last command owed others (its outbox rows) has been delivered: the
   * console platform (console-platform.ts) prints each message as the delivery workers send it.
   */
  settle: () => Promise<void>;
  /** Runs every nudge that fell due up to the clock's now; resolves when the work is done. */
  runDue: () => Promise<void>;
  /**
   * Moves the clock to `target` in due order, delivering each nudge at its own moment (the
   * engine's advanceTo). Without it the clock jumps and runDue runs once.
   */
  advanceTo?: (target: Date) => Promise<void>;
  /** Keeps the clock's offset for the next run (Postgres, in production). */
  saveClock?: (offsetMs: number) => Promise<void>;
  memory: ConsoleMemory;
  timeZone?: string;
  /** Which workspace console people belong to (tests use their own). */
  workspace?: typeof CONSOLE_WORKSPACE;
}

const HINT = 'Lines I understand: `as <name>`, `/mentor <command>`, `press <action> [value]`, `submit <form> key="value" …`, `advance <duration>` (e.g. advance 8d).';

export function createConsoleAdapter(deps: ConsoleDeps) {
  let actor: string | undefined;

  const actorInput = (handle: string) => ({
    ...(deps.workspace ?? CONSOLE_WORKSPACE),
    externalUserId: handle.toLowerCase(),
    handle: handle.toLowerCase(),
    displayName: handle.charAt(0).toUpperCase() + handle.slice(1),
    timeZone: deps.timeZone ?? 'UTC',
    channelId: CONSOLE_CHANNEL,
  });

  async function show(outcome: Outcome): Promise<void> {
    const who = `${actor} (private)`;
    if (outcome.reply.message && outcome.reply.visibility === 'channel') deps.memory.rememberChannelMessage(outcome.reply.message);
    else if (outcome.reply.message) deps.memory.rememberMessage(actor!, outcome.reply.message);
    if (outcome.reply.form) deps.memory.rememberForm(actor!, outcome.reply.form);
    if (outcome.reply.message) printLines(`to ${outcome.reply.visibility === 'channel' ? `#${CONSOLE_CHANNEL}` : who}`, renderText(outcome.reply.message));
    if (outcome.reply.form) printLines(`to ${who}`, renderForm(outcome.reply.form));
    await deps.settle();
  }

  function printLines(audience: string, lines: string[]): void {
    const [first = '', ...rest] = lines;
    deps.write([`[${audience}] ${first}`, ...rest.map((l) => `    ${l}`)].join('\n'));
  }

  async function run(invocation: Invocation): Promise<void> {
    if (!actor) {
      deps.write('Say who you are first, e.g. `as ana`.');
      return;
    }
    await show(await deps.trellis.handle(actorInput(actor), invocation));
  }

  function parseSubmit(rest: string): Invocation {
    const [formId, ...pairs] = tokenize(rest);
    if (!formId) throw new UserError('Usage: submit <form> key="value" …', { code: 'MISSING_ARGUMENT' });
    const values: Record<string, string> = {};
    let context = actor ? deps.memory.lastForm(actor, formId)?.context : undefined;
    for (const pair of pairs) {
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new UserError(`"${pair}" should look like key=value.`, { code: 'INVALID_ARGUMENT' });
      const key = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (key === 'context') context = value;
      else values[key] = value;
    }
    return { kind: 'form', formId, values, context };
  }

  async function advance(minutes: number): Promise<void> {
    const target = new Date(deps.clock.now().getTime() + minutes * 60_000);
    // The console's people live in its zone (TRELLIS_CONSOLE_TZ): say what the time is there too.
    const zone = deps.timeZone ?? 'UTC';
    deps.write(`[clock] ${target.toISOString()} — ${formatLocal(target, zone)} in ${zone}`);
    if (deps.advanceTo) await deps.advanceTo(target);
    else {
      deps.clock.moveTo(target);
      await deps.runDue();
    }
    await deps.saveClock?.(deps.clock.offset);
  }

  /** One console line. Errors in the line itself are answered, never thrown. */
  async function handleLine(raw: string): Promise<void> {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [word = '', ...restWords] = line.split(/\s+/);
    const rest = restWords.join(' ');
    try {
      switch (word.toLowerCase()) {
        case 'as':
          if (!/^[a-z0-9._-]{1,32}$/i.test(rest)) throw new UserError('Usage: as <name> — letters, digits, dots, dashes.', { code: 'INVALID_ARGUMENT' });
          actor = rest.toLowerCase();
          return;
        case '/mentor':
          return await run({ kind: 'command', text: rest });
        case 'press': {
          const [action, given] = tokenize(rest);
          if (!action) throw new UserError('Usage: press <action> [value]', { code: 'MISSING_ARGUMENT' });
          // Without a value, press the newest button with that action shown to the current person.
          const value = given ?? (actor ? deps.memory.lastButton(actor, action)?.value : undefined);
          if (value === undefined) throw new UserError(`No "${action}" button has been shown to ${actor ?? 'you'}.`, { code: 'ACTION_EXPIRED' });
          return await run({ kind: 'action', action, value });
        }
        case 'submit':
          return await run(parseSubmit(rest));
        case 'advance':
          return await advance(parseDurationMinutes(rest || '?'));
        default:
          deps.write(HINT);
      }
    } catch (error) {
      if (error instanceof UserError) deps.write(error.message);
      else throw error;
    }
  }

  /** Reads lines until the input ends, handling each in order; resolves once all work is done. */
  async function runStream(input: Readable): Promise<void> {
    const lines = createInterface({ input, crlfDelay: Infinity, terminal: false });
    for await (const line of lines) await handleLine(line);
    await deps.runDue();
  }

  return { handleLine, runStream };
}
