import { minimumKeptMinutes, periodsDue, programPosition, weekBounds, type ClockContext } from '../clock/index.js';
import type { CallLog, Enrollment, Program } from '../domain.js';
import type { Block } from '../messages/model.js';
import { formatLocalDate, localDateStart } from '../time/local-date.js';
import { phaseOutcomeBlocks } from '../programs/phase-outcomes.js';

export interface StatusInput {
  program: Program;
  enrollment: Enrollment;
  timeZone: string;
  /** Calls that count for this person: their own and those logged with them (see status-command). */
  calls: CallLog[];
  reflectionsAnswered: number;
  now: Date;
  /** Extra lines from other capabilities (first-call clock, next meeting …). */
  nextItems: string[];
  /** Set when someone else's progress is shown (a mentor's trainee): their name heads it, and their private counts stay out. */
  subject?: string;
}

const ROLE_NAMES: Record<string, string> = { mentor: 'mentor', mentee: 'mentee', coordinator: 'coordinator', supervisor: 'supervisor' };

/** A short supervision call is shown as short, not kept: it is below the phase's length less the template's tolerance. */
function shortLine(periods: number, minimum: number, callMinutes: number): string {
  const which = periods === 1 ? 'One supervision period has' : `${periods} supervision periods have`;
  return `${which} only a short call: it counts as kept from ${minimum} min (the phase's calls are ${callMinutes} min).`;
}

/** Week and phase, calls kept vs expected this phase, hours this week vs the commitment, what's next. */
export function statusBlocks(input: StatusInput): Block[] {
  const { program, enrollment, now } = input;
  // A copy: the caller's list stays as given; supervision and pause lines go first.
  const next = [...input.nextItems];
  const heading: Block = { type: 'heading', text: input.subject ? `${input.subject} — trainee` : `${program.name} — ${ROLE_NAMES[enrollment.role]}` };
  if (!enrollment.startDate) return [heading, { type: 'text', text: input.subject ? `${input.subject}'s program has not started yet.` : 'Your program has not started yet.' }, ...(input.subject && next.length ? [{ type: 'list' as const, items: next }] : [])];
  const ctx: ClockContext = { startDate: enrollment.startDate, timeZone: input.timeZone, pauses: enrollment.pauses, template: program.template };
  const position = programPosition(ctx, now);
  const total = program.template.weeks;
  // The clock also stands still on a program holiday, which the person did not ask for.
  const onHoliday = position.state === 'paused' && enrollment.status !== 'paused';
  const weekText = position.state === 'not-started'
    ? `Starts ${input.enrollment.startDate}`
    : `Week ${position.week}${total ? ` of ${total}` : ''}${position.state === 'paused' ? (onHoliday ? ' (program holiday)' : ' (paused)') : position.state === 'finished' ? ' (finished)' : ''}`;
  const blocks: Block[] = [heading, { type: 'fields', fields: [{ label: 'Program week', value: weekText }, { label: 'Phase', value: position.phase?.name ?? '—' }] }];
  const supervision = input.calls.filter((c) => c.kind === 'supervision').map((c) => ({ at: localDateStart(c.occurredOn, input.timeZone), minutes: c.minutes }));
  const phase = position.phase;
  if (phase && phase.supervision.cadence !== 'none') {
    const due = periodsDue(ctx, now, supervision).filter((p) => p.period.phaseKey === phase.key);
    const expected = due.filter((p) => p.timing !== 'upcoming').length;
    const kept = due.filter((p) => p.status === 'kept').length;
    blocks.push({ type: 'progress', label: `Supervision calls this phase (${phase.supervision.cadence}, ${phase.supervision.callMinutes} min)`, value: kept, target: expected, unit: 'kept' });
    const short = due.filter((p) => p.status !== 'kept' && p.timing !== 'upcoming' && p.shortCalls > 0);
    if (short.length) next.unshift(shortLine(short.length, minimumKeptMinutes(program.template, { callMinutes: phase.supervision.callMinutes ?? 0 }), phase.supervision.callMinutes ?? 0));
    const current = due.find((p) => p.timing === 'current');
    if (current && current.status === 'current') next.unshift(`A supervision call is due this ${phase.supervision.cadence === 'weekly' ? 'week' : 'period'}.`);
  }
  const bounds = position.state === 'active' ? weekBounds(ctx, position.week) : null;
  if (phase?.weeklyHours && bounds) {
    const minutes = input.calls
      .filter((c) => {
        const at = localDateStart(c.occurredOn, input.timeZone).getTime();
        return at >= bounds.start.getTime() && at < bounds.end.getTime();
      })
      .reduce((sum, c) => sum + c.minutes, 0);
    blocks.push({ type: 'progress', label: `Hours this week (commitment ${phase.weeklyHours.min}–${phase.weeklyHours.max} h)`, value: Math.round((minutes / 60) * 10) / 10, target: phase.weeklyHours.min, unit: 'h' });
  }
  if (!input.subject) blocks.push({ type: 'fields', fields: [{ label: 'Reflections answered', value: String(input.reflectionsAnswered) }] });
  // What the phase builds toward: the person's own status only (a mentor's list of trainees stays short).
  if (phase && !input.subject) blocks.push(...phaseOutcomeBlocks(phase));
  const pausedLine = input.subject ? `${input.subject} has paused the program.` : 'Your program is paused; `/mentor resume` restarts the clock.';
  if (position.state === 'paused') next.unshift(onHoliday ? 'A program holiday: no reminders, and the program clock waits until it ends.' : pausedLine);
  if (bounds && position.state === 'active') next.push(`This program week ends ${formatLocalDate(bounds.end, input.timeZone)}.`);
  if (next.length) blocks.push({ type: 'heading', text: 'Next' }, { type: 'list', items: next });
  return blocks;
}
