// What each nudge says: kind, brief, and never private text. Personal nudges go by DM only;
// the one channel nudge (cohort meetings) names the meeting and nothing about anyone.
import { DateTime } from 'luxon';
import type { Phase } from '../programs/template-schema.js';
import { message, type Block, type Message } from '../messages/model.js';
import { renderPlain } from '../messages/plain-text.js';
import { formatLocal } from '../time/local-date.js';
import { phaseForWeek } from '../clock/index.js';
import { zoneOf } from './local-time.js';
import type { DeliveryFacts, Occurrence } from './types.js';
import { evaluationButton } from '../evaluations/form.js';
import { ANSWER_ACTION } from '../reflections/reflect.js';
import { NUDGE_BUTTONS, snoozeButtons } from './nudge-actions.js';
import { phaseOutcomeBlocks } from '../programs/phase-outcomes.js';
import { digestMessage, steppedCareMessage } from './oversight/messages.js';
import { welcomeMessage } from './welcome.js';

export const NUDGE_ACTIONS = {
  rematch: 'match.rematch-request',
  rsvp: 'cohort.rsvp',
} as const;

/** Calendar days between the local dates of two instants ("in 4 days" means four midnights). */
const localDaysBetween = (from: Date, to: Date, zone: string): number =>
  Math.round(DateTime.fromJSDate(to, { zone }).startOf('day').diff(DateTime.fromJSDate(from, { zone }).startOf('day'), 'days').days);
const CADENCE_WORDS = { weekly: 'every week', biweekly: 'every two weeks', monthly: 'every four weeks', none: 'as you arrange it' } as const;
const PERIOD_WORDS = { weekly: 'this week', biweekly: 'in these two weeks', monthly: 'in these four weeks', none: 'soon' } as const;

const fromBlocks = (blocks: Block[]): Message => ({ text: renderPlain(blocks.filter((b) => b.type !== 'actions')), blocks });
const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;
const range = (p: Phase) => (p.weeklyHours ? `${p.weeklyHours.min}–${p.weeklyHours.max} h a week` : null);

function supervision(o: Occurrence, f: DeliveryFacts): Message {
  const phase = f.enrollment?.template.phases.find((p) => p.key === o.refs.phaseKey);
  const cadence = phase?.supervision.cadence ?? 'none';
  const minutes = phase?.supervision.callMinutes ?? 30;
  return fromBlocks([
    { type: 'text', text: `Supervision check-in: ${PERIOD_WORDS[cadence]} is the time for your ${minutes}-minute supervision call with your mentor. Once you've talked, log it here in one tap.` },
    {
      type: 'actions',
      buttons: [
        { action: NUDGE_BUTTONS.logSupervision, value: `${o.refs.enrollmentId}:${minutes}`, label: 'Log this call', style: 'primary' },
        { action: NUDGE_BUTTONS.notThisWeek, value: String(o.refs.enrollmentId), label: 'Not this week' },
        ...snoozeButtons(o.key),
      ],
    },
  ]);
}

function phaseChange(o: Occurrence, f: DeliveryFacts): Message {
  const phase = f.enrollment?.template.phases.find((p) => p.key === o.refs.phaseKey);
  if (!phase) return message('A new phase of your program starts today.');
  const fields = [{ label: 'Supervision', value: phase.supervision.cadence === 'none' ? 'As you arrange it' : `${CADENCE_WORDS[phase.supervision.cadence]}, ${phase.supervision.callMinutes} minutes` }];
  const commitment = range(phase);
  if (commitment) fields.push({ label: 'Time commitment', value: `About ${commitment}` });
  return fromBlocks([
    { type: 'heading', text: `Week ${phase.startWeek}: ${phase.name} begins` },
    { type: 'text', text: phase.focus },
    { type: 'fields', fields },
    ...phaseOutcomeBlocks(phase),
  ]);
}

