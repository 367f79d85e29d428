// The per-participant counts as CSV, for a spreadsheet. csv-stringify does the quoting
// (commas, quotes and line breaks in display names) by RFC 4180, and `escape_formulas` defuses
// names that start with = + - @ so a spreadsheet never runs them as formulas (CSV injection).
import { stringify } from 'csv-stringify/sync';
import { scopeOf, type CommandSpec } from '../commands/types.js';
import { message, privateReply, type Block } from '../messages/model.js';
import { loadProgramData } from './data.js';
import { CALL_KINDS, hours, participantsOf, participantStats, percent, type ParticipantStats } from './stats.js';

const COLUMNS = [
  'name', 'role', 'status', 'week', ...CALL_KINDS.map((k) => `calls_${k}`), 'hours',
  'cadence_kept', 'cadence_past', 'cadence_kept_pct', 'reflections_answered', 'reflections_unanswered', 'first_call_on_time',
];

const blankIfNull = (n: number | null | undefined): number | string => (n === null || n === undefined ? '' : n);

function row(s: ParticipantStats): (string | number)[] {
  return [
    s.name, s.role, s.status, blankIfNull(s.week), ...CALL_KINDS.map((k) => s.callsByKind[k]), hours(s.minutes),
    blankIfNull(s.cadence?.kept), blankIfNull(s.cadence?.past), blankIfNull(s.cadence ? percent(s.cadence.kept, s.cadence.past) : null),
    blankIfNull(s.reflections?.answered), blankIfNull(s.reflections?.unanswered), s.firstCallOnTime,
  ];
}

export function participantsCsv(rows: ParticipantStats[]): string {
  return stringify(rows.map(row), { header: true, columns: COLUMNS, escape_formulas: true });
}

/** Every export is audited: who took which program's numbers, and when. */
export const exportCsvCommand: CommandSpec = {
  path: ['admin', 'export', 'csv'],
  summary: 'the overview per participant as CSV: counts, hours, cadence, reflections — no notes or answers',
  args: [],
  requires: 'coordinator',
  async run(ctx) {
    const { program } = scopeOf(ctx);
    const d = await loadProgramData(ctx, program);
    const rows = participantsOf(d).map((e) => participantStats(d, e));
    const csv = participantsCsv(rows);
    await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'program.exported', subjectType: 'program', subjectId: program.id, details: { format: 'csv', rows: rows.length } });
    const blocks: Block[] = [{ type: 'heading', text: `${program.name} — ${rows.length} participant${rows.length === 1 ? '' : 's'}, CSV` }, { type: 'text', text: csv }];
    return privateReply(message(`${program.name} export (CSV):\n${csv}`, blocks));
  },
};
