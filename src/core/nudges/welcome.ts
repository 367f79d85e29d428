// The welcome at the program's start: what the first phase is about (its focus, rhythm, time
// commitment and what it should leave you able to do), and what Trellis will do. Trainees hear
// what is asked of them; mentors hear what their trainees' weeks look like and what they will get.
import type { Block, Message } from '../messages/model.js';
import { renderPlain } from '../messages/plain-text.js';
import type { Phase, ProgramTemplate } from '../programs/template-schema.js';
import type { DeliveryFacts } from './types.js';

const CADENCE = { weekly: 'every week', biweekly: 'every two weeks', monthly: 'every four weeks' } as const;

function phaseFields(p: Phase): Block {
  const fields = [{ label: 'Supervision', value: p.supervision.cadence === 'none' ? 'As you arrange it' : `${CADENCE[p.supervision.cadence]}, ${p.supervision.callMinutes} minutes` }];
  if (p.weeklyHours) fields.push({ label: 'Time commitment', value: `About ${p.weeklyHours.min}–${p.weeklyHours.max} h a week` });
  return { type: 'fields', fields };
}

/** What Trellis will send a trainee, from what the phase asks of them. */
function forTrainee(p: Phase): string {
  const will = [
    ...(p.supervision.cadence !== 'none' ? ['remind you when each supervision call is due'] : []),
    ...(p.promptBank.length ? ['send you a reflection prompt each week'] : []),
    ...(p.weeklyHours ? ['sum up your hours'] : []),
  ];
  const list = will.length > 1 ? `${will.slice(0, -1).join(', ')} and ${will.at(-1)}` : will[0];
  return `${list ? `I will ${list}. ` : ''}\`/mentor status\` shows where you are any time.`;
}

function forMentor(t: ProgramTemplate, mentees: string): string {
  // Mentors get a weekly digest wherever the program follows the pairs (not where it steps back).
  const digest = t.participation?.reportsToProgram !== false;
  return `Each of your ${mentees} follows this rhythm from their own start.${digest ? ` Once a week I will send you one digest of what waits for you — calls to confirm, portfolio items to verify, debriefs asked for — and how each one’s weeks went.` : ''}`;
}

export function welcomeMessage(f: DeliveryFacts): Message {
  const e = f.enrollment!;
  const phase = e.template.phases[0]!;
  const span = phase.endWeek ? `weeks ${phase.startWeek}–${phase.endWeek}` : `from week ${phase.startWeek}`;
  const mentor = e.role === 'mentor';
  const mentees = e.template.kind === 'certification' ? 'trainees' : 'mentees';
  const blocks: Block[] = [
    { type: 'heading', text: `Welcome to ${e.programName}` },
    { type: 'text', text: `${mentor ? `Your ${mentees} begin` : 'You begin'} with ${phase.name} (${span}). ${phase.focus}` },
    phaseFields(phase),
  ];
  if (phase.outcomes?.length) blocks.push({ type: 'text', text: `By the end of this phase, ${mentor ? `your ${mentees}` : 'you'} should be able to:` }, { type: 'list', items: phase.outcomes });
  blocks.push({ type: 'text', text: mentor ? forMentor(e.template, mentees) : forTrainee(phase) });
  return { text: renderPlain(blocks), blocks };
}