function promptOf(o: Occurrence, f: DeliveryFacts): string {
  const phase = f.enrollment && phaseForWeek(f.enrollment.template, o.refs.week ?? 1);
  const bank = phase?.promptBank ?? [];
  const prompt = bank[((o.refs.week ?? 1) - (phase?.startWeek ?? 1)) % Math.max(bank.length, 1)];
  return prompt?.text ?? 'What stood out for you this week?';
}

/** "Write my reflection" opens the form that shows this week's prompt. */
const writeButtons = (o: Occurrence): Block => ({
  type: 'actions',
  buttons: [{ action: ANSWER_ACTION, value: String(o.refs.enrollmentId), label: 'Write my reflection', style: 'primary' }, ...snoozeButtons(o.key)],
});

/** Snooze buttons under an informational nudge. */
const withSnooze = (o: Occurrence, msg: Message): Message => fromBlocks([...msg.blocks, { type: 'actions', buttons: snoozeButtons(o.key) }]);

function reflection(o: Occurrence, f: DeliveryFacts): Message {
  return fromBlocks([
    { type: 'heading', text: `Week ${o.refs.week} reflection` },
    { type: 'text', text: promptOf(o, f) },
    { type: 'text', text: 'Answer whenever suits you. It stays in your private journal unless you choose to share it.' },
    writeButtons(o),
  ]);
}

function reflectionFollowup(o: Occurrence, f: DeliveryFacts): Message {
  return fromBlocks([
    { type: 'text', text: `Just one gentle reminder: this week's reflection is still open, and a line or two is plenty.` },
    { type: 'text', text: promptOf(o, f) },
    { type: 'text', text: 'We won’t remind you again this week.' },
    writeButtons(o),
  ]);
}

function hoursSummary(o: Occurrence, f: DeliveryFacts): Message {
  const phase = f.enrollment && phaseForWeek(f.enrollment.template, o.refs.week ?? 1);
  const logged = hours(f.weekMinutes ?? 0);
  const min = phase?.weeklyHours?.min ?? 0;
  const max = phase?.weeklyHours?.max ?? 0;
  const note = logged < min ? 'A lighter week happens — next week is a fresh start.' : logged > max ? 'That is more than the plan asks; make room to rest too.' : 'Right on track — well done.';
  return fromBlocks([
    { type: 'heading', text: `Week ${o.refs.week} in hours` },
    { type: 'progress', label: `Logged in week ${o.refs.week}`, value: logged, target: min, unit: 'h' },
    { type: 'text', text: `${phase ? `${phase.name} asks for about ${range(phase)}. ` : ''}${note}` },
  ]);
}

function finalCaseReview(o: Occurrence, f: DeliveryFacts): Message {
  const review = f.enrollment?.template.finalCaseReview;
  const done = f.caseRecordsDone ?? 0;
  return message(
    `Your final case review is due at the end of week ${review?.weekDue ?? '?'}: ${review?.cases ?? '?'} documented cases. ` +
      `You have ${done} so far. \`/mentor portfolio\` shows where each one stands.`,
  );
}

function evaluation(o: Occurrence): Message {
  const why = o.refs.matchId ? 'Your mentoring relationship has ended — thank you for taking part.' : 'You have reached another milestone in the program.';
  return fromBlocks([
    { type: 'text', text: `${why} Would you spare a few minutes to tell us how the program itself runs? It is anonymous and only ever counted in aggregate — it asks about the program, not about you or anyone you worked with.` },
    // The core's own evaluation button, so the reminder opens the survey it answers.
    { type: 'actions', buttons: [evaluationButton(String(o.refs.enrollmentId), String(o.refs.occasion)), ...snoozeButtons(o.key)] },
  ]);
}

