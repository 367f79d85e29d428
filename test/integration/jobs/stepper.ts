// Moves a test clock through time the way production time passes: from one due nudge (or one
// scripted event) to the next, running the engine's due work at each stop.
import type { NudgeEngine } from '../../../src/jobs/engine.js';
import { nextDueAt, type Harness } from './harness.js';

export interface ScriptedEvent {
  at: Date;
  run: () => Promise<unknown>;
}

const DAY_MS = 86_400_000;

export async function runThrough(h: Harness, engine: NudgeEngine, until: Date, events: ScriptedEvent[] = []): Promise<number> {
  const pending = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  let stops = 0;
  for (;;) {
    const now = h.clock.now().getTime();
    const due = (await nextDueAt(h))?.getTime() ?? Infinity;
    // At most a day at a time, so the planner's 48 h horizon always sees what comes next.
    const next = Math.max(now + 1_000, Math.min(due, pending[0]?.at.getTime() ?? Infinity, now + DAY_MS));
    if (next > until.getTime()) return stops;
    h.clock.set(new Date(next));
    while (pending[0] && pending[0].at.getTime() <= next) await pending.shift()!.run();
    await engine.runDue();
    stops++;
  }
}
