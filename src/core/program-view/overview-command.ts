import { textNaming } from '../commands/naming.js';
import { scopeOf, type CommandSpec } from '../commands/types.js';
import { firstCallState } from '../matching/activate.js';
import { message, privateReply, type Block, type Field } from '../messages/model.js';
import { renderPlain } from '../messages/plain-text.js';
import { callKindsOf, stepsBack } from '../programs/rules.js';
import { loadProgramData, type ProgramData } from './data.js';
import { stepBackBlocks } from './step-back.js';
import { hours, MIN_GROUP, participantsOf, participantStats, percent, type ParticipantStats } from './stats.js';

const ROLE_LABELS: [string, string][] = [['mentor', 'Mentors'], ['mentee', 'Mentees'], ['supervisor', 'Supervisors']];

const countBy = <T>(items: T[], key: (t: T) => string): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};

/** People per role; a role with fewer than five is never broken down by status. */
function peopleFields(d: ProgramData): Field[] {
  return ROLE_LABELS.flatMap(([role, label]) => {
    const mine = d.enrollments.filter((e) => e.role === role && e.status !== 'declined');
    if (mine.length === 0) return role === 'supervisor' ? [] : [{ label, value: 'none' }];
    if (mine.length < MIN_GROUP) return [{ label, value: String(mine.length) }];
    return [{ label, value: [...countBy(mine, (e) => e.status)].map(([status, n]) => `${n} ${status}`).join(' · ') }];
  });
}

function matchFields(d: ProgramData): Field[] {
  // A match that reached the program's end is completed, not ended: the two are counted apart.
  const byStatus = countBy(d.matches, (m) => (m.endReason === 'completed' ? 'completed' : m.status));
  const overdue = d.matches.filter((m) => firstCallState(m, d.now).kind === 'overdue').length;
  const shown = ['active', 'proposed', 'ended', ...(byStatus.has('completed') ? ['completed'] : [])];
  return [
    { label: 'Matches', value: shown.map((s) => `${byStatus.get(s) ?? 0} ${s}`).join(' · ') },
    { label: 'First calls overdue', value: String(overdue) },
  ];
}

function activityBlocks(d: ProgramData, rows: ParticipantStats[]): Block[] {
  const calls = d.calls.filter((c) => c.confirmation !== 'disputed');
  const kept = rows.reduce((n, r) => n + (r.cadence?.kept ?? 0), 0);
  const past = rows.reduce((n, r) => n + (r.cadence?.past ?? 0), 0);
  const pct = percent(kept, past);
  const reflecting = rows.filter((r) => r.reflections);
  const answered = reflecting.reduce((n, r) => n + (r.reflections?.answered ?? 0), 0);
  const unanswered = reflecting.reduce((n, r) => n + (r.reflections?.unanswered ?? 0), 0);
  // Reflections are counted only over groups of five or more, so no one's habits can be read off.
  const reflectionFields: Field[] = reflecting.length >= MIN_GROUP
    ? [{ label: 'Reflection prompts answered', value: `yes ${answered} · no ${unanswered}` }, { label: 'Participants who answered any', value: `${reflecting.filter((r) => (r.reflections?.answered ?? 0) > 0).length} of ${reflecting.length}` }]
    : [{ label: 'Reflection prompts answered', value: `shown once at least ${MIN_GROUP} trainees are sent prompts` }];
  return [
    { type: 'heading', text: 'Calls logged (disputed ones left out)' },
    { type: 'fields', fields: [
      ...callKindsOf(d.program).map((k) => ({ label: k.replace(/_/g, '-'), value: String(calls.filter((c) => c.kind === k).length) })),
      { label: 'Hours', value: String(hours(calls.reduce((sum, c) => sum + c.minutes, 0))) },
    ] },
    { type: 'progress', label: `Supervision cadence kept${pct === null ? '' : ` (${pct}%)`}`, value: kept, target: past, unit: 'periods' },
    { type: 'fields', fields: reflectionFields },
  ];
}

export const overviewCommand: CommandSpec = {
  path: ['admin', 'overview'],
  summary: 'your program in counts: people, matches and — where the program keeps count — calls, cadence and reflections',
  args: [],
  requires: 'coordinator',
  async run(ctx) {
    const { program } = scopeOf(ctx);
    const d = await loadProgramData(ctx, program);
    const csv = `\`${(ctx.naming ?? textNaming).command(['admin', 'export', 'csv'])}\``;
    const body: Block[] = stepsBack(program)
      ? [{ type: 'fields', fields: peopleFields(d) }, ...stepBackBlocks(d, ctx.actor.timeZone), { type: 'text', text: `${csv} lists the same.` }]
      : [
          { type: 'fields', fields: [...peopleFields(d), ...matchFields(d)] },
          ...activityBlocks(d, participantsOf(d).map((e) => participantStats(d, e))),
          { type: 'text', text: `Counts only: notes, journals and survey answers are never part of this view. ${csv} gives the counts the program's own rules call for, per participant.` },
        ];
    const blocks: Block[] = [{ type: 'heading', text: `Program overview — ${program.name}` }, ...body];
    return privateReply(message(renderPlain(blocks), blocks));
  },
};
