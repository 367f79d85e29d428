import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformRuntime } from '../../../src/platform/contract.js';
import { uniqueName } from '../../support/db.js';
import { certMentor, certTrainee, ConsoleSession } from '../../support/console-session.js';

// The console's `advance` moves time in due order: a 40-week certification run typed into the
// console gives every person the same nudges whether time moves a day or a week per line.
const WEEKS = 41;

interface Run {
  session: ConsoleSession;
  /** Nudge keys each person (or channel) received, ids replaced by names. */
  received: Map<string, string[]>;
}

const runs: Run[] = [];

async function fortyWeeks(step: '1d' | '7d'): Promise<Run> {
  const id = uniqueName('fw').replace(/-/g, '');
  const [cora, mo, tia] = [`cora${id}`, `mo${id}`, `tia${id}`];
  const received = new Map<string, string[]>();
  const platform = (): PlatformRuntime => ({
    platform: 'console',
    async send(target, _message, options) {
      const who = target.kind === 'dm' ? target.userExternalId.replace(id, '') : 'channel';
      const key = (options?.idempotencyKey ?? '').replace(/:[0-9a-f-]{36}/g, ':id');
      if (!key.startsWith('outbound')) received.set(who, [...(received.get(who) ?? []), key]);
    },
    stop: async () => undefined,
  });
  const session = await ConsoleSession.withProgram({
    coordinator: cora,
    setup: ['/mentor admin cohort create peers'],
    joiners: [certMentor(mo), certTrainee(tia, 'Mon 19:00-21:00', 'Lead a family meeting')],
    matches: [[mo, tia]],
    then: [`/mentor admin cohort add peers @${tia}`, '/mentor admin cohort schedule peers 2026-06-02 18:00'],
  }, { platform });
  const run: Run = { session, received };
  runs.push(run);
  const days = WEEKS * 7;
  const lines = step === '1d' ? Array.from({ length: days }, () => 'advance 1d') : Array.from({ length: days / 7 }, () => 'advance 7d');
  await run.session.run(lines.join('\n'));
  return run;
}

describe('the console keeps time: a 40-week run with advance 1d and with advance 7d', () => {
  let daily: Run;
  let weekly: Run;
  beforeAll(async () => {
    daily = await fortyWeeks('1d');
    weekly = await fortyWeeks('7d');
  }, 900_000);

  afterAll(async () => {
    for (const run of runs) await run.session.close();
  });

  const kinds = (run: Run, who: string) => (run.received.get(who) ?? []).map((k) => k.split(':')[0]);
  const count = (run: Run, who: string, kind: string) => kinds(run, who).filter((k) => k === kind).length;

  it('delivers every reflection prompt, cohort reminder and all 12 phase-1 supervision nudges with advance 7d', () => {
    expect(count(weekly, 'tia', 'reflection')).toBe(40);
    expect(count(weekly, 'channel', 'cohort')).toBeGreaterThanOrEqual(2);
    const phase1 = (weekly.received.get('tia') ?? []).filter((k) => k.startsWith('supervision:') && Number(k.split(':p')[1]) < 12);
    expect(phase1).toHaveLength(12);
  });

  it('gives each person the same nudges with advance 1d and advance 7d', () => {
    for (const who of new Set([...daily.received.keys(), ...weekly.received.keys()])) {
      expect([who, [...(weekly.received.get(who) ?? [])].sort()]).toEqual([who, [...(daily.received.get(who) ?? [])].sort()]);
    }
    expect(daily.received.get('tia')?.length).toBeGreaterThan(100);
  });

  it('keeps the clock where the last advance left it', async () => {
    expect(weekly.session.clock.now().toISOString()).toBe(daily.session.clock.now().toISOString());
    expect(weekly.session.clock.now().getTime()).toBe(new Date('2026-03-02T14:00:00Z').getTime() + WEEKS * 7 * 86_400_000);
  });
});
