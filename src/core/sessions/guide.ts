// The guide for one session of a framework, as the provider reads it before the session:
// objectives, actions, questions to consider, and when to check in with their supervisor.
import type { CommandNaming } from '../commands/types.js';
import type { Program, SessionLog } from '../domain.js';
import type { Block, Button } from '../messages/model.js';
import type { Session } from '../programs/template-schema.js';
import { loggedSummary } from './framework.js';

export const LOG_SESSION_ACTION = 'session.log';

/** The button that opens the log form for this session (the value carries ids only). */
export const logButton = (enrollmentId: string, session: Session): Button => ({ action: LOG_SESSION_ACTION, value: `${enrollmentId}:${session.key}`, label: `Log this session`, style: 'primary' });

const section = (heading: string, intro: string, items: string[]): Block[] =>
  items.length ? [{ type: 'heading', text: heading }, { type: 'text', text: intro }, { type: 'list', items }] : [];

export interface GuideInput {
  program: Program;
  sessions: Session[];
  session: Session;
  /** The session the provider is due to run next (the guide says so when it shows another). */
  current: Session;
  logs: SessionLog[];
  enrollmentId: string;
  naming: CommandNaming;
}

export function guideBlocks({ program, sessions, session, current, logs, enrollmentId, naming }: GuideInput): Block[] {
  const position = sessions.indexOf(session) + 1;
  const when = session.repeatable ? 'To be repeated as often as it helps the client.' : 'Once, before the sessions that follow it.';
  const status = session.key === current.key ? 'This is your next session.' : `Your next session is the ${current.name.toLowerCase()}: \`${naming.command(['session'])} ${current.key}\`.`;
  const others = sessions.filter((s) => s.key !== session.key).map((s) => `\`${naming.command(['session'])} ${s.key}\` — ${s.name}`);
  return [
    { type: 'heading', text: `Session guide — ${session.name}` },
    { type: 'text', text: `${program.name}, session ${position} of ${sessions.length}. ${when} ${status}` },
    { type: 'fields', fields: [{ label: 'Sessions logged', value: loggedSummary(sessions, logs) }] },
    ...section('Defining objectives', 'By the end of the session, the client will:', session.objectives),
    ...section('Taking action', 'What you will do along the way:', session.actions),
    ...section('Questions to consider', 'Afterwards, think about:', session.questionsToConsider),
    ...section('When to check in', 'Ask your supervisor for a debrief if:', session.checkInTriggers.map((t) => t.text)),
    {
      type: 'text',
      text: `Afterwards, log it with \`${naming.command(['session', 'log'])}\` (or the button): how long it took, private notes only you can read, and any of the situations above — choosing one asks your supervisor for a debrief, with the situation only, never your notes.`,
    },
    ...(others.length ? [{ type: 'text' as const, text: `Other sessions of this framework: ${others.join('; ')}.` }] : []),
    { type: 'actions', buttons: [logButton(enrollmentId, session)] },
  ];
}
