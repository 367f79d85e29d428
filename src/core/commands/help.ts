import { message, privateReply, type Outcome } from '../messages/model.js';
import { PROGRAM_FLAG } from './arguments/declared.js';
import { textNaming } from './naming.js';
import type { CommandNaming, CommandSpec } from './types.js';

/** `/mentor help` is itself a declared command, so every surface lists and offers it like the others. */
export function helpCommand(all: () => readonly CommandSpec[]): CommandSpec {
  return {
    path: ['help'],
    summary: 'every command and its usage, or the usage of one command',
    args: [{ name: 'command', kind: 'text', description: 'a command to explain, e.g. log-call', required: false, variadic: true }],
    requires: 'anyone',
    run: async (ctx, args) => helpOutcome(all(), (args.string('command') ?? '').split(/\s+/).filter(Boolean), ctx.naming ?? textNaming),
  };
}

function lines(commands: readonly CommandSpec[], naming: CommandNaming): string[] {
  return commands.map((c) => `\`${naming.usage(c)}\` — ${c.summary}`);
}

/** `/mentor help` lists every command with a one-line usage; `/mentor help <word>` narrows it. */
export function helpOutcome(commands: readonly CommandSpec[], filter: string[], naming: CommandNaming): Outcome {
  const wanted = filter.map((w) => w.toLowerCase());
  const chosen = wanted.length ? commands.filter((c) => wanted.every((w, i) => c.path[i] === w)) : commands;
  if (wanted.length && chosen.length === 0) return unknownCommandOutcome(commands, wanted, naming);
  const everyone = chosen.filter((c) => c.requires !== 'coordinator');
  const coordinators = chosen.filter((c) => c.requires === 'coordinator');
  const footer = `In several programs? Add \`--${PROGRAM_FLAG.name} <name>\` to say which one a command is about.`;
  const blocks = [
    { type: 'heading' as const, text: 'Trellis — your mentorship companion' },
    { type: 'list' as const, items: lines(everyone, naming) },
    ...(coordinators.length ? [{ type: 'heading' as const, text: 'For coordinators' }, { type: 'list' as const, items: lines(coordinators, naming) }] : []),
    ...(wanted.length ? [] : [{ type: 'text' as const, text: footer }]),
  ].filter((b) => b.type !== 'list' || b.items.length > 0);
  const text = ['Trellis commands:', ...lines(chosen, naming), ...(wanted.length ? [] : [footer])].join('\n');
  return privateReply(message(text, blocks));
}

/** Suggests the nearest commands by first word, so a typo gets a useful answer. */
export function unknownCommandOutcome(commands: readonly CommandSpec[], words: string[], naming: CommandNaming): Outcome {
  const typed = words.join(' ');
  const first = words[0]?.toLowerCase() ?? '';
  // The commands sharing the longest start with the typed word come first (`setings` → settings before session).
  const shared = (word = '') => {
    let n = 0;
    while (n < word.length && word[n] === first[n]) n++;
    return n;
  };
  const near = commands.filter((c) => c.path[0]?.startsWith(first.slice(0, 2)) && first.length >= 2).sort((a, b) => shared(b.path[0]) - shared(a.path[0]));
  const hint = near.length ? ` Did you mean ${near.slice(0, 3).map((c) => `\`${naming.usage(c)}\``).join(' or ')}?` : '';
  const text = `I don't know \`/mentor ${typed}\`.${hint} Run \`${naming.command(['help'])}\` to see every command.`;
  return privateReply(message(text));
}
