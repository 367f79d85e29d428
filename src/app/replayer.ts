// Replays acknowledged requests whose web process died before applying them (the durable intake,
// src/platform/intake.ts). It runs in every web process, on a timer: the web process is where a
// request can be run again as it first ran — Bolt's listeners, the Discord handler, their
// renderers and reply routes (response_url, interaction webhooks) all live there, and a web
// process that restarts after a crash replays at once what it and its peers left behind. The
// worker has none of that and would need a second copy of the adapters' request handling.
import type { Logger } from './logger.js';
import type { PlatformRuntime } from '../platform/contract.js';
import type { IntakeRecords } from '../platform/intake.js';

export interface ReplayerOptions {
  intake: IntakeRecords;
  platforms: PlatformRuntime[];
  logger: Logger;
  /** The grace period (TRELLIS_REPLAY_AFTER_SECONDS): the first process may still be at it. */
  afterMs: number;
  /** How often to look (default: a quarter of the grace period, at most 5 s). */
  everyMs?: number;
  now?: () => number;
}

/** A claim keeps other web processes away this long: far more than a command and its answer take. */
export const REPLAY_LEASE_MS = 120_000;
/** A request that failed to replay this many times is left alone (the cleanup job deletes it). */
export const REPLAY_MAX_ATTEMPTS = 3;
const BATCH = 20;

export interface Replayer {
  /** One pass: claims what is due and replays it; returns how many were replayed. */
  runOnce(): Promise<number>;
  close(): Promise<void>;
}

export function startReplayer(options: ReplayerOptions): Replayer {
  const now = options.now ?? Date.now;
  const byPlatform = new Map(options.platforms.flatMap((p) => (p.replay ? [[p.platform, p.replay] as const] : [])));
  let running: Promise<number> | undefined;
  let stopped = false;

  async function pass(): Promise<number> {
    const at = now();
    // Only the platforms this process serves: another web process may serve the others.
    const claimed = byPlatform.size ? await options.intake.claim({ receivedBefore: new Date(at - options.afterMs), now: new Date(at), leaseMs: REPLAY_LEASE_MS, limit: BATCH, maxAttempts: REPLAY_MAX_ATTEMPTS }) : [];
    let replayed = 0;
    await Promise.all(
      claimed.map(async (request) => {
        const replay = byPlatform.get(request.platform);
        if (!replay) {
          options.intake.release(request.id);
          return options.logger.warn({ id: request.id, platform: request.platform }, 'a written-down request is for a platform this web process does not serve');
        }
        try {
          await replay(request);
          replayed++;
          options.logger.info({ id: request.id, attempts: request.attempts }, 'replayed a request its web process acknowledged but did not finish');
        } catch (error) {
          options.intake.release(request.id);
          options.logger.error({ err: error, id: request.id, attempts: request.attempts }, 'a written-down request could not be replayed; it is tried again after its lease');
        }
      }),
    );
    return replayed;
  }

  const runOnce = (): Promise<number> => {
    running ??= pass().finally(() => (running = undefined));
    return running;
  };

  const everyMs = options.everyMs ?? Math.min(5_000, Math.max(250, options.afterMs / 4));
  const timer = setInterval(() => {
    if (stopped) return;
    runOnce().catch((error: unknown) => options.logger.warn({ err: error }, 'looking for requests to replay failed; trying again shortly'));
  }, everyMs);
  timer.unref();

  return {
    runOnce,
    async close() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
