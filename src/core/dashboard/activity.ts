// Fidelity counts over the program's participants: supervision kept per phase, hours against the
// commitment per phase, first calls on time, reflections answered, check-ins by reason.
import { expectedHoursToDate, periodsDue, weeksSpan, type ClockContext } from '../clock/index.js';
import type { CheckInReason, Enrollment } from '../domain.js';
import { participantsOf, participantStats } from '../program-view/stats.js';
import type { ProgramData } from '../program-view/data.js';
import { localDateStart } from '../time/local-date.js';
import { chart, type Chart } from './model.js';

const clockOf = (d: ProgramData, e: Enrollment): ClockContext | null =>
  e.startDate ? { startDate: e.startDate, timeZone: d.people.get(e.personId)?.timeZone ?? 'UTC', pauses: e.pauses, template: d.program.template } : null;

const menteesWithClock = (d: ProgramData) => participantsOf(d).filter((e) => e.role === 'mentee').flatMap((e) => { const c = clockOf(d, e); return c ? [{ e, clock: c }] : []; });

const ownCalls = (d: ProgramData, e: Enrollment) => {
  const matchIds = new Set(d.matches.filter((m) => m.menteeEnrollmentId === e.id || m.mentorEnrollmentId === e.id).map((m) => m.id));
  return d.calls.filter((c) => c.confirmation !== 'disputed' && (c.enrollmentId === e.id || (c.matchId !== null && matchIds.has(c.matchId))));
};

export function supervisionChart(d: ProgramData): Chart {
  const mentees = menteesWithClock(d);
  const phases = d.program.template.phases.filter((p) => p.supervision.cadence !== 'none');
  const rows = phases.map((p) => ({ label: p.name, values: [0, 0] }));
  for (const { e, clock } of mentees) {
    const dates = ownCalls(d, e).filter((c) => c.kind === 'supervision').map((c) => ({ at: localDateStart(c.occurredOn, clock.timeZone), minutes: c.minutes }));
    for (const due of periodsDue(clock, d.now, dates).filter((p) => p.timing === 'past')) {
      const row = rows[phases.findIndex((p) => p.key === due.period.phaseKey)];
      if (!row) continue;
      row.values[1]! += 1;
      if (due.status === 'kept') row.values[0]! += 1;
    }
  }
  return chart({ id: 'supervision', title: 'Supervision kept vs expected, per phase', note: 'Supervision periods that are over, across all trainees: how many had a call long enough to count (the template sets the tolerance).', series: ['kept', 'expected'], rows }, mentees.length, 'trainees');
}

export function hoursChart(d: ProgramData): Chart {
  const mentees = menteesWithClock(d);
  const phases = d.program.template.phases.filter((p) => p.weeklyHours);
  const rows = phases.map((p) => ({ label: p.name, values: [0, 0, 0] }));
  for (const { e, clock } of mentees) {
    const done = expectedHoursToDate(clock, d.now).completedWeeks;
    const calls = ownCalls(d, e);
    phases.forEach((p, i) => {
      const weeks = Math.max(0, Math.min(p.endWeek ?? Infinity, done) - p.startWeek + 1);
      rows[i]!.values[1]! += weeks * (p.weeklyHours?.min ?? 0);
      rows[i]!.values[2]! += weeks * (p.weeklyHours?.max ?? 0);
      const span = weeks > 0 ? weeksSpan(clock, p.startWeek, p.startWeek + weeks - 1) : null;
      if (!span) return;
      const minutes = calls.filter((c) => { const at = localDateStart(c.occurredOn, clock.timeZone); return at >= span.start && at < span.end; }).reduce((n, c) => n + c.minutes, 0);
      rows[i]!.values[0]! += Math.round((minutes / 60) * 10) / 10;
    });
  }
  for (const r of rows) r.values[0] = Math.round(r.values[0]! * 10) / 10;
  return chart({ id: 'hours', title: 'Hours logged vs the weekly commitment, per phase', note: 'Hours of calls in completed weeks, against the commitment range (minimum and maximum) for those weeks, all trainees together.', series: ['logged', 'commitment (min)', 'commitment (max)'], rows }, mentees.length, 'trainees');
}

export function firstCallChart(d: ProgramData): Chart {
  const timed = d.matches.filter((m) => m.activatedAt && m.firstCallDueAt);
  const count = (pred: (m: (typeof timed)[number]) => boolean) => timed.filter(pred).length;
  const onTime = count((m) => !!m.firstCallAt && m.firstCallAt <= m.firstCallDueAt!);
  const late = count((m) => (m.firstCallAt ? m.firstCallAt > m.firstCallDueAt! : m.status === 'ended' || d.now > m.firstCallDueAt!));
  const rows = [{ label: 'on time', values: [onTime] }, { label: 'late or missed', values: [late] }, { label: 'clock still running', values: [timed.length - onTime - late] }];
  if (!d.program.template.firstCallWithinDays) {
    return { id: 'first-calls', title: 'First calls on time', note: '', series: ['matches'], rows: [], withheld: `${d.program.template.name} sets no first-call deadline.` };
  }
  return chart({ id: 'first-calls', title: 'First calls on time', note: "Matches with a first-call deadline: whether the first call was logged before it.", series: ['matches'], rows }, timed.length, 'matches');
}

export function reflectionChart(d: ProgramData): Chart {
  const reflecting = participantsOf(d).map((e) => participantStats(d, e)).filter((s) => s.reflections);
  const answered = reflecting.reduce((n, s) => n + s.reflections!.answered, 0);
  const unanswered = reflecting.reduce((n, s) => n + s.reflections!.unanswered, 0);
  return chart({ id: 'reflections', title: 'Reflection prompts answered', note: 'Weekly prompts of weeks that are over, across the trainees who are sent them (mentors are not). Answers themselves are never shown.', series: ['prompts'], rows: [{ label: 'answered', values: [answered] }, { label: 'not answered', values: [unanswered] }] }, reflecting.length, 'trainees');
}

const REASONS: [CheckInReason, string][] = [['safety', 'safety'], ['impasse', 'impasse'], ['failed_activity', 'activity that failed'], ['uncertain', 'uncertain']];

export function checkInChart(checkIns: { enrollmentId: string; reason: CheckInReason }[], d: ProgramData): Chart {
  const rows = REASONS.map(([reason, label]) => ({ label, values: [checkIns.filter((c) => c.reason === reason).length] }));
  return chart({ id: 'check-ins', title: 'Check-ins by reason', note: 'Debriefs asked for from a call or a reflection, by reason only.', series: ['check-ins'], rows }, participantsOf(d).length, 'participants');
}
