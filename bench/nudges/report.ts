import { fmt } from './stats.js';

export interface WeekResult {
  rows: number;
  planMs: number;
  replanMs: number;
  dispatchMs: number;
  jobs: number;
  weighHours: number;
  bytesPerJob: number;
  /** Jobs due in the busiest 15 minutes of the week: what Redis holds at worst in production. */
  peak15: number;
  due: number[];
}

export interface RunResult {
  rateLimits: boolean;
  total: number;
  /** Due but no longer applicable (e.g. a follow-up whose prompt was not sent in this run). */
  skipped: number;
  delivered: number;
  open: number;
  stoppedAfter: number;
  rate: number;
  p50: number;
  p99: number;
  /** Largest number of sends in any 1 s, by the senders' clock and as the fake received them. */
  maxPerSecond: number;
  maxReceivedPerSecond: number;
  /** Workspaces that received anything, and the most one of them got in any 1 s. */
  workspaces: number;
  maxWorkspacePerSecond: number;
  maxWorkspaceReceivedPerSecond: number;
  minChannelGap: number;
  minReceivedGap: number;
  repeats: number;
  /** TCP connections the fake accepted during the run (keep-alive: a few per worker, not one per message). */
  connections: number;
}

const seconds = (ms: number) => `${fmt(ms / 1000, 1)} s`;
const applicable = (r: RunResult) => r.total - r.skipped;

/**
 * Measured percentiles; when the run was cut off before they were reached, what a steady drain at
 * the measured rate gives (the k-th of N messages due at once goes out at k / rate).
 */
function lateness(r: RunResult): string {
  const at = (p: number, measured: number) =>
    Number.isFinite(measured) ? seconds(measured) : `≈ ${seconds(((p / 100) * applicable(r) * 1000) / r.rate)} (extrapolated)`;
  return `p50 ${at(50, r.p50)} · p99 ${at(99, r.p99)}`;
}

function delivered(r: RunResult): string {
  const cut = r.open > 0 ? `; stopped after ${fmt(r.stoppedAfter, 0)} s with ${fmt(r.open)} left, so all would take ≈ ${fmt(applicable(r) / r.rate)} s` : '';
  const moved = applicable(r) - r.delivered - r.open;
  const quiet = moved > 0 ? `, ${fmt(moved)} moved to the end of quiet hours` : '';
  return `${fmt(r.delivered)} of ${fmt(applicable(r))} delivered (${fmt(r.skipped)} no longer applied${quiet}) at ${fmt(r.rate, 1)}/s over ${fmt(r.connections)} HTTP connections${cut}`;
}

function rates(r: RunResult): string {
  const gap = (ms: number) => (Number.isFinite(ms) ? `${fmt(ms)} ms` : '—');
  return `sent: max ${fmt(r.maxPerSecond)} in any 1 s, closest two to one DM ${gap(r.minChannelGap)} (${fmt(r.repeats)} repeat DMs); received: max ${fmt(r.maxReceivedPerSecond)} in any 1 s, closest ${gap(r.minReceivedGap)}`;
}

export interface FloorRun {
  delivered: number;
  rate: number;
}

/** The limits burst: many workspaces at once, each held to its own cap. */
export function burstReport(r: { n: number; workspaces: number; run: RunResult }): string {
  const { run } = r;
  return [
    `#### Limits on: a burst due at once across ${fmt(r.workspaces)} workspaces (${fmt(r.n)} participants)`,
    '',
    '| measure | value |',
    '|---|---|',
    `| burst of ${fmt(run.total)} due at once | ${delivered(run)} |`,
    `| workspaces reached | ${fmt(run.workspaces)} |`,
    `| most to one workspace in any 1 s (cap 45) | sent ${fmt(run.maxWorkspacePerSecond)}, received ${fmt(run.maxWorkspaceReceivedPerSecond)} |`,
    `| per DM (1 per 1.1 s) | ${rates(run)} |`,
    '',
  ].join('\n');
}

export function report(r: { n: number; seedMs: number; week: WeekResult; spikeAt: string; floor: FloorRun; drain: RunResult; capped: RunResult; off: RunResult; on: RunResult; workers: number }): string {
  const { n, week } = r;
  return [
    `#### ${fmt(n)} participants`,
    '',
    '| measure | value |',
    '|---|---|',
    `| seed (SQL) | ${fmt(r.seedMs / 1000, 1)} s |`,
    `| plan a week | ${fmt(week.rows)} occurrences (${fmt(week.rows / n, 2)} per participant) in ${fmt(week.planMs / 1000, 1)} s = ${fmt(week.rows / (week.planMs / 1000))} rows/s |`,
    `| re-plan the same week (every row exists) | ${fmt(week.replanMs / 1000, 1)} s |`,
    `| dispatch ${week.weighHours === 168 ? 'the week' : `the first ${week.weighHours} h`} into Redis | ${fmt(week.jobs)} rows (in delayed batch jobs, one per due second) in ${fmt(week.dispatchMs / 1000, 1)} s = ${fmt(week.jobs / (week.dispatchMs / 1000))} rows/s |`,
    `| Redis memory per dispatched row | ${fmt(week.bytesPerJob)} B |`,
    `| Redis memory per participant (15 min horizon) | busiest 15 min: ${fmt(week.peak15)} rows → ${fmt((week.peak15 * week.bytesPerJob) / n, 1)} B per participant (the whole week in Redis would be ${fmt((week.rows * week.bytesPerJob) / n)} B) |`,
    `| floor: bare BullMQ worker (1 process, concurrency 16, WebClient to the same fake), ${fmt(r.floor.delivered)} jobs | ${fmt(r.floor.rate, 1)}/s |`,
    `| limits off, backlog of ${fmt(r.drain.total)} due at once | ${delivered(r.drain)} |`,
    `| **limits off, ratio to the floor (same run)** | **${fmt(r.drain.rate / r.floor.rate, 2)}** |`,
    `| limits off, a week of nudges | ${fmt(week.rows)} messages at ${fmt(r.drain.rate, 1)}/s ≈ ${fmt(week.rows / r.drain.rate / 60, 1)} min of ${r.workers} worker processes |`,
    `| limits on, backlog of ${fmt(r.capped.total)} due at once | ${delivered(r.capped)} |`,
    `| limits on, backlog: rates (45/s and 1 per 1.1 s per DM enforced) | ${rates(r.capped)} |`,
    `| limits off, busiest minute (${r.spikeAt}) | ${delivered(r.off)} |`,
    `| limits off, lateness after due | ${lateness(r.off)} |`,
    `| limits on, busiest minute | ${delivered(r.on)} |`,
    `| limits on, lateness after due | ${lateness(r.on)} |`,
    `| limits on, rates (45/s and 1 per 1.1 s per DM enforced) | ${rates(r.on)} |`,
    '',
  ].join('\n');
}
