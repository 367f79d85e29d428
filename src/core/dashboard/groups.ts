// Cohort attendance, evaluation results, people and matches: counts a program may always know.
import type { EvaluationAnswer, Program } from '../domain.js';
import { occasionLabel } from '../evaluations/occasions.js';
import { RATING_QUESTIONS, RATINGS } from '../evaluations/questions.js';
import type { Store } from '../ports/repositories.js';
import type { ProgramData } from '../program-view/data.js';
import { participantsOf } from '../program-view/stats.js';
import { formatLocalDate } from '../time/local-date.js';
import { chart, MIN_GROUP, type Chart } from './model.js';

/** Past meetings of cohorts with at least five members: attended, absent, not recorded. */
export async function attendanceChart(store: Store, program: Program, now: Date, zone: string): Promise<Chart> {
  const rows: Chart['rows'] = [];
  let smallCohorts = 0;
  for (const cohort of await store.cohorts.listForProgram(program.id)) {
    const members = (await store.cohorts.members(cohort.id)).length;
    if (members < MIN_GROUP) { smallCohorts++; continue; }
    for (const m of (await store.cohorts.listMeetings(cohort.id)).filter((x) => !x.cancelledAt && x.startsAt < now)) {
      const rsvps = await store.cohorts.rsvps(m.id);
      const attended = rsvps.filter((r) => r.attended === true).length;
      const absent = rsvps.filter((r) => r.attended === false).length;
      rows.push({ label: `${cohort.name}, ${formatLocalDate(m.startsAt, zone)}`, values: [attended, absent, Math.max(0, members - attended - absent)] });
    }
  }
  const note = `Past peer meetings: who attended, as recorded.${smallCohorts ? ` ${smallCohorts} cohort(s) with fewer than ${MIN_GROUP} members are left out.` : ''}`;
  const c: Chart = { id: 'attendance', title: 'Cohort meeting attendance', note, series: ['attended', 'absent', 'not recorded'], rows };
  return rows.length ? c : { ...c, withheld: `No past meeting of a cohort with at least ${MIN_GROUP} members yet.` };
}

/** Rating counts of surveys that at least five people answered; never comments. */
export function evaluationChart(answers: EvaluationAnswer[]): Chart {
  const byOccasion = new Map<string, EvaluationAnswer[]>();
  for (const a of answers) byOccasion.set(a.occasion, [...(byOccasion.get(a.occasion) ?? []), a]);
  const shown = [...byOccasion.entries()].filter(([, list]) => list.length >= MIN_GROUP);
  const counted = shown.flatMap(([, list]) => list);
  const rows = RATING_QUESTIONS.map((q) => ({ label: q.label, values: RATINGS.map((r) => counted.filter((a) => a.ratings[q.key] === r).length) }));
  const occasions = shown.map(([k, list]) => `${occasionLabel(k)} (${list.length})`).join(', ');
  return chart({ id: 'evaluations', title: 'Evaluation results', note: `Anonymous ratings of how the program runs (1 = poorly … 5 = very well)${occasions ? `, from: ${occasions}` : ''}. Each survey counts once ${MIN_GROUP} people answered it; suggestions are never shown here.`, series: RATINGS.map(String), rows }, counted.length, 'answers');
}

/** Enrolled people by role: a count, never who. */
export function peopleChart(d: ProgramData): Chart {
  const enrolled = participantsOf(d);
  const rows = (['mentor', 'mentee'] as const).map((role) => ({ label: `${role}s`, values: [enrolled.filter((e) => e.role === role).length] }));
  return chart({ id: 'people', title: 'People in the program', note: 'Mentors and mentees enrolled (active, paused or completed).', series: ['people'], rows }, enrolled.length, 'participants');
}

/** Matches started, ongoing and ended: all a program that steps back may know about them. */
export function matchesChart(d: ProgramData): Chart {
  const started = d.matches.filter((m) => m.activatedAt);
  const rows = [{ label: 'ongoing', values: [started.filter((m) => !m.endedAt).length] }, { label: 'ended', values: [started.filter((m) => m.endedAt).length] }];
  return chart({ id: 'matches', title: 'Matches', note: 'Matches that started: still going, or ended.', series: ['matches'], rows }, started.length, 'matches');
}