function firstCall(o: Occurrence, f: DeliveryFacts): Message {
  const m = f.match!;
  const zone = zoneOf(f.recipient ?? { timeZone: 'UTC' });
  const due = formatLocal(m.firstCallDueAt!, zone);
  if (o.refs.role === 'mentor') {
    const days = localDaysBetween(f.now, m.firstCallDueAt!, zone);
    return fromBlocks([
      { type: 'text', text: `A friendly reminder: your first call with your new mentee is due ${days <= 1 ? 'by tomorrow' : `in ${days} days`} (by ${due}, your time). Once you have talked, log it here.` },
      {
        type: 'actions',
        buttons: [
          { action: NUDGE_BUTTONS.logFirstCall, value: m.id, label: 'Log the first call', style: 'primary' },
          { action: NUDGE_BUTTONS.showContact, value: m.id, label: 'Show contact' },
          ...snoozeButtons(o.key),
        ],
      },
    ]);
  }
  if (o.refs.role === 'coordinator') return message(`The first call for the new match with mentor ${m.mentor.person.displayName} is overdue (it was due ${due}).`);
  return fromBlocks([
    { type: 'text', text: "Your first call with your mentor hasn't been logged yet, and the week we aim for has passed. That's okay. If you would like to be matched with someone else instead, just ask — it costs you nothing." },
    { type: 'actions', buttons: [{ action: NUDGE_ACTIONS.rematch, value: m.id, label: 'Ask for a new match', style: 'primary' }, ...snoozeButtons(o.key)] },
  ]);
}

/**
 * When the meeting starts, counted from the moment the reminder goes, in words every reader's zone
 * agrees with: "tomorrow" only a full day ahead, so a day-ahead reminder that goes late — or one
 * for a meeting set up on its own day — never says "tomorrow" on the meeting's day.
 */
export function startsIn(startsAt: Date, now: Date): string {
  const hours = (startsAt.getTime() - now.getTime()) / 3_600_000;
  if (hours >= 23) return 'tomorrow';
  if (hours >= 1.5) return `in about ${Math.round(hours)} hours`;
  return hours > 0.25 ? 'in about an hour' : 'starting now';
}

function cohort(o: Occurrence, f: DeliveryFacts): Message {
  const meeting = f.meeting!;
  const when = startsIn(meeting.startsAt, f.now);
  const rsvp = (answer: 'yes' | 'maybe' | 'no', label: string) => ({ action: NUDGE_ACTIONS.rsvp, value: `${meeting.id}:${answer}`, label });
  return fromBlocks([
    { type: 'heading', text: `${meeting.cohortName}: ${meeting.title} ${when}` },
    // A channel is read in many zones: the time element shows each reader their own.
    { type: 'time', at: meeting.startsAt.toISOString(), before: 'Starts ', after: `, runs ${meeting.durationMinutes} minutes. Will you be there?`, fallbackZone: 'UTC' },
    ...(f.meetingInvite ? [{ type: 'text' as const, text: `Add to calendar: ${f.meetingInvite}` }] : []),
    { type: 'actions', buttons: [rsvp('yes', 'Yes'), rsvp('maybe', 'Maybe'), rsvp('no', 'No')] },
  ]);
}

export function nudgeMessage(o: Occurrence, f: DeliveryFacts): Message {
  switch (o.kind) {
    case 'supervision':
      return supervision(o, f);
    case 'phase':
      // The first phase's announcement is the welcome at the program's start.
      if (f.enrollment?.template.phases[0]?.key === o.refs.phaseKey) return welcomeMessage(f);
      return withSnooze(o, phaseChange(o, f));
    case 'reflection':
      return reflection(o, f);
    case 'reflection-followup':
      return reflectionFollowup(o, f);
    case 'hours-summary':
      return withSnooze(o, hoursSummary(o, f));
    case 'final-case-review':
      return withSnooze(o, finalCaseReview(o, f));
    case 'evaluation':
      return evaluation(o);
    case 'first-call':
      return firstCall(o, f);
    case 'cohort':
      return cohort(o, f);
    case 'stepped-care':
      return steppedCareMessage(o, f);
    case 'digest':
      return digestMessage(o, f);
    case 'outbound':
      return message('');
  }
}
