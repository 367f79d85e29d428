// The clock every process of one deployment agrees on. Normally the system clock; with the
// rehearsal variables (TRELLIS_CLOCK_FROM/SINCE/RATE, checked in src/config/env.ts) program time
// runs faster than real time from a shared starting point, so separate web and worker processes
// (the chaos run) see the same program instant without talking to each other.
import type { Env } from '../config/env.js';
import type { EngineClock } from '../jobs/config.js';

export interface RehearsalClockSettings {
  /** Program instant at real time `since`. */
  from: Date;
  /** Real epoch milliseconds. */
  since: number;
  /** Program milliseconds per real millisecond. */
  rate: number;
}

/** Program time = from + (real now − since) × rate; before `since` it lies before `from`. */
export function rehearsalClock({ from, since, rate }: RehearsalClockSettings, realNow: () => number = Date.now): EngineClock {
  const start = from.getTime();
  return { rate, now: () => new Date(Math.round(start + (realNow() - since) * rate)) };
}

export function clockFromEnv(env: Pick<Env, 'TRELLIS_CLOCK_FROM' | 'TRELLIS_CLOCK_SINCE' | 'TRELLIS_CLOCK_RATE'>): EngineClock {
  const { TRELLIS_CLOCK_FROM: from, TRELLIS_CLOCK_SINCE: since, TRELLIS_CLOCK_RATE: rate } = env;
  if (from === undefined || since === undefined || rate === undefined) return { now: () => new Date() };
  return rehearsalClock({ from: new Date(from), since, rate });
}
