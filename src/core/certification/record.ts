// What a trainee's program record says at a moment, for the certificate's conditions: the week
// reached, supervision periods kept against those due, hours logged against the commitment.
// Built from the same clock and the same "calls that count" as status, so the two never disagree.
import { expectedHoursToDate, periodsDue, programPosition, type ClockContext } from '../clock/index.js';
import type { CommandContext } from '../commands/types.js';
import type { Person } from '../domain.js';
import { callsFor } from '../status/match-lines.js';
import { localDateStart } from '../time/local-date.js';
import type { Trainee } from './trainee.js';

export interface TraineeRecord {
  /** Null before the program starts. */
  week: number | null;
  finished: boolean;
  /** Supervision periods behind the trainee (or kept early), and how many were kept. */
  supervisionDue: number;
  supervisionKept: number;
  /** Hours in every counted call, one decimal. */
  hoursLogged: number;
  /** The least the weekly commitments add up to over the completed weeks. */
  hoursCommitted: number;
}

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

export async function traineeRecord(ctx: CommandContext, trainee: Trainee, person: Person): Promise<TraineeRecord> {
  const { enrollment, program } = trainee;
  const calls = await callsFor(ctx, enrollment);
  const hoursLogged = oneDecimal(calls.reduce((sum, c) => sum + c.minutes, 0) / 60);
  if (!enrollment.startDate) return { week: null, finished: false, supervisionDue: 0, supervisionKept: 0, hoursLogged, hoursCommitted: 0 };
  const clock: ClockContext = { startDate: enrollment.startDate, timeZone: person.timeZone, pauses: enrollment.pauses, template: program.template };
  const position = programPosition(clock, ctx.now);
  const supervision = calls.filter((c) => c.kind === 'supervision').map((c) => ({ at: localDateStart(c.occurredOn, person.timeZone), minutes: c.minutes }));
  const periods = periodsDue(clock, ctx.now, supervision);
  return {
    week: position.state === 'not-started' ? null : position.week,
    finished: position.state === 'finished',
    supervisionDue: periods.filter((p) => p.timing === 'past' || p.status === 'kept').length,
    supervisionKept: periods.filter((p) => p.status === 'kept').length,
    hoursLogged,
    hoursCommitted: oneDecimal(expectedHoursToDate(clock, ctx.now).min),
  };
}
