import type { CommandContext } from '../commands/types.js';
import { UserError } from '../errors.js';
import { formatHours } from '../messages/progress-bar.js';
import { message, privateReply, type Outbound, type Outcome } from '../messages/model.js';
import { openMatch } from '../matching/current-match.js';
import type { Participation } from '../programs/resolve.js';
import { localDateMidday } from '../time/local-date.js';
import { debriefNotice, debriefReplyLine } from '../check-ins/debrief.js';
import { callPhrase, kindLabel, type ParsedCall } from './parse.js';

const earliest = (a: Date, b: Date) => (a.getTime() < b.getTime() ? a : b);

/** Kinds that only make sense with a counterpart. */
const NEEDS_MATCH = new Set(['supervision', 'first_call']);

/** Saves a call (notes encrypted by the repository), asks the counterpart to confirm, flags a debrief. */
export async function recordCall(ctx: CommandContext, { enrollment, program }: Participation, call: ParsedCall): Promise<Outcome> {
  const view = await openMatch(ctx, enrollment);
  if (!view && NEEDS_MATCH.has(call.kind)) throw new UserError(`A ${kindLabel(call.kind)} call needs an active match, and you don't have one in ${program.name}.`, { code: 'NO_MATCH' });
  if (call.kind === 'first_call' && view?.match.firstCallAt) throw new UserError('The first call for this match is already logged.', { code: 'DUPLICATE' });
  // Independent practice is the logger's own; every other kind involves the match's other side.
  const counterpartId = call.kind === 'independent' ? null : view?.counterpart.personId ?? null;
  const saved = await ctx.store.calls.create({
    enrollmentId: enrollment.id,
    matchId: view?.match.id ?? null,
    counterpartPersonId: counterpartId,
    kind: call.kind,
    minutes: call.minutes,
    occurredOn: call.occurredOn,
    notes: call.notes,
    checkIn: call.checkIn,
    confirmation: counterpartId ? 'pending' : 'confirmed',
  });
  if (call.kind === 'first_call' && view) await ctx.store.matches.update(view.match.id, { firstCallAt: earliest(localDateMidday(call.occurredOn, ctx.actor.timeZone), ctx.now) });
  const summary = `${formatHours(call.minutes)} ${callPhrase(call.kind)} on ${call.occurredOn}`;
  const outbound: Outbound[] = [];
  if (counterpartId) {
    outbound.push({
      to: { kind: 'person', personId: counterpartId },
      message: {
        text: `${ctx.actor.displayName} logged a ${summary} with you.`,
        blocks: [
          { type: 'text', text: `${ctx.actor.displayName} logged a ${summary} with you. Is that right?` },
          { type: 'actions', buttons: [
            { action: 'call.confirm', value: saved.id, label: 'Confirm', style: 'primary' },
            { action: 'call.dispute', value: saved.id, label: 'That’s not right' },
          ] },
        ],
      },
    });
  }
  const debrief = call.checkIn ? await debriefNotice(ctx, program, call.checkIn) : null;
  if (debrief) outbound.push(...debrief.outbound);
  const confirm = counterpartId ? ' I asked your match to confirm it.' : '';
  const debriefLine = debrief && call.checkIn ? ` ${debriefReplyLine(debrief, call.checkIn)}` : '';
  return privateReply(message(`Logged a ${summary}.${confirm}${debriefLine}`), outbound);
}
