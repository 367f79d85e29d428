import type { Outbound } from '../../core/messages/model.js';
import type { ConsoleMemory } from './console-memory.js';
import { renderText } from './render-text.js';

/** Prints what the bot sends to others, one message per line, naming its audience. */
export function createConsoleNotifier(write: (line: string) => void, nameOf: (personId: string) => Promise<string>, memory: ConsoleMemory) {
  return async (outbound: Outbound[]): Promise<void> => {
    for (const item of outbound) {
      let audience: string;
      if (item.to.kind === 'person') {
        const handle = await nameOf(item.to.personId);
        memory.rememberMessage(handle, item.message);
        audience = `to ${handle}`;
      } else {
        // Everyone at the console reads the channel, so anyone may press its buttons (RSVPs).
        memory.rememberChannelMessage(item.message);
        audience = `to #${item.to.channelId}`;
      }
      const [first = '', ...rest] = renderText(item.message);
      write([`[${audience}] ${first}`, ...rest.map((l) => `    ${l}`)].join('\n'));
    }
  };
}
