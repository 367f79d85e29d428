// `/mentor session [session]` shows a session's guide; `/mentor session log` records one (a form
// with no length given: checkboxes on Slack, a select on Discord, text in the console).
import { CALL_DATE } from '../calls/log-call-command.js';
import { MAX_NOTES, parseCallDate, parseMinutes } from '../calls/parse.js';
import type { CustomKind } from '../commands/arguments/kinds.js';
import { fieldErrorsOf } from '../commands/form-checks.js';
import { textNaming } from '../commands/naming.js';
import { scopeOf, type ActionSpec, type Args, type CommandContext, type CommandSpec, type FormSpec } from '../commands/types.js';
import { UserError } from '../errors.js';
import { formReply, message, privateReply, type Form, type Outcome } from '../messages/model.js';
import { renderPlain } from '../messages/plain-text.js';
import type { Participation } from '../programs/resolve.js';
import type { Session } from '../programs/template-schema.js';
import { localDate } from '../time/local-date.js';
import { chosenTriggers, currentSession, findSession, frameworkOf } from './framework.js';
import { guideBlocks, LOG_SESSION_ACTION } from './guide.js';
import { recordSession, sessionMinutes } from './record-session.js';

export const SESSION_LOG_FORM = 'session-log';

const KEYISH = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/i;

/** A session's key as the guide names it (`community-session`); which ones exist depends on the program. */
const SESSION_KEY: CustomKind = {
  label: 'session',
  check: (word) => (KEYISH.test(word) ? { ok: true, value: word.toLowerCase() } : { ok: false, problem: `"${word}" is not a session name. \`/mentor session\` lists the sessions, e.g. community-session.` }),
  looksLike: (word) => KEYISH.test(word),
};

/** One or more "when to check in" situations, by key or reason, separated by commas. */
const SITUATIONS: CustomKind = {
  label: 'situations',
  check: (word) => (/^[a-z0-9_,-]+$/i.test(word) ? { ok: true, value: word.toLowerCase() } : { ok: false, problem: `"${word}" is not a list of situations. Name them as the guide does, separated by commas, e.g. client-unsafe,stuck.` }),
};

async function providerState(ctx: CommandContext, { enrollment, program }: Participation) {
  const sessions = frameworkOf(program);
  const logs = await ctx.store.sessions.listForEnrollment(enrollment.id);
  return { sessions, logs, current: currentSession(sessions, logs) };
}

async function showGuide(ctx: CommandContext, args: Args): Promise<Outcome> {
  const participation = scopeOf(ctx);
  const { sessions, logs, current } = await providerState(ctx, participation);
  const key = args.string('session');
  const session = key ? findSession(sessions, key) : current;
  const blocks = guideBlocks({ program: participation.program, sessions, session, current, logs, enrollmentId: participation.enrollment.id, naming: ctx.naming ?? textNaming });
  return privateReply(message(renderPlain(blocks), blocks));
}

interface Prefill {
  duration?: string;
  date?: string;
  notes?: string;
  check_ins?: string;
}

/** The log form of one session: its "when to check in" situations are the choices. */
export function sessionLogForm(ctx: Pick<CommandContext, 'now' | 'actor'>, enrollmentId: string, session: Session, prefill: Prefill = {}): Form {
  const situations = session.checkInTriggers.map((t) => ({ value: t.key, label: t.text }));
  return {
    id: SESSION_LOG_FORM,
    title: `Log: ${session.name}`,
    submitLabel: 'Log it',
    context: `${enrollmentId}:${session.key}`,
    inputs: [
      { kind: 'text', id: 'duration', label: 'How long was the session? (e.g. 50m, 1h30m)', maxLength: 10, ...(prefill.duration ? { initial: prefill.duration } : {}) },
      { kind: 'text', id: 'date', label: 'When? (today, yesterday, last tue, 2026-03-02)', initial: prefill.date || localDate(ctx.now, ctx.actor.timeZone), maxLength: 40 },
      { kind: 'multiline', id: 'notes', label: 'Private notes (only you can read them)', optional: true, maxLength: MAX_NOTES, ...(prefill.notes ? { initial: prefill.notes } : {}) },
      ...(situations.length
        ? [{ kind: 'multi-choice' as const, id: 'check_ins', label: 'Did any of these happen? Each one ticked asks your supervisor for a debrief (situation only).', optional: true, choices: situations, ...(prefill.check_ins ? { initial: prefill.check_ins } : {}) }]
        : []),
    ],
  };
}

