// After a button is pressed, the message that carried it is updated to say what was chosen (an
// UPDATE_MESSAGE answer to the press), so no stale buttons stay live.
import type { Reply } from '../../core/messages/model.js';
import type { Interaction } from './interaction.js';
import { clip, InteractionKind, LIMITS } from './limits.js';
import type { MessageData } from './reply-plan.js';

/** The pressed button's label, from the message's components by the custom_id pressed. */
function pressedLabel(i: Interaction): string | undefined {
  const customId = (i.data as { custom_id?: string } | undefined)?.custom_id;
  for (const row of i.message?.components ?? []) {
    for (const c of row.components ?? []) if (c.custom_id === customId && c.label) return c.label;
  }
  return undefined;
}

/** The pressed message, buttons removed, with one line saying what was chosen (its embeds unchanged). */
export function pressedUpdate(i: Interaction, pressed: NonNullable<Reply['pressed']>): MessageData {
  // A modal submit names the modal, not the button that opened it: say the form was sent.
  const fallback = i.type === InteractionKind.ModalSubmit ? FORM_SENT : `✓ ${pressedLabel(i) ?? 'Done'}`;
  const note = pressed.note ?? fallback;
  const before = i.message?.content ? `${i.message.content}\n\n` : '';
  // An update edits: embeds left out stay as they were; the buttons go.
  return { content: clip(`${before}${note}`, LIMITS.content), components: [], allowed_mentions: { parse: [] } };
}

export const FORM_SENT = '✓ Done — the form was sent';

/**
 * Whether this interaction's message should change once the core answers: a button press, or a
 * form opened from a button (Discord sends that message with the modal's submission).
 */
export const updatesItsMessage = (i: Interaction): boolean =>
  i.type === InteractionKind.Component || (i.type === InteractionKind.ModalSubmit && i.message !== undefined);
