import { textNaming } from '../commands/naming.js';
import type { CommandContext } from '../commands/types.js';
import type { Enrollment, Program } from '../domain.js';
import { currentSession, loggedSummary } from './framework.js';

/** What status says about a session framework: sessions logged so far, and which one is next. */
export async function sessionStatusLines(ctx: CommandContext, program: Program, enrollment: Enrollment): Promise<string[]> {
  const sessions = program.template.sessions ?? [];
  if (sessions.length === 0) return [];
  const logs = await ctx.store.sessions.listForEnrollment(enrollment.id);
  const next = currentSession(sessions, logs);
  return [`Sessions logged: ${loggedSummary(sessions, logs)}. Next: the ${next.name.toLowerCase()} — \`${(ctx.naming ?? textNaming).command(['session'])}\` shows its guide.`];
}
