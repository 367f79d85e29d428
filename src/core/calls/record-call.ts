import type { CommandContext } from '../commands/types.js';
import { UserError } from '../errors.js';
import { formatHours } from '../messages/progress-bar.js';
import { message, privateReply, type Block, type Outbound, type Outcome } from '../messages/model.js';
import { openMatch, type MatchChoice } from '../matching/current-match.js';
import { nameSeenBy, sentenceCase } from '../privacy/names.js';
import type { Participation } from '../programs/resolve.js';
import { stepsBack } from '../programs/rules.js';
import { localDateMidday } from '../time/local-date.js';
import { checkInParts } from '../check-ins/safety.js';
import { callPhrase, kindLabel, type ParsedCall } from './parse.js';

const earliest = (a: Date, b: Date) => (a.getTime() < b.getTime() ? a : b);

/** Kinds that only make sense with a counterpart. */
const NEEDS_MATCH = new Set(['supervision', 'first_call']);

/**
 * Saves a call (notes encrypted by the repository) and flags a debrief. Where the program keeps
 * count, the counterpart confirms with one tap; in a program that steps back after the match
 * the log is the pair's own and nobody is asked to confirm anything.
 */
export async function recordCall(ctx: CommandContext, { enrollment, program }: Participation, call: ParsedCall, choice: MatchChoice = {}): Promise<Outcome> {
  // Independent practice is the logger's own, so a mentor with several trainees need not say whose.
  const view = call.kind === 'independent' && !choice.personId && !choice.matchId ? null : await openMatch(ctx, enrollment, ['active'], { argument: 'trainee', ...choice });
  if (!view && NEEDS_MATCH.has(call.kind)) throw new UserError(`A ${kindLabel(call.kind)} call needs an active match, and you don't have one in ${program.name}.`, { code: 'NO_MATCH' });
  if (call.kind === 'first_call' && view?.match.firstCallAt) throw new UserError('The first call for this match is already logged.', { code: 'DUPLICATE' });
  const asksMeeting = call.kind === 'first_call' && program.template.calls?.firstCallAsksAboutMeeting === true;
  // Independent practice is the logger's own; every other kind involves the match's other side.
  const counterpartId = call.kind === 'independent' ? null : view?.counterpart.personId ?? null;
  const confirms = counterpartId !== null && !stepsBack(program);
  const saved = await ctx.store.calls.create({
    enrollmentId: enrollment.id,
    matchId: view?.match.id ?? null,
    counterpartPersonId: counterpartId,
    kind: call.kind,
    minutes: call.minutes,
    occurredOn: call.occurredOn,
    notes: call.notes,
    checkIn: call.checkIn,
    confirmation: confirms ? 'pending' : 'confirmed',
    meetingArranged: asksMeeting ? call.meetingArranged ?? null : null,
    meetingArrangedOn: asksMeeting && call.meetingArranged ? call.meetingArrangedOn ?? null : null,
  });
  if (call.kind === 'first_call' && view) await ctx.store.matches.update(view.match.id, { firstCallAt: earliest(localDateMidday(call.occurredOn, ctx.actor.timeZone), ctx.now) });
  const summary = `${formatHours(call.minutes)} ${callPhrase(call.kind)} on ${call.occurredOn}`;
  const outbound: Outbound[] = [];
  if (confirms && view) {
    const me = sentenceCase(await nameSeenBy(ctx, program, view.match, ctx.actor.id, counterpartId));
    outbound.push({
      to: { kind: 'person', personId: counterpartId },
      message: {
        text: `${me} logged a ${summary} with you.`,
        blocks: [
          { type: 'text', text: `${me} logged a ${summary} with you. Is that right?` },
          { type: 'actions', buttons: [
            { action: 'call.confirm', value: saved.id, label: 'Confirm', style: 'primary' },
            { action: 'call.dispute', value: saved.id, label: 'That’s not right' },
          ] },
        ],
      },
    });
  }
  const checkIn = call.checkIn ? await checkInParts(ctx, program, enrollment.id, call.checkIn) : null;
  if (checkIn) outbound.push(...checkIn.outbound);
  const lines = [`Logged a ${summary}.${confirms ? ' I asked your match to confirm it.' : ''}`];
  if (asksMeeting) lines.push(meetingLine(call));
  if (stepsBack(program) && counterpartId) lines.push('This log is yours and your match’s alone: the program does not see it.');
  if (checkIn) lines.push(checkIn.line);
  const blocks: Block[] = [...lines.map((text): Block => ({ type: 'text', text })), ...(checkIn?.blocks ?? [])];
  return privateReply(message(lines.join(' '), blocks), outbound);
}

function meetingLine(call: ParsedCall): string {
  if (call.meetingArranged === true) return `In-person meeting arranged${call.meetingArrangedOn ? ` for ${call.meetingArrangedOn}` : ''} — noted for the two of you only.`;
  if (call.meetingArranged === false) return 'No in-person meeting arranged yet — that can come later; it is noted for the two of you only.';
  return 'Did you arrange to meet in person? Add `--meeting yes` (and `--meeting-on YYYY-MM-DD`) when you log it, if you like.';
}
