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