async function logSession(ctx: CommandContext, args: Args): Promise<Outcome> {
  const participation = scopeOf(ctx);
  if (participation.enrollment.status === 'paused') throw new UserError('Your program is paused. `/mentor resume` first, then log the session.', { code: 'PAUSED' });
  const { sessions, current } = await providerState(ctx, participation);
  const key = args.string('session');
  const session = key ? findSession(sessions, key) : current;
  const checkIns = args.string('check-in');
  const minutes = args.number('duration');
  // No length yet: the form asks for everything, with whatever was typed already filled in.
  if (minutes === undefined) return formReply(sessionLogForm(ctx, participation.enrollment.id, session, { date: args.string('date'), notes: args.string('notes'), check_ins: checkIns }));
  return recordSession(ctx, participation, session, {
    minutes: sessionMinutes(minutes),
    occurredOn: parseCallDate(args.string('date') ?? 'today', ctx.now, ctx.actor.timeZone, participation.enrollment.startDate),
    notes: args.string('notes')?.trim() || null,
    triggers: chosenTriggers(session, checkIns, 'check-in'),
  });
}

export const sessionCommands: CommandSpec[] = [
  {
    path: ['session'],
    summary: "your next session's guide: objectives, actions, questions, when to check in",
    args: [{ name: 'session', kind: 'custom', custom: SESSION_KEY, description: 'which session (default: your next)', required: false }],
    requires: 'participant',
    run: showGuide,
  },
  {
    path: ['session', 'log'],
    summary: 'log a session: length, day, private notes, check-in situations (no length: a form)',
    args: [
      { name: 'duration', kind: 'duration', description: 'how long, e.g. 50m (none: a form)', required: false },
      { name: 'date', kind: 'custom', custom: CALL_DATE, description: 'when: today (default), yesterday, "last tue", YYYY-MM-DD', required: false },
      { name: 'notes', kind: 'text', description: 'private notes, only you can read them', required: false, variadic: true, maxLength: MAX_NOTES },
      { name: 'session', kind: 'custom', custom: SESSION_KEY, description: 'which session (default: your next)', required: false, flag: true },
      { name: 'check-in', kind: 'custom', custom: SITUATIONS, description: 'situations asking your supervisor for a debrief, e.g. stuck', required: false, flag: true },
    ],
    requires: 'participant',
    bareOpensForm: true,
    run: logSession,
  },
];

/** `<enrollment id>:<session key>`: what the form and the guide's button carry. */
const CONTEXT = /^([0-9a-f-]{36}):([a-z0-9_-]{1,64})$/;

/** The enrollment and session a form or button carries, checked against who is acting. */
async function ownSession(ctx: CommandContext, context: string | undefined): Promise<{ participation: Participation; session: Session }> {
  const parsed = CONTEXT.exec(context ?? '');
  const enrollment = parsed ? await ctx.store.enrollments.get(parsed[1]!) : null;
  const program = enrollment && (await ctx.store.programs.get(enrollment.programId));
  if (!parsed || !enrollment || !program || enrollment.personId !== ctx.actor.id || enrollment.status !== 'active') {
    throw new UserError('That session form has expired. Run `/mentor session log` again.', { code: 'FORM_EXPIRED' });
  }
  const session = (program.template.sessions ?? []).find((s) => s.key === parsed[2]);
  if (!session) throw new UserError('That session form has expired. Run `/mentor session log` again.', { code: 'FORM_EXPIRED' });
  return { participation: { enrollment, program }, session };
}

/** The form's own checks, before anything is saved (and by Slack before the modal closes). */
function validate(values: Record<string, string>, env: { now: Date; timeZone: string }): Record<string, string> {
  return fieldErrorsOf({
    duration: () => parseMinutes(values.duration?.trim()),
    date: () => parseCallDate(values.date?.trim() || 'today', env.now, env.timeZone, null),
    notes: () => {
      const length = values.notes?.trim().length ?? 0;
      if (length > MAX_NOTES) throw new UserError(`Notes can be up to ${MAX_NOTES} characters; these are ${length}.`, { code: 'TOO_LONG' });
    },
  });
}

export const sessionLogFormSpec: FormSpec = {
  formId: SESSION_LOG_FORM,
  validate,
  async refill(ctx, values, context) {
    const own = await ownSession(ctx, context).catch(() => null);
    return own ? sessionLogForm(ctx, own.participation.enrollment.id, own.session, values) : undefined;
  },
  async run(ctx, values, context) {
    const { participation, session } = await ownSession(ctx, context);
    return recordSession(ctx, participation, session, {
      minutes: sessionMinutes(parseMinutes(values.duration?.trim())),
      occurredOn: parseCallDate(values.date?.trim() || 'today', ctx.now, ctx.actor.timeZone, participation.enrollment.startDate),
      notes: values.notes?.trim() || null,
      triggers: chosenTriggers(session, values.check_ins, 'check_ins'),
    });
  },
};

export const sessionActions: ActionSpec[] = [
  {
    action: LOG_SESSION_ACTION,
    async run(ctx, value) {
      const { participation, session } = await ownSession(ctx, value);
      return formReply(sessionLogForm(ctx, participation.enrollment.id, session));
    },
  },
];
