// The short chaos run (npm run chaos in small): two web and two worker processes over one
// Postgres and one Redis of their own, 200 participants on Slack and Discord fakes, one program
// week at 14,400× (about 42 s), commands all along, SIGKILLs every few seconds, a Redis restart
// with its data flushed and a 10 s Postgres cut; then the audit. About 2–3 minutes.
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { runChaos } from '../../../chaos/run.js';
import { figures } from '../../../chaos/report.js';

/**
 * Guarantees other branches deliver (issue 13). Until they merge, main does not hold them under
 * these faults, and the run measures how far off it is instead of failing on it. Switch each on
 * when its branch lands:
 *  - NO_LOSS (branch B): after Redis comes back empty, the repeatable plan/dispatch/reconcile jobs
 *    are gone until some process restarts, so rows due meanwhile stay planned or queued.
 *  - NO_UNAPPLIED (branch C): a command acknowledged while Postgres is cut (or whose web process is
 *    killed before the core ran it) is answered "nothing was changed" or not at all, never replayed.
 *  - NO_DUPLICATES (branch B): a worker killed between the platform call and marking the row sent
 *    sends it again once the lease runs out (Slack has no nonce; Discord's nonce absorbs it).
 * Measured on this branch merged with main after B (exactly-once) and C (durable-intake) landed
 * (2026-11-30): lost 0, duplicated 0 — switch NO_LOSS and NO_DUPLICATES on with the merge — but
 * 15 of 66 acknowledged commands unapplied (9 told "nothing was changed" around the Postgres cut,
 * 6 never answered after a web SIGKILL), so NO_UNAPPLIED stays off until the intake replays those.
 */
const NO_LOSS = false;
const NO_UNAPPLIED = false;
const NO_DUPLICATES = false;

describe('chaos run (short)', () => {
  it('delivers every due nudge and outbox message once and applies every acknowledged command, through kills, a Redis flush and a Postgres cut', async () => {
    const base = new URL(inject('databaseUrl'));
    base.pathname = '';
    const lines: string[] = [];
    const result = await runChaos({
      participants: 200,
      weeks: 1,
      rate: 14_400,
      commandsPerSecond: 3,
      killEveryMs: 8_000,
      postgresCutMs: 10_000,
      drainMs: 30_000,
      startupMs: 45_000,
      databaseBaseUrl: base.toString(),
      log: (line) => lines.push(line),
    });
    const a = result.audit;
    const table = figures(result);
    // The figures in the test output, so a failure (or a gap still open on main) shows its size.
    console.log(`${table}\n\n${lines.filter((l) => l.includes('fault')).join('\n')}`);

    // The run really ran: faults happened, nudges and outbox messages went out, commands came in.
    expect(result.faults.kills.web + result.faults.kills.worker, table).toBeGreaterThanOrEqual(2);
    expect(result.faults.redisRestarts).toBe(1);
    expect(result.faults.postgresCuts).toBe(1);
    expect(a.sent, table).toBeGreaterThan(200);
    expect(a.received.slack + a.received.discord, table).toBeGreaterThan(200);
    // At 3/s for ~45 s; on two shared cores under others' load many miss Slack's 3 s, so only a floor.
    expect(a.commands.acked, table).toBeGreaterThanOrEqual(10);
    expect(a.commands.applied, table).toBeGreaterThan(0);

    // Never: a row marked sent that no platform received, or a command applied twice.
    expect(a.sentNotReceived, table).toBe(0);
    expect(a.commands.appliedTwice, table).toBe(0);
    // Never: a person told their call was logged when it was not.
    expect(a.commands.unappliedToldDone, table).toBe(0);

    if (NO_LOSS) expect(a.lost, table).toBe(0);
    if (NO_DUPLICATES) expect(a.duplicated, table).toBe(0);
    if (NO_UNAPPLIED) expect(a.commands.unapplied, table).toBe(0);
  }, 300_000);
});
