import { message, privateReply, type Outcome } from '../messages/model.js';
import type { CommandSpec } from './types.js';

const HELP_USAGE = '/mentor help [command]';

function lines(commands: readonly CommandSpec[]): string[] {
  return commands.map((c) => `\`${c.usage}\` — ${c.summary}`);
}

/** `/mentor help` lists every subcommand with a one-line usage; `/mentor help <word>` narrows it. */
export function helpOutcome(commands: readonly CommandSpec[], filter: string[]): Outcome {
  const wanted = filter.map((w) => w.toLowerCase());
  const chosen = wanted.length ? commands.filter((c) => wanted.every((w, i) => c.path[i] === w)) : commands;
  if (wanted.length && chosen.length === 0) return unknownCommandOutcome(commands, wanted);
  const everyone = chosen.filter((c) => c.group !== 'coordinator');
  const coordinators = chosen.filter((c) => c.group === 'coordinator');
  const helpLine = `\`${HELP_USAGE}\` — this list, or the usage of one command`;
  const blocks = [
    { type: 'heading' as const, text: 'Trellis — your mentorship companion' },
    { type: 'list' as const, items: wanted.length ? lines(everyone) : [helpLine, ...lines(everyone)] },
    ...(coordinators.length ? [{ type: 'heading' as const, text: 'For coordinators' }, { type: 'list' as const, items: lines(coordinators) }] : []),
  ].filter((b) => b.type !== 'list' || b.items.length > 0);
  const text = ['Trellis commands:', ...(wanted.length ? [] : [helpLine]), ...lines(chosen)].join('\n');
  return privateReply(message(text, blocks));
}

/** Suggests the nearest commands by first word, so a typo gets a useful answer. */
export function unknownCommandOutcome(commands: readonly CommandSpec[], words: string[]): Outcome {
  const typed = words.join(' ');
  const first = words[0]?.toLowerCase() ?? '';
  const near = commands.filter((c) => c.path[0]?.startsWith(first.slice(0, 2)) && first.length >= 2);
  const hint = near.length ? ` Did you mean ${near.slice(0, 3).map((c) => `\`${c.usage}\``).join(' or ')}?` : '';
  const text = `I don't know \`/mentor ${typed}\`.${hint} Run \`/mentor help\` to see every command.`;
  return privateReply(message(text));
}
