// What stepped care and the weekly digest say. Counts, weeks and debrief reasons only: never a
// note, a reflection or an answer. A trainee is named as the recipient may see them (the store
// applies src/core/privacy/names.ts), and every message carries its next step as a button.
import { phaseForWeek } from '../../clock/index.js';
import type { Block, Button, Message } from '../../messages/model.js';
import { renderPlain } from '../../messages/plain-text.js';
import type { ProgramTemplate } from '../../programs/template-schema.js';
import { NUDGE_BUTTONS } from '../nudge-actions.js';
import { rhythmOf, weekAt } from '../rhythm.js';
import type { DeliveryFacts, Occurrence } from '../types.js';
import { digestEntries } from './digest.js';
import { steppedCareOf, weekCheckOf } from './stepped-care.js';
import { weeksLabel, type WeekCheck } from './trainee-weeks.js';

const WEEK_MS = 7 * 86_400_000;
const PRIVATE = 'Only these counts are shared — never notes, reflections or answers.';

const fromBlocks = (blocks: Block[]): Message => ({ text: renderPlain(blocks.filter((b) => b.type !== 'actions')), blocks });

/** The supervision call length of the phase the trainee is in now (what "log a call" fills in). */
function callMinutes(template: ProgramTemplate, week: number): number {
  return phaseForWeek(template, week)?.supervision.callMinutes ?? 30;
}

export const statusButton = (): Button => ({ action: NUDGE_BUTTONS.openStatus, value: 'status', label: 'Open my status' });
const logWithButton = (matchId: string, name: string, minutes: number): Button => ({ action: NUDGE_BUTTONS.logTraineeCall, value: `${matchId}:${minutes}`, label: `Log a call with ${name}` });

/** What "<name> has had …" goes on with: "2 weeks in a row with no hours logged (the last: week 5)", … */
function streakWords(check: WeekCheck): string[] {
  const words: string[] = [];
  if (check.hoursStreak) words.push(check.hoursStreak === 1 ? `no hours logged in week ${check.week}` : `${check.hoursStreak} weeks in a row with no hours logged (the last: week ${check.week})`);
  if (check.missedPeriod) {
    const last = weeksLabel(check.missedPeriod);
    words.push(check.supervisionStreak === 1 ? `no supervision call in ${last}` : `${check.supervisionStreak} supervision periods in a row without a call (the last: ${last})`);
  }
  return words;
}

function traineeStep(o: Occurrence, f: DeliveryFacts, check: WeekCheck): Message {
  const e = f.enrollment!;
  const care = steppedCareOf(e.template)!;
  const missed: string[] = [];
  if (check.hourless) missed.push(`No hours were logged in week ${check.week}.`);
  if (check.missedPeriod) missed.push(`No supervision call was logged for ${weeksLabel(check.missedPeriod)}.`);
  const streak = Math.max(check.hoursStreak, check.supervisionStreak);
  const who = f.steppedCare?.supervisorId
    ? streak < care.supervisorAfter
      ? `If ${care.supervisorAfter} weeks or supervision periods in a row pass like this, your supervisor will be told — only the count, never your notes or reflections.`
      : 'Your supervisor is told only the count of missed weeks, never your notes or reflections, so they can offer help.'
    : '';
  return fromBlocks([
    { type: 'heading', text: `Week ${check.week} is behind you` },
    { type: 'list', items: missed },
    { type: 'text', text: 'If you did put in time, log it now with its date — it still counts. If this is a hard stretch, tell your mentor; `/mentor pause` stops the program clock while you need a break.' },
    ...(who ? [{ type: 'text' as const, text: who }] : []),
    { type: 'actions', buttons: [{ action: NUDGE_BUTTONS.logSupervision, value: `${e.id}:${callMinutes(e.template, check.week + 1)}`, label: 'Log a call', style: 'primary' }] },
  ]);
}

function supervisorStep(f: DeliveryFacts, check: WeekCheck): Message {
  const e = f.enrollment!;
  const care = steppedCareOf(e.template)!;
  const facts = f.steppedCare!;
  const name = facts.traineeName;
  const buttons: Button[] = [statusButton()];
  if (facts.matchId) buttons.unshift(logWithButton(facts.matchId, name, callMinutes(e.template, check.week + 1)));
  return fromBlocks([
    { type: 'heading', text: `Stepped care: ${name}` },
    { type: 'text', text: `${name} (${e.programName}) has had ${streakWords(check).join(', and ')}.` },
    { type: 'text', text: `You're their supervisor, so you're the next step: a short, kind check-in often helps. If it reaches ${care.coordinatorAfter} in a row, the program's coordinator will be told too. ${PRIVATE}` },
    { type: 'actions', buttons },
  ]);
}

function coordinatorStep(f: DeliveryFacts, check: WeekCheck): Message {
  const e = f.enrollment!;
  const care = steppedCareOf(e.template)!;
  const facts = f.steppedCare!;
  const supervisor = facts.supervisorName
    ? `A supervisor hears after ${care.supervisorAfter} in a row; theirs is ${facts.supervisorName}.`
    : `They have no supervisor: \`/mentor admin supervisor @${facts.traineeName} @…\` sets one.`;
  return fromBlocks([
    { type: 'heading', text: `Stepped care: ${facts.traineeName}` },
    { type: 'text', text: `${facts.traineeName} (${e.programName}) has had ${streakWords(check).join(', and ')}. ${supervisor}` },
    { type: 'text', text: PRIVATE },
  ]);
}

export function steppedCareMessage(o: Occurrence, f: DeliveryFacts): Message {
  const check = weekCheckOf(f, o.refs.week ?? 0);
  if (!check) return fromBlocks([{ type: 'text', text: 'A week of your program has ended.' }]);
  if (o.refs.role === 'supervisor') return supervisorStep(f, check);
  if (o.refs.role === 'coordinator') return coordinatorStep(f, check);
  return traineeStep(o, f, check);
}

/** Since when a digest reports: a week before its planned time, so digests tile the weeks. */
export const digestSince = (o: Pick<Occurrence, 'dueAt'>): Date => new Date(o.dueAt.getTime() - WEEK_MS);

export function digestMessage(o: Occurrence, f: DeliveryFacts): Message {
  const entries = digestEntries(f.digest ?? [], digestSince(o), f.now);
  const programs = new Set(entries.map((e) => e.trainee.enrollment.programName));
  const blocks: Block[] = [{ type: 'heading', text: 'Your weekly digest' }];
  const buttons: Button[] = [statusButton()];
  for (const { trainee, lines } of entries) {
    blocks.push({ type: 'text', text: programs.size > 1 ? `${trainee.name} (${trainee.enrollment.programName})` : trainee.name }, { type: 'list', items: lines });
    if (trainee.matchId) {
      const r = rhythmOf(trainee.enrollment);
      buttons.push(logWithButton(trainee.matchId, trainee.name, callMinutes(trainee.enrollment.template, r ? weekAt(r, f.now) : 1)));
    }
  }
  blocks.push({ type: 'text', text: PRIVATE }, { type: 'actions', buttons });
  return fromBlocks(blocks);
}
