import { textNaming } from '../commands/naming.js';
import { scopeOf, type CommandSpec } from '../commands/types.js';
import { firstCallState } from '../matching/activate.js';
import { message, privateReply, type Block, type Field } from '../messages/model.js';
import { renderPlain } from '../messages/plain-text.js';
import { loadProgramData, type ProgramData } from './data.js';
import { CALL_KINDS, hours, participantsOf, participantStats, percent, type ParticipantStats } from './stats.js';

const ROLE_LABELS: [string, string][] = [['mentor', 'Mentors'], ['mentee', 'Mentees'], ['supervisor', 'Supervisors']];

const countBy = <T>(items: T[], key: (t: T) => string): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};

function peopleFields(d: ProgramData): Field[] {
  return ROLE_LABELS.flatMap(([role, label]) => {
    const byStatus = countBy(d.enrollments.filter((e) => e.role === role), (e) => e.status);
    if (byStatus.size === 0) return role === 'supervisor' ? [] : [{ label, value: 'none' }];
    return [{ label, value: [...byStatus].map(([status, n]) => `${n} ${status}`).join(' · ') }];
  });
}

function matchFields(d: ProgramData): Field[] {
  const byStatus = countBy(d.matches, (m) => m.status);
  const overdue = d.matches.filter((m) => firstCallState(m, d.now).kind === 'overdue').length;
  return [
    { label: 'Matches', value: ['active', 'proposed', 'ended'].map((s) => `${byStatus.get(s) ?? 0} ${s}`).join(' · ') },
    { label: 'First calls overdue', value: String(overdue) },
  ];
}

function activityBlocks(d: ProgramData, rows: ParticipantStats[]): Block[] {
  const calls = d.calls.filter((c) => c.confirmation !== 'disputed');
  const kept = rows.reduce((n, r) => n + (r.cadence?.kept ?? 0), 0);
  const past = rows.reduce((n, r) => n + (r.cadence?.past ?? 0), 0);
  const answered = rows.reduce((n, r) => n + (r.reflections?.answered ?? 0), 0);
  const unanswered = rows.reduce((n, r) => n + (r.reflections?.unanswered ?? 0), 0);
  const pct = percent(kept, past);
  return [
    { type: 'heading', text: 'Calls logged (disputed ones left out)' },
    { type: 'fields', fields: [
      ...CALL_KINDS.map((k) => ({ label: k.replace('_', '-'), value: String(calls.filter((c) => c.kind === k).length) })),
      { label: 'Hours', value: String(hours(calls.reduce((sum, c) => sum + c.minutes, 0))) },
    ] },
    { type: 'progress', label: `Supervision cadence kept${pct === null ? '' : ` (${pct}%)`}`, value: kept, target: past, unit: 'periods' },
    { type: 'fields', fields: [
      { label: 'Reflection prompts answered', value: `yes ${answered} · no ${unanswered}` },
      { label: 'Participants who answered any', value: `${rows.filter((r) => (r.reflections?.answered ?? 0) > 0).length} of ${rows.filter((r) => r.reflections).length}` },
    ] },
  ];
}

export const overviewCommand: CommandSpec = {
  path: ['admin', 'overview'],
  summary: 'your program in counts: people, matches, overdue first calls, calls by kind, cadence kept, reflections answered',
  args: [],
  requires: 'coordinator',
  async run(ctx) {
    const { program } = scopeOf(ctx);
    const d = await loadProgramData(ctx, program);
    const rows = participantsOf(d).map((e) => participantStats(d, e));
    const blocks: Block[] = [
      { type: 'heading', text: `Program overview — ${program.name}` },
      { type: 'fields', fields: [...peopleFields(d), ...matchFields(d)] },
      ...activityBlocks(d, rows),
      { type: 'text', text: `Counts only: notes, journals and survey answers are never part of this view. \`${(ctx.naming ?? textNaming).command(['admin', 'export', 'csv'])}\` gives the same per participant.` },
    ];
    return privateReply(message(renderPlain(blocks), blocks));
  },
};
