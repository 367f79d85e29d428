import { CALL_KINDS, kindLabel } from '../../core/calls/parse.js';
import type { OptionHints } from './usage-options.js';

/**
 * Choices for placeholder names whose values the core fixes, taken from the core's own lists so
 * the adapter never keeps a copy of a rule: `<kind>` offers the call kinds.
 */
export function defaultOptionHints(): OptionHints {
  return { kind: { choices: CALL_KINDS.map(kindLabel) } };
}
