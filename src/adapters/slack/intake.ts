// What the receiver tells a listener about the written-down request it is running (the durable
// intake, src/platform/intake.ts), through Bolt's context (the receiver's customProperties).
import { slackRequestId } from './request-id.js';

export interface SlackIntake {
  /** The core's request id, also the intake row's. */
  id: string;
  /** True when a surviving web process runs it again: no modal can open, the person may be answered by DM. */
  replay: boolean;
  /** False when the request had already been written down (a Slack retry, a double submit): its first run answers. */
  fresh: Promise<boolean>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

/**
 * The intake id and workspace of a request that runs a command, a button or a form — the same
 * id the listeners give the core (slackRequestId) — or null for what is never written down
 * (events, App Home, shortcuts Trellis ignores).
 */
export function slackIntakeKey(body: Record<string, unknown>): { id: string; workspace: string } | null {
  const teamOf = () => str(obj(body.user).team_id) ?? str(obj(body.team).id);
  if (typeof body.command === 'string') {
    const team = str(body.team_id);
    const id = team && slackRequestId(team, str(body.trigger_id));
    return team && id ? { id, workspace: team } : null;
  }
  if (body.type === 'block_actions' || body.type === 'view_submission') {
    const team = teamOf();
    const actionTs = Array.isArray(body.actions) ? str(obj(body.actions[0]).action_ts) : undefined;
    const id = team && slackRequestId(team, str(body.trigger_id), body.type === 'block_actions' ? actionTs : undefined);
    return team && id ? { id, workspace: team } : null;
  }
  return null;
}

/** The intake a listener runs under, from Bolt's context; undefined when the request was not written down. */
export function intakeOf(context: Record<string, unknown>): SlackIntake | undefined {
  const intake = context.intake as SlackIntake | undefined;
  return intake && typeof intake.id === 'string' ? intake : undefined;
}
