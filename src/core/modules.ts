import type { CoreModules } from './trellis.js';
import { statusCommand } from './status/status-command.js';

/** Every command, button and form the core offers. Adapters render whatever is listed here. */
export function coreModules(): CoreModules {
  return {
    commands: [statusCommand],
    actions: [],
    forms: [],
  };
}
