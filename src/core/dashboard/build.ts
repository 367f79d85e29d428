// One program's dashboard, read through the store's ports (no private text is ever loaded). A
// program that steps back after the match shows only people, matches, cohort attendance and the
// anonymous evaluations: nothing of what happens between mentor and mentee.
import type { Program } from '../domain.js';
import type { Store } from '../ports/repositories.js';
import { loadProgramData } from '../program-view/data.js';
import { stepsBack } from '../programs/rules.js';
import { checkInChart, firstCallChart, hoursChart, reflectionChart, supervisionChart } from './activity.js';
import { attendanceChart, evaluationChart, matchesChart, peopleChart } from './groups.js';
import type { Dashboard } from './model.js';

export async function buildDashboard(store: Store, program: Program, now: Date, zone: string): Promise<Dashboard> {
  const d = await loadProgramData({ store, now }, program);
  const [answers, attendance] = await Promise.all([store.evaluations.listAnswers(program.id), attendanceChart(store, program, now, zone)]);
  // Evaluation comments are loaded by the port; only rating counts leave this function.
  const evaluations = evaluationChart(answers.map((a) => ({ ...a, comment: null })));
  const base = { programName: program.name, templateName: program.template.name, generatedAt: now };
  if (stepsBack(program)) {
    return { ...base, stepsBack: true, charts: [peopleChart(d), matchesChart(d), attendance, evaluations] };
  }
  const checkIns = await store.reports.checkIns(program.id);
  return {
    ...base,
    stepsBack: false,
    charts: [supervisionChart(d), hoursChart(d), firstCallChart(d), reflectionChart(d), attendance, evaluations, checkInChart(checkIns, d), peopleChart(d)],
  };
}
