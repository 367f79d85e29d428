// npm run chaos — two web and two worker processes over one Postgres and one Redis, 1,000
// participants on Slack and Discord fakes, an 8-week program compressed into minutes, commands
// arriving all along, while processes are SIGKILLed, Redis restarts empty and Postgres is cut
// for 10 s; then the audit: 0 lost, 0 duplicated, 0 acknowledged but not applied (exit 1 if not).
//
//   CHAOS_PARTICIPANTS=1000   CHAOS_WEEKS=8   CHAOS_RATE=14400 (program ms per real ms: 8 weeks ≈ 5.6 min)
//   CHAOS_COMMANDS_PER_SECOND=4   CHAOS_KILL_EVERY_S=20   CHAOS_PG_CUT_S=10   CHAOS_DRAIN_S=45
//   CHAOS_STARTUP_S=60   CHAOS_DATABASE_BASE_URL=postgresql://postgres@127.0.0.1:5432
//   CHAOS_FAULTS=off          the control run: the same load without any fault
import { z } from 'zod';
import { figures } from './report.js';
import { runChaos } from './run.js';

const number = (fallback: number) => z.coerce.number().positive().default(fallback);
const Env = z.object({
  CHAOS_PARTICIPANTS: number(1_000).pipe(z.number().int().min(2)),
  CHAOS_WEEKS: number(8),
  CHAOS_RATE: number(14_400),
  CHAOS_COMMANDS_PER_SECOND: number(4),
  CHAOS_KILL_EVERY_S: number(20),
  CHAOS_PG_CUT_S: number(10),
  CHAOS_DRAIN_S: number(45),
  CHAOS_STARTUP_S: number(60),
  CHAOS_FAULTS: z.enum(['on', 'off']).default('on'),
});

const parsed = Env.safeParse(Object.fromEntries(Object.entries(process.env).filter(([k, v]) => k.startsWith('CHAOS_') && v !== '')));
if (!parsed.success) {
  const issue = parsed.error.issues[0]!;
  process.stderr.write(`chaos: ${String(issue.path[0])} ${issue.message}\n`);
  process.exit(2);
}
const e = parsed.data;
const log = (line: string) => process.stderr.write(`${line}\n`);
const result = await runChaos({
  participants: e.CHAOS_PARTICIPANTS,
  weeks: e.CHAOS_WEEKS,
  rate: e.CHAOS_RATE,
  commandsPerSecond: e.CHAOS_COMMANDS_PER_SECOND,
  killEveryMs: e.CHAOS_KILL_EVERY_S * 1_000,
  postgresCutMs: e.CHAOS_PG_CUT_S * 1_000,
  drainMs: e.CHAOS_DRAIN_S * 1_000,
  startupMs: e.CHAOS_STARTUP_S * 1_000,
  faults: e.CHAOS_FAULTS === 'on',
  log,
});
process.stdout.write(`\nChaos run, ${new Date().toISOString()}\n\n${figures(result)}\n`);
const clean = result.audit.lost === 0 && result.audit.duplicated === 0 && result.audit.commands.unapplied === 0;
process.stdout.write(clean ? '\n0 lost, 0 duplicated, 0 acknowledged but not applied.\n' : '\nNOT CLEAN: see LOST, DUPLICATED and ACKED BUT NOT APPLIED above.\n');
process.exit(clean ? 0 : 1);
