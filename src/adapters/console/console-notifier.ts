import type { Outbound } from '../../core/messages/model.js';
import { renderText } from './render-text.js';

/** Prints what the bot sends to others, one message per line, naming its audience. */
export function createConsoleNotifier(write: (line: string) => void, nameOf: (personId: string) => Promise<string>) {
  return async (outbound: Outbound[]): Promise<void> => {
    for (const item of outbound) {
      const audience = item.to.kind === 'person' ? `to ${await nameOf(item.to.personId)}` : `#${item.to.channelId}`;
      const [first = '', ...rest] = renderText(item.message);
      write([`[${audience}] ${first}`, ...rest.map((l) => `    ${l}`)].join('\n'));
    }
  };
}
