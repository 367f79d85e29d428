// In a program that steps back after the match, coordinators see of each match only that it
// exists, when it started and when it ended: no calls, hours, reflections, first-call timing or
// confirmations — the relationship is the pair's own.
import type { Block } from '../messages/model.js';
import { localDate } from '../time/local-date.js';
import type { ProgramData } from './data.js';

const day = (d: Date | null | undefined, zone: string) => (d ? localDate(d, zone) : '');

export interface MatchLine { mentor: string; mentee: string; started: string; ended: string }

export function matchLines(d: ProgramData, zone: string): MatchLine[] {
  const nameOf = (enrollmentId: string) => {
    const e = d.enrollments.find((x) => x.id === enrollmentId);
    return (e && d.people.get(e.personId)?.displayName) ?? '(left the program)';
  };
  // A proposal that was declined or withdrawn never started: it is not a match.
  return d.matches.filter((m) => m.activatedAt).map((m) => ({ mentor: nameOf(m.mentorEnrollmentId), mentee: nameOf(m.menteeEnrollmentId), started: day(m.activatedAt, zone), ended: day(m.endedAt, zone) }));
}

export function stepBackBlocks(d: ProgramData, zone: string): Block[] {
  const lines = matchLines(d, zone);
  return [
    { type: 'heading', text: 'Matches' },
    lines.length
      ? { type: 'list', items: lines.map((l) => `${l.mentor} & ${l.mentee} — started ${l.started}${l.ended ? `, ended ${l.ended}` : ', ongoing'}`) }
      : { type: 'text', text: 'No matches yet.' },
    { type: 'text', text: 'This program steps back after the match: what happens between mentor and mentee is theirs, so nothing more is shown here.' },
  ];
}
