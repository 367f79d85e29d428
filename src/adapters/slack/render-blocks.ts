import type { ActionsBlock, Button as SlackButton, KnownBlock, SectionBlock } from '@slack/types';
import type { Block, Button, Message } from '../../core/messages/model.js';
import { progressBar } from '../../core/messages/progress-bar.js';
import { timeFallback } from '../../core/messages/plain-text.js';
import { coreActionId } from './action-ids.js';
import { chunk, fit, LIMITS } from './limits.js';

/** Slack mrkdwn treats &, < and > as control characters; the core's text is plain. */
export const escapeMrkdwn = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const num = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

const section = (text: string): SectionBlock => ({ type: 'section', text: { type: 'mrkdwn', text: fit(text, LIMITS.sectionText) } });

/** Breaks a line longer than `max` at spaces (or anywhere, if it has none) so nothing is cut off. */
function splitLine(line: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > max) {
    const space = rest.lastIndexOf(' ', max);
    const at = space > max / 2 ? space : max;
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at).trimStart();
  }
  pieces.push(rest);
  return pieces;
}

/** Packs lines into as few sections as fit, so a long list becomes several blocks instead of an error. */
function linesToSections(lines: string[]): SectionBlock[] {
  const sections: SectionBlock[] = [];
  let current = '';
  for (const line of lines.flatMap((l) => splitLine(l, LIMITS.sectionText))) {
    if (current && current.length + 1 + line.length > LIMITS.sectionText) {
      sections.push(section(current));
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) sections.push(section(current));
  return sections;
}

export function renderButton(button: Button, index: number): SlackButton | null {
  const actionId = coreActionId(index, button.action);
  // An id that cannot fit would be cut and then name another action: leave the button out.
  if (!actionId || button.value.length > LIMITS.buttonValue) return null;
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: fit(button.label, LIMITS.buttonText), emoji: true },
    value: button.value,
    ...(button.style ? { style: button.style } : {}),
  };
}

function renderActions(buttons: Button[], firstIndex: number): ActionsBlock[] {
  const elements = buttons.map((b, i) => renderButton(b, firstIndex + i)).filter((b): b is SlackButton => b !== null);
  return chunk(elements, LIMITS.actionsElements).map((group) => ({ type: 'actions', elements: group }));
}

/** Slack shows `<!date^…>` in each reader's own zone; the text after `|` is for clients that cannot. */
export const slackDate = (block: Extract<Block, { type: 'time' }>): string =>
  `<!date^${Math.floor(new Date(block.at).getTime() / 1000)}^{date_short_pretty} at {time}|${escapeMrkdwn(timeFallback(block))}>`;

/** Renders one core block as one or more Slack blocks. `buttonIndex` keeps action ids unique. */
export function renderBlock(block: Block, buttonIndex = 0): KnownBlock[] {
  switch (block.type) {
    case 'heading':
      return [{ type: 'header', text: { type: 'plain_text', text: fit(block.text, LIMITS.headerText), emoji: true } }];
    case 'text':
      return linesToSections(escapeMrkdwn(block.text).split('\n'));
    case 'fields':
      return chunk(block.fields, LIMITS.sectionFields).map((group) => ({
        type: 'section',
        fields: group.map((f) => ({ type: 'mrkdwn', text: fit(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, LIMITS.fieldText) })),
      }));
    case 'progress': {
      const bar = `\`${progressBar(block.value, block.target)}\` ${num(block.value)}/${num(block.target)} ${escapeMrkdwn(block.unit)}`;
      return [section(`*${escapeMrkdwn(block.label)}*\n${bar}`)];
    }
    case 'list':
      return linesToSections(block.items.map((item) => `• ${escapeMrkdwn(item)}`));
    case 'actions':
      return renderActions(block.buttons, buttonIndex);
    case 'divider':
      return [{ type: 'divider' }];
    case 'time':
      return [section(`${escapeMrkdwn(block.before ?? '')}${slackDate(block)}${escapeMrkdwn(block.after ?? '')}`)];
  }
}

/** All blocks of a message, in order; may exceed one message's limit (see `paginate`). */
export function renderBlocks(blocks: Block[]): KnownBlock[] {
  let buttonIndex = 0;
  return blocks.flatMap((block) => {
    const rendered = renderBlock(block, buttonIndex);
    if (block.type === 'actions') buttonIndex += block.buttons.length;
    return rendered;
  });
}

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/**
 * A core message as one or more Slack messages of at most 50 blocks each: long output is sent
 * in parts instead of being rejected. Each part carries the plain-text fallback Slack shows in
 * notifications; later parts say which part they are.
 */
export function renderMessages(msg: Message, blocksPerMessage: number = LIMITS.blocksPerMessage): SlackMessage[] {
  const pages = chunk(renderBlocks(msg.blocks), blocksPerMessage);
  // `text` is what notifications show, and Slack parses it as mrkdwn too: the neutral preview when
  // there is one, always escaped like the blocks (a title `<!channel>` must not ping anyone).
  const text = fit(escapeMrkdwn(msg.preview ?? msg.text), LIMITS.messageText);
  if (pages.length === 0) return [{ text, blocks: [section(escapeMrkdwn(msg.text))] }];
  return pages.map((blocks, i) => ({ text: i === 0 ? text : `(part ${i + 1} of ${pages.length}) ${text}`.slice(0, LIMITS.messageText), blocks }));
}
