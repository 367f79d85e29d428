import type { ActionsBlock, Button as SlackButton, HomeView, KnownBlock } from '@slack/types';
import type { CommandSpec } from '../../core/commands/types.js';
import type { Message } from '../../core/messages/model.js';
import { commandActionId, pageActionId } from './action-ids.js';
import { chunk, fit, LIMITS } from './limits.js';
import { renderBlocks } from './render-blocks.js';

/** Shortcuts App Home offers when the core has the command; a command the core lacks is left out. */
export const HOME_SHORTCUTS: { path: string[]; label: string; style?: 'primary' }[] = [
  { path: ['log-call'], label: 'Log a call', style: 'primary' },
  { path: ['reflect'], label: 'Write a reflection' },
  { path: ['journal'], label: 'My journal' },
  { path: ['cohort'], label: 'My cohort' },
  { path: ['settings'], label: 'Settings' },
];

/** Blocks around the status on every page: title, updated line, shortcuts, divider, pager. */
const FRAME_BLOCKS = 5;
export const HOME_PAGE_SIZE = LIMITS.blocksPerView - FRAME_BLOCKS;

export interface HomeInput {
  status: Message;
  commands: readonly CommandSpec[];
  page: number;
  updatedLine: string;
}

function shortcutButtons(commands: readonly CommandSpec[]): SlackButton[] {
  const known = new Set(commands.map((c) => c.path.join(' ')));
  const buttons: SlackButton[] = HOME_SHORTCUTS.filter((s) => known.has(s.path.join(' '))).map((s, i) => ({
    type: 'button',
    action_id: commandActionId(i, s.path.join(' ')),
    text: { type: 'plain_text', text: fit(s.label, LIMITS.buttonText) },
    value: s.path.join(' '),
    ...(s.style ? { style: s.style } : {}),
  }));
  buttons.push({ type: 'button', action_id: commandActionId(buttons.length, 'help'), text: { type: 'plain_text', text: 'All commands' }, value: 'help' });
  buttons.push({ type: 'button', action_id: pageActionId(0), text: { type: 'plain_text', text: 'Refresh' }, value: '0' });
  return buttons.slice(0, LIMITS.actionsElements);
}

function pager(page: number, pages: number): ActionsBlock | null {
  if (pages <= 1) return null;
  const elements: SlackButton[] = [];
  if (page > 0) elements.push({ type: 'button', action_id: pageActionId(page - 1), text: { type: 'plain_text', text: '← Previous' }, value: String(page - 1) });
  if (page < pages - 1) elements.push({ type: 'button', action_id: pageActionId(page + 1), text: { type: 'plain_text', text: 'Next →' }, value: String(page + 1) });
  return { type: 'actions', elements };
}

/**
 * The App Home tab: the person's status as the core renders it, shortcuts to the common commands,
 * and pages of at most 100 blocks in all when the status is long.
 */
export function renderHome(input: HomeInput): HomeView {
  const pages = chunk(renderBlocks(input.status.blocks), HOME_PAGE_SIZE);
  const page = Math.max(0, Math.min(input.page, pages.length - 1));
  const pageNote = pages.length > 1 ? ` · page ${page + 1} of ${pages.length}` : '';
  const blocks: KnownBlock[] = [
    { type: 'context', elements: [{ type: 'mrkdwn', text: fit(`${input.updatedLine}${pageNote}`, LIMITS.sectionText) }] },
    { type: 'actions', elements: shortcutButtons(input.commands) },
    { type: 'divider' },
    ...(pages[page] ?? []),
  ];
  const more = pager(page, pages.length);
  if (more) blocks.push(more);
  return { type: 'home', callback_id: 'trellis-home', private_metadata: JSON.stringify({ page }), blocks };
}
