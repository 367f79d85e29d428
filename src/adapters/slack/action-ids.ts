/**
 * Slack `action_id`s we put on buttons. They must be unique within a block and at most 255
 * characters, so each carries a position as well as what it does:
 * - `a:<n>:<core action>` presses a core button (its `value` is the core's value);
 * - `c:<n>:<command text>` runs a `/mentor` command (App Home shortcuts);
 * - `p:<page>` turns an App Home page.
 */
import { LIMITS } from './limits.js';

export type SlackAction =
  | { kind: 'core'; action: string }
  | { kind: 'command'; text: string }
  | { kind: 'page'; page: number };

export const CORE_ACTION_PATTERN = /^a:\d+:(.+)$/s;
export const ALL_ACTIONS_PATTERN = /^(?:a:\d+:.+|c:\d+:.+|p:\d+)$/s;

export function coreActionId(index: number, action: string): string | null {
  const id = `a:${index}:${action}`;
  return id.length <= LIMITS.actionId ? id : null;
}

export const commandActionId = (index: number, text: string): string => `c:${index}:${text}`.slice(0, LIMITS.actionId);
export const pageActionId = (page: number): string => `p:${page}`;

export function decodeActionId(actionId: string): SlackAction | null {
  const core = CORE_ACTION_PATTERN.exec(actionId);
  if (core) return { kind: 'core', action: core[1]! };
  const command = /^c:\d+:(.+)$/s.exec(actionId);
  if (command) return { kind: 'command', text: command[1]! };
  const page = /^p:(\d+)$/.exec(actionId);
  if (page) return { kind: 'page', page: Number(page[1]) };
  return null;
}
