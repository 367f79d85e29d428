import { scopeOf, type ActionSpec, type CommandContext, type CommandSpec, type FormSpec } from '../commands/types.js';
import { UserError } from '../errors.js';
import { formReply, message, privateReply, type Form } from '../messages/model.js';
import { localDate } from '../time/local-date.js';
import { CALL_KINDS, CHECK_IN_WORDS, callPhrase, checkMinutes, kindLabel, MAX_NOTES, parseCallDate, parseCheckIn, parseKind, parseMeeting, parseMinutes } from './parse.js';
import type { Program } from '../domain.js';
import { callKindsOf } from '../programs/rules.js';
import { recordCall } from './record-call.js';
import { counterpartNames, openMatches } from '../matching/current-match.js';
import { fieldErrorsOf } from '../commands/form-checks.js';
import type { CustomKind } from '../commands/arguments/kinds.js';
import { NATURAL_DATE_EXAMPLES } from '../time/natural-date.js';

const FORM_ID = 'log-call';

/** The first call's in-person meeting, asked only where the template asks and the date only when arranged. */
function meetingInputs(program: Program): Form['inputs'] {
  if (!program.template.calls?.firstCallAsksAboutMeeting) return [];
  return [
    { kind: 'choice', id: 'meeting', label: 'First call only: did you arrange to meet in person? (only the two of you see this)', optional: true, choices: [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'Not yet' }] },
    { kind: 'date', id: 'meeting_on', label: 'First call only: when will you meet? (optional)', optional: true },
  ];
}

// Words that read as a past day; several words need quotes in typed text ("3 days ago"), so
// `45m supervision felt good` still leaves the date out. parseCallDate does the real reading.
const DAYISH = /^(today|yesterday|\d{4}-\d{1,2}-\d{1,2}|((last|this|on)\s+)?(mon|tue|wed|thu|fri|sat|sun)[a-z]*|\d+\s+days?\s+ago|a\s+week\s+ago|last\s+week|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2})$/i;

export const CALL_DATE: CustomKind = {
  label: 'day',
  check: (word) => (DAYISH.test(word.trim()) ? { ok: true, value: word.trim() } : { ok: false, problem: `"${word}" is not a date I understand. Try ${NATURAL_DATE_EXAMPLES}.` }),
  looksLike: (word) => DAYISH.test(word.trim()),
};

/** What a nudge's button fills in ahead (a supervision call of the phase's length, a first call). */
export interface LogCallPrefill {
  duration?: string;
  kind?: string;
  date?: string;
  notes?: string;
  check_in?: string;
  meeting?: string;
  meeting_on?: string;
  /** The match the call was with (a mentor with several trainees chooses it in the form). */
  trainee?: string;
}

/** A choice of trainee, only when the logger has several active matches (one needs no asking). */
async function traineeInputs(ctx: CommandContext, enrollmentId: string, prefill: LogCallPrefill): Promise<Form['inputs']> {
  const enrollment = await ctx.store.enrollments.get(enrollmentId);
  const views = enrollment ? await openMatches(ctx, enrollment) : [];
  if (views.length < 2) return [];
  const names = await counterpartNames(ctx, views);
  const choices = views.map((v, i) => ({ value: v.match.id, label: names[i]! }));
  return [{ kind: 'choice', id: 'trainee', label: 'Which trainee was the call with? (leave it for your own independent practice)', optional: true, choices, ...(prefill.trainee ? { initial: prefill.trainee } : {}) }];
}

