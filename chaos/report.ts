// The figures table of a chaos run (printed at the end; the long run's goes into BENCHMARKS.md).
import { cpus } from 'node:os';
import type { ChaosResult } from './run.js';

export function figures(r: ChaosResult): string {
  const a = r.audit;
  const c = a.commands;
  const rows: Array<[string, string | number]> = [
    ['participants (Slack / Discord)', `${r.options.participants} (${Math.ceil(r.options.participants / 2)} / ${Math.floor(r.options.participants / 2)})`],
    ['program time run', `${r.programDays.toFixed(1)} days at ${r.options.rate}× in ${r.realSeconds.toFixed(0)} s real (incl. ${r.options.drainMs / 1000} s drain)`],
    ['processes', `2 web + 2 worker, ${r.restarts} restarts${r.options.faults ? '' : ' (control run: no faults)'}`],
    ['SIGKILLs (web / worker)', `${r.faults.kills.web} / ${r.faults.kills.worker}`],
    ['Redis restarts, data flushed', r.faults.redisRestarts],
    ['Postgres cuts', `${r.faults.postgresCuts} × ${r.options.postgresCutMs / 1000} s`],
    ['nudge + outbox rows', a.rows],
    ['  due by the cut-off', a.dueByCutoff],
    ['  sent / skipped / failed', `${a.sent} / ${a.skipped} / ${a.failed}`],
    ['received (Slack / Discord)', `${a.received.slack} / ${a.received.discord}`],
    ['Discord repeats absorbed by nonce', a.discordNonceRepeats],
    ['Slack counted by', a.slackCountedBy === 'key' ? 'message key' : 'messages per DM (Slack messages carry no key)'],
    ['LOST', `${a.lost} (sent not received ${a.sentNotReceived}, due and never sent ${a.stuckOpen})`],
    ['DUPLICATED', a.duplicated],
    ['received but not marked sent', a.receivedNotMarked],
    ['commands sent / acked / applied', `${c.sent} / ${c.acked} / ${c.applied}`],
    ['ACKED BUT NOT APPLIED', `${c.unapplied} (told it went wrong ${c.unappliedToldFailed}, told it was done ${c.unappliedToldDone}, no answer ${c.unappliedUnanswered})`],
    ['applied twice / applied without ack', `${c.appliedTwice} / ${c.notAckedButApplied}`],
    ['load average (1/5/15) start → end', `${r.loadAverage.start.map((l) => l.toFixed(2)).join(' ')} → ${r.loadAverage.end.map((l) => l.toFixed(2)).join(' ')} (${cpus().length} cores)`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `| ${k.padEnd(width)} | ${v} |`);
  const examples = Object.entries(a.examples).filter(([, list]) => list.length).map(([kind, list]) => `  ${kind}: ${list.join('; ')}`);
  return [`| ${'figure'.padEnd(width)} | value |`, `|${'-'.repeat(width + 2)}|-------|`, ...lines, ...(examples.length ? ['', 'examples:', ...examples] : [])].join('\n');
}
