import type { PlatformRuntime } from '../../platform/contract.js';
import type { ConsoleMemory } from './console-memory.js';
import { renderText } from './render-text.js';

/**
 * The console as a platform for the delivery workers: each message to someone else (a nudge, or
 * what a command owed them) prints on its own line, addressed to their handle or the channel, and
 * its buttons are remembered so `press` finds them. Everyone at the console reads the channel,
 * so anyone may press its buttons (RSVPs).
 */
export function consolePlatform(write: (line: string) => void, memory: ConsoleMemory): PlatformRuntime {
  return {
    platform: 'console',
    async send(target, message) {
      if (target.kind === 'dm') memory.rememberMessage(target.userExternalId, message);
      else memory.rememberChannelMessage(message);
      const audience = target.kind === 'dm' ? `to ${target.userExternalId}` : `to #${target.channelId}`;
      const [first = '', ...rest] = renderText(message);
      write([`[${audience}] ${first}`, ...rest.map((l) => `    ${l}`)].join('\n'));
    },
    stop: async () => undefined,
  };
}