export async function logCallForm(ctx: CommandContext, enrollmentId: string, program: Program, prefill: LogCallPrefill = {}): Promise<Form> {
  const trainees = await traineeInputs(ctx, enrollmentId, prefill);
  return {
    id: FORM_ID,
    title: 'Log a call',
    submitLabel: 'Log it',
    context: enrollmentId,
    inputs: [
      ...trainees,
      { kind: 'text', id: 'duration', label: 'How long? (e.g. 45m, 1h30m)', maxLength: 10, ...(prefill.duration ? { initial: prefill.duration } : {}) },
      { kind: 'choice', id: 'kind', label: 'Kind of call', choices: callKindsOf(program).map((k) => ({ value: kindLabel(k), label: kindLabel(k) })), ...(prefill.kind ? { initial: prefill.kind } : {}) },
      // Text, not a date picker: "yesterday" or "last tue" is quicker than finding the day.
      { kind: 'text', id: 'date', label: 'When? (today, yesterday, last tue, 2026-03-02)', initial: prefill.date || localDate(ctx.now, ctx.actor.timeZone), maxLength: 40 },
      { kind: 'multiline', id: 'notes', label: 'Private notes (only you can read them)', optional: true, maxLength: 4000, ...(prefill.notes ? { initial: prefill.notes } : {}) },
      { kind: 'choice', id: 'check_in', label: 'Ask your supervisor for a debrief?', optional: true, choices: [{ value: 'none', label: 'No' }, ...Object.keys(CHECK_IN_WORDS).map((r) => ({ value: r, label: `Yes — ${r.replace('-', ' ')}` }))], ...(prefill.check_in ? { initial: prefill.check_in } : {}) },
      ...meetingInputs(program).map((input) => (prefill[input.id as keyof LogCallPrefill] ? { ...input, initial: prefill[input.id as keyof LogCallPrefill] } : input)),
    ],
  };
}

export const logCallCommand: CommandSpec = {
  path: ['log-call'],
  summary: "log a call (e.g. `45m supervision`, `@ana 1h30m co-facilitation 2026-03-02`); kinds are your program's; no arguments opens a form",
  args: [
    { name: 'trainee', kind: 'person', description: 'who the call was with; needed when you mentor more than one trainee', required: false },
    { name: 'duration', kind: 'duration', description: 'how long, e.g. 45m or 1h30m' },
    { name: 'kind', kind: 'choice', description: 'what kind of call', choices: CALL_KINDS.map(kindLabel) },
    { name: 'date', kind: 'custom', custom: CALL_DATE, description: 'when: today (default), yesterday, tue, "last tue", "3 days ago" or YYYY-MM-DD', required: false },
    { name: 'notes', kind: 'text', description: 'private notes, only you can read them', required: false, variadic: true, maxLength: MAX_NOTES },
    { name: 'check-in', kind: 'choice', description: 'ask your supervisor for a debrief', required: false, flag: true, choices: Object.keys(CHECK_IN_WORDS) },
    { name: 'meeting', kind: 'choice', description: 'first call: did you arrange to meet in person? (pair only)', required: false, flag: true, choices: ['yes', 'no'] },
    { name: 'meeting-on', kind: 'date', description: 'first call: the day you will meet, YYYY-MM-DD (pair only)', required: false, flag: true },
  ],
  requires: 'participant',
  bareOpensForm: true,
  async run(ctx, args) {
    const participation = scopeOf(ctx);
    if (participation.enrollment.status === 'paused') throw new UserError('Your program is paused. `/mentor resume` first, then log the call.', { code: 'PAUSED' });
    if (args.empty) return formReply(await logCallForm(ctx, participation.enrollment.id, participation.program));
    const { zone, start } = { zone: ctx.actor.timeZone, start: participation.enrollment.startDate };
    return recordCall(ctx, participation, {
      minutes: checkMinutes(args.number('duration')!),
      kind: parseKind(args.requiredString('kind'), callKindsOf(participation.program)),
      occurredOn: parseCallDate(args.string('date') ?? 'today', ctx.now, zone, start),
      notes: args.string('notes') ?? null,
      checkIn: parseCheckIn(args.string('check-in')),
      meetingArranged: parseMeeting(args.string('meeting') ?? (args.string('meeting-on') ? 'yes' : undefined)),
      meetingArrangedOn: args.string('meeting-on') ?? null,
    }, { personId: args.person('trainee')?.id, argument: 'trainee' });
  },
};

/** The form's meeting day: YYYY-MM-DD or nothing (typed, since Discord's form has no date picker). */
function meetingDate(raw: string | undefined): string | null {
  const day = raw?.trim();
  if (!day) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new UserError(`"${day}" is not a date I understand for the meeting. Use YYYY-MM-DD.`, { code: 'BAD_DATE', argument: 'meeting_on' });
  return day;
}

