// Evaluation occasions. A button carries `<enrollmentId>:<occasion>`; the occasion may be
// spelt short (`w12`, `end`, `end:<matchId>`) or as the nudge keys spell it (`week-12`,
// `program-end`, `match-end:<matchId>`). Two canonical forms come out of it:
//   receipt key  `week-12` | `program-end` | `match-end:<matchId>` — what stops the asking; the same
//                spelling as src/core/nudges/keys.ts, so the nudge engine finds the receipt;
//   answer key   `week-12` | `program-end` | `match-end` — stored with the anonymous answer. It
//                drops the match id, which would point at the two people of that match.
export type Occasion =
  | { kind: 'periodic'; week: number }
  | { kind: 'program-end' }
  | { kind: 'match-end'; matchId: string };

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const PERIODIC = /^w(?:eek-)?(\d{1,3})$/;
const PROGRAM_END = /^(?:end|program-end)$/;
const MATCH_END = new RegExp(`^(?:end|match-end):(${UUID})$`);

export function parseOccasion(text: string): Occasion | null {
  const lower = text.trim().toLowerCase();
  const periodic = PERIODIC.exec(lower);
  if (periodic) return Number(periodic[1]) > 0 ? { kind: 'periodic', week: Number(periodic[1]) } : null;
  if (PROGRAM_END.test(lower)) return { kind: 'program-end' };
  const matchEnd = MATCH_END.exec(lower);
  return matchEnd ? { kind: 'match-end', matchId: matchEnd[1]! } : null;
}

export function receiptKey(o: Occasion): string {
  if (o.kind === 'periodic') return `week-${o.week}`;
  return o.kind === 'program-end' ? 'program-end' : `match-end:${o.matchId}`;
}

export const answerKey = (o: Occasion): string => (o.kind === 'match-end' ? 'match-end' : receiptKey(o));

/** Heading for an answer key in the coordinators' report. */
export function occasionLabel(key: string): string {
  const week = /^week-(\d+)$/.exec(key);
  if (week) return `Week ${week[1]}`;
  return key === 'program-end' ? 'End of the program' : key === 'match-end' ? 'End of a mentoring relationship' : key;
}

/** Report order: weeks in order, then the end-of-relationship and end-of-program surveys. */
export function occasionOrder(key: string): number {
  const week = /^week-(\d+)$/.exec(key);
  if (week) return Number(week[1]);
  return key === 'match-end' ? 10_000 : 10_001;
}
