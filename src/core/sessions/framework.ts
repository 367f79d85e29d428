// A template's session framework (e.g. community involvement: an initial assessment, then a
// community session repeated as often as it helps) and where a provider stands in it. Pure.
import type { Program, SessionLog } from '../domain.js';
import { UserError } from '../errors.js';
import type { CheckInTrigger, Session } from '../programs/template-schema.js';

/** The program's sessions, in order, or a refusal naming what the program has instead. */
export function frameworkOf(program: Program): Session[] {
  const sessions = program.template.sessions ?? [];
  if (sessions.length === 0) {
    throw new UserError(`${program.name} has no session framework, so there is no session guide to show. Your calls go in \`/mentor log-call\`.`, { code: 'NO_SESSIONS' });
  }
  return sessions;
}

/**
 * The session the provider is due to run next: the first one-off session not logged yet (the
 * initial assessment comes first), then the first repeatable one, for as long as it helps.
 */
export function currentSession(sessions: Session[], logs: Pick<SessionLog, 'sessionKey'>[]): Session {
  const logged = new Set(logs.map((l) => l.sessionKey));
  return sessions.find((s) => !s.repeatable && !logged.has(s.key)) ?? sessions.find((s) => s.repeatable) ?? sessions.at(-1)!;
}

/** A session by key, or a refusal listing the framework's sessions. */
export function findSession(sessions: Session[], key: string, argument = 'session'): Session {
  const session = sessions.find((s) => s.key === key.trim().toLowerCase());
  if (session) return session;
  throw new UserError(`"${key}" is not a session of this framework. Its sessions: ${sessions.map((s) => `${s.key} (${s.name})`).join(', ')}.`, { code: 'UNKNOWN_SESSION', argument });
}

/** How many times each session was logged, in the framework's order: "1 initial assessment, 2 community sessions". */
export function loggedSummary(sessions: Session[], logs: Pick<SessionLog, 'sessionKey'>[]): string {
  const parts = sessions
    .map((s) => ({ s, n: logs.filter((l) => l.sessionKey === s.key).length }))
    .filter(({ n }) => n > 0)
    .map(({ s, n }) => `${n} × ${s.name.toLowerCase()}`);
  return parts.length ? parts.join(', ') : 'none yet';
}

const REASON_WORDS: Record<string, CheckInTrigger['reason']> = { safety: 'safety', impasse: 'impasse', 'failed-activity': 'failed-activity', uncertain: 'uncertain' };

/**
 * The "when to check in" situations a provider named: trigger keys, or a reason word
 * (`safety`) when exactly one situation of the session has that reason. Comma-separated.
 */
export function chosenTriggers(session: Session, raw: string | undefined, argument: string): CheckInTrigger[] {
  const words = (raw ?? '').split(',').map((w) => w.trim().toLowerCase()).filter((w) => w && w !== 'none');
  const chosen: CheckInTrigger[] = [];
  for (const word of words) {
    const byKey = session.checkInTriggers.find((t) => t.key === word);
    const byReason = REASON_WORDS[word] ? session.checkInTriggers.filter((t) => t.reason === REASON_WORDS[word]) : [];
    const trigger = byKey ?? (byReason.length === 1 ? byReason[0] : undefined);
    if (!trigger) {
      const known = session.checkInTriggers.map((t) => t.key).join(', ');
      const why = session.checkInTriggers.length ? `Its situations: ${known}.` : 'This session lists no check-in situations.';
      throw new UserError(`"${word}" is not a check-in situation of the ${session.name.toLowerCase()}. ${why}`, { code: 'INVALID_ARGUMENT', argument });
    }
    if (!chosen.includes(trigger)) chosen.push(trigger);
  }
  return chosen;
}
