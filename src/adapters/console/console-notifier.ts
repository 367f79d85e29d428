import type { Outbound } from '../../core/messages/model.js';
import type { ConsoleMemory } from './console-memory.js';
import { renderText } from './render-text.js';

/** Prints what the bot sends to others, one message per line, naming its audience. */
export function createConsoleNotifier(write: (line: string) => void, nameOf: (personId: string) => Promise<string>, memory: ConsoleMemory) {
  return async (outbound: Outbound[]): Promise<void> => {
    for (const item of outbound) {
      const handle = item.to.kind === 'person' ? await nameOf(item.to.personId) : undefined;
      if (handle) memory.rememberMessage(handle, item.message);
      const audience = handle ? `to ${handle}` : `#${item.to.kind === 'channel' ? item.to.channelId : ''}`;
      const [first = '', ...rest] = renderText(item.message);
      write([`[${audience}] ${first}`, ...rest.map((l) => `    ${l}`)].join('\n'));
    }
  };
}
