// The core's "matches complete when the program ends" rule, wired for the nudge engine: the
// engine finds the candidates (src/store) and calls this on its plan schedule.
import { completeMatchesAtProgramEnd } from '../core/matching/program-end.js';
import type { Store } from '../core/ports/repositories.js';
import type { Logger } from './logger.js';

export function programEndCompletion(store: Store, logger: Logger): (now: Date, matchIds: string[]) => Promise<string[]> {
  return (now, matchIds) => completeMatchesAtProgramEnd(store, now, matchIds, (matchId, err) => logger.warn({ err, matchId }, 'a match could not be completed at its program end; the next plan tries again'));
}
