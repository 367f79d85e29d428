// After a button is pressed, the message that carried it changes to say what was chosen, so no
// stale buttons stay live (Slack: `replace_original` through the press's response_url).
import type { KnownBlock } from '@slack/types';
import type { Reply } from '../../core/messages/model.js';
import { escapeMrkdwn } from './render-blocks.js';
import { fit, LIMITS } from './limits.js';

/**
 * The pressed message with its buttons replaced by one line of what was chosen. Slack sends the
 * message's blocks with a press in a posted message (a DM nudge); for an ephemeral one it does
 * not, and the note alone replaces it.
 */
export function pressedMessage(original: { text?: string; blocks?: KnownBlock[] } | undefined, pressed: NonNullable<Reply['pressed']>, label: string | undefined): { text: string; blocks: KnownBlock[] } {
  const note = pressed.note ?? `✓ ${label ?? 'Done'}`;
  const kept = (original?.blocks ?? []).filter((b) => b.type !== 'actions');
  const context: KnownBlock = { type: 'context', elements: [{ type: 'mrkdwn', text: fit(escapeMrkdwn(note), LIMITS.sectionText) }] };
  return { text: original?.text ?? note, blocks: [...kept, context] };
}

/** Replaces the pressed message through its response_url (Slack keeps it usable for 30 minutes). */
export async function replaceOriginal(url: string, message: { text: string; blocks: KnownBlock[] }): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ replace_original: true, ...message }), signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`response_url answered ${res.status}`);
}

/** How much of the pressed message's text rides in a modal's private_metadata (max 3,000 in all). */
export const PRESSED_TEXT_MAX = 1200;

/**
 * The message whose button opened a form, once the form was sent: its text kept (the blocks were
 * not, for lack of room in private_metadata) and "✓ <button label>" where its buttons were.
 */
export function formSentMessage(origin: { label?: string; text?: string }, pressed: NonNullable<Reply['pressed']>): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = origin.text ? [{ type: 'section', text: { type: 'mrkdwn', text: fit(origin.text, LIMITS.sectionText) } }] : [];
  return pressedMessage({ text: origin.text, blocks }, pressed, origin.label);
}
