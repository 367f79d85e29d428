// The welcome at the program's start: what the first phase is about (its focus, rhythm, time
// commitment and what it should leave you able to do), and what Trellis will do. Trainees hear
// what is asked of them; mentors hear what their trainees' weeks look like and what they will get.
import type { Block, Message } from '../messages/model.js';
import { renderPlain } from '../messages/plain-text.js';
import type { Phase } from '../programs/template-schema.js';
import type { DeliveryFacts } from './types.js';

const CADENCE = { weekly: 'every week', biweekly: 'every two weeks', monthly: 'every four weeks' } as const;

function phaseFields(p: Phase): Block {
  const fields = [{ label: 'Supervision', value: p.supervision.cadence === 'none' ? 'As you arrange it' : `${CADENCE[p.supervision.cadence]}, ${p.supervision.callMinutes} minutes` }];
  if (p.weeklyHours) fields.push({ label: 'Time commitment', value: `About ${p.weeklyHours.min}–${p.weeklyHours.max} h a week` });
  return { type: 'fields', fields };
}

export function welcomeMessage(f: DeliveryFacts): Message {
  const e = f.enrollment!;
  const phase = e.template.phases[0]!;
  const span = phase.endWeek ? `weeks ${phase.startWeek}–${phase.endWeek}` : `from week ${phase.startWeek}`;
  const mentor = e.role === 'mentor';
  const blocks: Block[] = [
    { type: 'heading', text: `Welcome to ${e.programName}` },
    { type: 'text', text: `${mentor ? 'Your trainees begin' : 'You begin'} with ${phase.name} (${span}). ${phase.focus}` },
    phaseFields(phase),
  ];
  if (phase.outcomes?.length) blocks.push({ type: 'text', text: `By the end of this phase, ${mentor ? 'a trainee' : 'you'} should be able to:` }, { type: 'list', items: phase.outcomes });
  // Mentors get a weekly digest wherever the program follows the pairs (not where it steps back).
  const digest = e.template.participation?.reportsToProgram !== false;
  const next = mentor
    ? `Each trainee follows this rhythm from their own start.${digest ? ' Once a week I will send you one digest of what waits for you — calls to confirm, portfolio items to verify, debriefs asked for — and how each trainee’s weeks went.' : ''}`
    : 'I will remind you when each supervision call is due, send you a reflection prompt each week and sum up your hours. `/mentor status` shows where you are any time.';
  blocks.push({ type: 'text', text: next });
  return { text: renderPlain(blocks), blocks };
}
