// The buttons every nudge carries, so the next step is one tap from the DM: log the call the
// nudge is about (its form filled in ahead), say it is not happening this week, see the
// mentee's contact, or be reminded later. Values carry ids and small numbers only.
import { DateTime } from 'luxon';
import { logCallForm } from '../calls/log-call-command.js';
import type { ActionSpec, CommandContext } from '../commands/types.js';
import { showContact } from '../consent/consent-command.js';
import type { Enrollment, Program } from '../domain.js';
import { UserError } from '../errors.js';
import { formReply, message, privateReply, type Button } from '../messages/model.js';
import { statusOutcome } from '../status/status-command.js';
import { formatLocal } from '../time/local-date.js';

export const NUDGE_BUTTONS = {
  logSupervision: 'supervision.log',
  notThisWeek: 'supervision.skip',
  logFirstCall: 'first-call.log',
  showContact: 'first-call.contact',
  snooze: 'nudge.snooze',
  /** From a digest or a stepped-care notice: log a call with that trainee (value `<match>:<minutes>`). */
  logTraineeCall: 'trainee.log-call',
  openStatus: 'status.open',
} as const;

/** "Remind me tomorrow" / "in 3 days": on any personal nudge, by its row key. */
export const snoozeButtons = (key: string): Button[] => [
  { action: NUDGE_BUTTONS.snooze, value: `1:${key}`, label: 'Remind me tomorrow' },
  { action: NUDGE_BUTTONS.snooze, value: `3:${key}`, label: 'In 3 days' },
];

const EXPIRED = 'That reminder is no longer yours to act on. `/mentor status` shows where things stand.';

/** The actor's own active enrollment, by the id a button carried. */
async function ownEnrollment(ctx: CommandContext, enrollmentId: string): Promise<Enrollment> {
  const enrollment = await ctx.store.enrollments.get(enrollmentId);
  if (!enrollment || enrollment.personId !== ctx.actor.id) throw new UserError(EXPIRED, { code: 'FORBIDDEN' });
  if (enrollment.status === 'paused') throw new UserError('Your program is paused. `/mentor resume` first, then log the call.', { code: 'PAUSED' });
  if (enrollment.status !== 'active') throw new UserError(EXPIRED, { code: 'FORBIDDEN' });
  return enrollment;
}

/** The mentor's enrollment in a match, when the actor is that mentor. */
async function mentorOf(ctx: CommandContext, matchId: string): Promise<Enrollment> {
  const match = await ctx.store.matches.get(matchId);
  if (!match || match.status !== 'active') throw new UserError('That match is no longer active.', { code: 'NO_MATCH' });
  return ownEnrollment(ctx, match.mentorEnrollmentId);
}

/** The program an enrollment belongs to (its call kinds and questions shape the form). */
async function programOf(ctx: CommandContext, programId: string): Promise<Program> {
  const program = await ctx.store.programs.get(programId);
  if (!program) throw new UserError('That program no longer exists.', { code: 'NOT_FOUND' });
  return program;
}

export const nudgeActions: ActionSpec[] = [
  {
    // value `<enrollment>:<minutes>`: the phase's call length, so the form is ready to send.
    action: NUDGE_BUTTONS.logSupervision,
    async run(ctx, value) {
      const [enrollmentId = '', minutes = '30'] = value.split(':');
      const enrollment = await ownEnrollment(ctx, enrollmentId);
      return formReply(await logCallForm(ctx, enrollment.id, await programOf(ctx, enrollment.programId), { duration: `${Number(minutes) || 30}m`, kind: 'supervision' }));
    },
  },
  {
    action: NUDGE_BUTTONS.notThisWeek,
    async run(ctx, value) {
      await ownEnrollment(ctx, value);
      const outcome = privateReply(message("No problem — no supervision call this time. I'll remind you when the next one is due; if you do talk after all, `/mentor log-call` still takes it."));
      return { ...outcome, reply: { ...outcome.reply, pressed: { note: 'Not this week' } } };
    },
  },
  {
    action: NUDGE_BUTTONS.logFirstCall,
    async run(ctx, matchId) {
      const mentor = await mentorOf(ctx, matchId);
      return formReply(await logCallForm(ctx, mentor.id, await programOf(ctx, mentor.programId), { duration: '30m', kind: 'first-call', trainee: matchId }));
    },
  },
  {
    action: NUDGE_BUTTONS.showContact,
    async run(ctx, matchId) {
      const mentor = await mentorOf(ctx, matchId);
      const outcome = await showContact(ctx, mentor, { matchId });
      // The contact is shown privately; the reminder keeps its buttons (the call is still to log).
      return { ...outcome, reply: { ...outcome.reply, pressed: { keepButtons: true } } };
    },
  },
  {
    // value `<match>:<minutes>`: a mentor's digest or stepped-care notice, about one trainee.
    action: NUDGE_BUTTONS.logTraineeCall,
    async run(ctx, value) {
      const [matchId = '', minutes = '30'] = value.split(':');
      const mentor = await mentorOf(ctx, matchId);
      return formReply(await logCallForm(ctx, mentor.id, await programOf(ctx, mentor.programId), { duration: `${Number(minutes) || 30}m`, kind: 'supervision', trainee: matchId }));
    },
  },
  {
    action: NUDGE_BUTTONS.openStatus,
    async run(ctx) {
      const outcome = await statusOutcome(ctx);
      // The digest keeps its buttons: the other trainees' calls are still to log.
      return { ...outcome, reply: { ...outcome.reply, pressed: { keepButtons: true } } };
    },
  },
  {
    // value `<days>:<nudge key>`: the same nudge again, that many local days from now.
    action: NUDGE_BUTTONS.snooze,
    async run(ctx, value) {
      const colon = value.indexOf(':');
      const days = Number(value.slice(0, colon));
      if (colon < 0 || ![1, 3].includes(days)) throw new UserError(EXPIRED, { code: 'ACTION_EXPIRED' });
      const until = DateTime.fromJSDate(ctx.now, { zone: ctx.actor.timeZone }).plus({ days }).toJSDate();
      const copy = await ctx.store.outbox.snooze(value.slice(colon + 1), ctx.actor.id, until);
      if (!copy) throw new UserError(EXPIRED, { code: 'ACTION_EXPIRED' });
      const when = `${days === 1 ? 'tomorrow' : 'in 3 days'} (${formatLocal(until, ctx.actor.timeZone)}, your time)`;
      const outcome = privateReply(message(`I'll remind you ${when}.`));
      return { ...outcome, reply: { ...outcome.reply, pressed: { note: `Snoozed: I'll remind you ${when}.` } } };
    },
  },
];
