import type { NextFunction, Request, Response } from 'express';
import type { Metrics } from './metrics.js';

/**
 * The platforms' request paths, and which platform each belongs to. Slack and Discord both wait
 * for our HTTP answer (3 s each) before they show the person anything, so the time to that answer
 * is the latency people feel; labels stay in closed sets (platform, outcome), never people.
 */
const PLATFORM_PATHS: ReadonlyArray<readonly [string, 'slack' | 'discord']> = [
  ['/slack/events', 'slack'],
  ['/discord/interactions', 'discord'],
];

export function outcomeOf(status: number): 'acknowledged' | 'refused' | 'failed' {
  if (status >= 500) return 'failed';
  return status >= 400 ? 'refused' : 'acknowledged';
}

/** Counts every platform request and times its answer (from arrival to the last byte sent). */
export function measureAcks(metrics: Pick<Metrics, 'commands' | 'ackSeconds'>) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const platform = req.method === 'POST' ? PLATFORM_PATHS.find(([path]) => req.path === path)?.[1] : undefined;
    if (!platform) return next();
    const stop = metrics.ackSeconds.startTimer({ platform });
    res.on('finish', () => {
      stop();
      metrics.commands.inc({ platform, outcome: outcomeOf(res.statusCode) });
    });
    next();
  };
}
