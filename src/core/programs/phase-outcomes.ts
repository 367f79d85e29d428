// A phase's outcomes (from the template): what the phase builds toward, said the same way when
// the phase begins and in status.
import type { Block } from '../messages/model.js';
import type { Phase } from './template-schema.js';

/** "By the end of Guided practice, you should be able to:" and the list; nothing when the template names none. */
export function phaseOutcomeBlocks(phase: Phase): Block[] {
  if (!phase.outcomes?.length) return [];
  return [
    { type: 'text', text: `By the end of ${phase.name}, you should be able to:` },
    { type: 'list', items: phase.outcomes },
  ];
}
