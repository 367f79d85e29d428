// The per-participant view as CSV, for a spreadsheet. Per-person activity counts appear only
// where the program's own rules call for them (a supervision rhythm, hours against a
// commitment); a program that steps back after the match lists each person's match dates only.
// csv-stringify does the quoting by RFC 4180, and `escape_formulas` defuses names that start
// with = + - @ so a spreadsheet never runs them as formulas (CSV injection).
import { stringify } from 'csv-stringify/sync';
import { scopeOf, type CommandSpec } from '../commands/types.js';
import type { Enrollment, Program } from '../domain.js';
import { message, privateReply, type Block } from '../messages/model.js';
import { callKindsOf, countsHours, stepsBack } from '../programs/rules.js';
import { loadProgramData, type ProgramData } from './data.js';
import { matchLines } from './step-back.js';
import { hours, participantsOf, participantStats, percent } from './stats.js';

const blankIfNull = (n: number | null | undefined): number | string => (n === null || n === undefined ? '' : n);
const keepsCount = (p: Program) => countsHours(p) || p.template.phases.some((ph) => ph.supervision.cadence !== 'none');

function countsTable(d: ProgramData): { columns: string[]; rows: (string | number)[][] } {
  const kinds = callKindsOf(d.program);
  const counted = keepsCount(d.program);
  const columns = ['name', 'role', 'status', 'week', ...(counted ? [...kinds.map((k) => `calls_${k}`), 'hours', 'cadence_kept', 'cadence_past', 'cadence_kept_pct'] : [])];
  const rows = participantsOf(d).map((e) => {
    const s = participantStats(d, e);
    const base = [s.name, s.role, s.status, blankIfNull(s.week)];
    if (!counted) return base;
    return [...base, ...kinds.map((k) => s.callsByKind[k]), hours(s.minutes), blankIfNull(s.cadence?.kept), blankIfNull(s.cadence?.past), blankIfNull(s.cadence ? percent(s.cadence.kept, s.cadence.past) : null)];
  });
  return { columns, rows };
}

function stepBackTable(d: ProgramData, zone: string): { columns: string[]; rows: (string | number)[][] } {
  const lines = matchLines(d, zone);
  const nameOf = (e: Enrollment) => d.people.get(e.personId)?.displayName ?? '(unknown)';
  const rows = participantsOf(d).map((e) => {
    const mine = lines.filter((l) => (e.role === 'mentor' ? l.mentor : l.mentee) === nameOf(e)).at(-1);
    return [nameOf(e), e.role, e.status, mine?.started ?? '', mine?.ended ?? ''];
  });
  return { columns: ['name', 'role', 'status', 'match_started', 'match_ended'], rows };
}

/** Every export is audited: who took which program's numbers, and when. */
export const exportCsvCommand: CommandSpec = {
  path: ['admin', 'export', 'csv'],
  summary: "one row per enrolled participant as CSV: only what the program's own rules count — never notes or answers",
  args: [],
  requires: 'coordinator',
  async run(ctx) {
    const { program } = scopeOf(ctx);
    const d = await loadProgramData(ctx, program);
    const { columns, rows } = stepsBack(program) ? stepBackTable(d, ctx.actor.timeZone) : countsTable(d);
    const csv = stringify(rows, { header: true, columns, escape_formulas: true });
    await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'program.exported', subjectType: 'program', subjectId: program.id, details: { format: 'csv', rows: rows.length } });
    const blocks: Block[] = [{ type: 'heading', text: `${program.name} — ${rows.length} participant${rows.length === 1 ? '' : 's'}, CSV` }, { type: 'text', text: csv }];
    return privateReply(message(`${program.name} export (CSV):\n${csv}`, blocks));
  },
};