/** The form's own checks, run before anything is saved (and by Slack before the modal closes). */
function validateLogCall(values: Record<string, string>, env: { now: Date; timeZone: string }): Record<string, string> {
  const checks: Record<string, () => unknown> = {
    duration: () => parseMinutes(values.duration?.trim()),
    // Any kind Trellis knows; the program's own list is checked when the call is recorded.
    kind: () => parseKind(values.kind?.trim()),
    date: () => parseCallDate(values.date?.trim() || 'today', env.now, env.timeZone, null),
    notes: () => {
      if ((values.notes?.trim().length ?? 0) > MAX_NOTES) throw new UserError(`Notes can be up to ${MAX_NOTES} characters; these are ${values.notes!.trim().length}.`, { code: 'TOO_LONG' });
    },
    check_in: () => parseCheckIn(values.check_in?.trim()),
    meeting_on: () => meetingDate(values.meeting_on),
  };
  return fieldErrorsOf(checks);
}

export const logCallFormSpec: FormSpec = {
  formId: FORM_ID,
  validate: validateLogCall,
  // The form again with everything typed in it, so a bad answer costs nothing to fix.
  async refill(ctx, values, context) {
    const enrollment = context ? await ctx.store.enrollments.get(context) : null;
    const program = enrollment && (await ctx.store.programs.get(enrollment.programId));
    return program ? logCallForm(ctx, context!, program, values) : undefined;
  },
  async run(ctx, values, context) {
    const enrollment = context ? await ctx.store.enrollments.get(context) : null;
    if (!enrollment || enrollment.personId !== ctx.actor.id || enrollment.status !== 'active') throw new UserError('That form has expired. Run `/mentor log-call` again.', { code: 'FORM_EXPIRED' });
    const program = (await ctx.store.programs.get(enrollment.programId))!;
    const notes = values.notes?.trim() || null;
    if (notes && notes.length > MAX_NOTES) throw new UserError(`Notes can be up to ${MAX_NOTES} characters.`, { code: 'TOO_LONG', argument: 'notes' });
    return recordCall(ctx, { enrollment, program }, {
      minutes: parseMinutes(values.duration?.trim()),
      kind: parseKind(values.kind?.trim(), callKindsOf(program)),
      occurredOn: parseCallDate(values.date?.trim() || 'today', ctx.now, ctx.actor.timeZone, enrollment.startDate),
      notes,
      checkIn: parseCheckIn(values.check_in?.trim()),
      meetingArranged: parseMeeting(values.meeting),
      meetingArrangedOn: meetingDate(values.meeting_on),
    }, { matchId: values.trainee?.trim() || undefined, argument: 'trainee' });
  },
};

function confirmation(outcome: 'confirmed' | 'disputed'): ActionSpec {
  return {
    action: outcome === 'confirmed' ? 'call.confirm' : 'call.dispute',
    async run(ctx, callId) {
      const call = await ctx.store.calls.get(callId);
      if (!call || call.counterpartPersonId !== ctx.actor.id) throw new UserError('Only the other person on that call can confirm it.', { code: 'FORBIDDEN' });
      if (call.confirmation !== 'pending') throw new UserError(`You already ${call.confirmation === 'confirmed' ? 'confirmed' : 'disputed'} that call.`, { code: 'DUPLICATE' });
      await ctx.store.calls.setConfirmation(call.id, outcome, ctx.now);
      const logger = (await ctx.store.enrollments.get(call.enrollmentId))!;
      const what = `${callPhrase(call.kind)} on ${call.occurredOn}`;
      const toLogger = outcome === 'confirmed' ? `${ctx.actor.displayName} confirmed the ${what}.` : `${ctx.actor.displayName} says the ${what} isn't right. Please talk it over; you can log it again.`;
      return privateReply(message(outcome === 'confirmed' ? `Thanks — the ${what} is confirmed.` : `Noted — the ${what} is marked as disputed.`), [
        { to: { kind: 'person', personId: logger.personId }, message: message(toLogger) },
      ]);
    },
  };
}

export const confirmCallAction = confirmation('confirmed');
export const disputeCallAction = confirmation('disputed');
