import type { REST } from '@discordjs/rest';
import { Routes } from 'discord.js';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadEnv, type Env } from '../../config/env.js';
import { createRouter } from '../../core/commands/router.js';
import type { CommandSpec } from '../../core/commands/types.js';
import { commandPayloads, type ApplicationCommand } from './command-payload.js';
import { commandTable } from './command-table.js';
import { createRest } from './rest.js';

/**
 * Replaces the application's commands in one bulk PUT (stale ones disappear): per guild, which
 * applies at once and suits development, or global, which every server gets.
 */
export async function registerCommands(rest: REST, applicationId: string, commands: ApplicationCommand[], guildId?: string): Promise<unknown> {
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  return rest.put(route, { body: commands });
}

/**
 * The commands derived from the core's command list, through the same table the running adapter
 * decodes interactions with (the router adds `help`): adding a core command needs no change here.
 */
export const payloadsFor = (commands: readonly CommandSpec[]): ApplicationCommand[] => commandPayloads(commandTable(createRouter([...commands]).commands));

const ZArgs = z.object({ guild: z.string().regex(/^\d{17,20}$/, '--guild must be a server id (17–20 digits)').optional(), 'dry-run': z.boolean().optional() });

/** `npm run discord:register [-- --guild <id>] [--dry-run]`; returns the exit code. */
export async function runRegisterCli(argv: string[], write: (line: string) => void, env: Env = loadEnv()): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { guild: { type: 'string' }, 'dry-run': { type: 'boolean' } }, strict: true });
  const args = ZArgs.parse(values);
  const { coreModules } = await import('../../core/modules.js');
  const payloads = payloadsFor(coreModules().commands);
  if (args['dry-run']) {
    write(JSON.stringify(payloads, null, 2));
    return 0;
  }
  if (!env.DISCORD_TOKEN || !env.DISCORD_APPLICATION_ID) {
    write('discord:register needs DISCORD_TOKEN and DISCORD_APPLICATION_ID (or use --dry-run to print the commands).');
    return 1;
  }
  const rest = createRest({ apiUrl: env.DISCORD_API_URL, token: env.DISCORD_TOKEN });
  await registerCommands(rest, env.DISCORD_APPLICATION_ID, payloads, args.guild);
  const names = payloads.map((p) => `/${p.name} (${p.options.length} subcommands and groups)`).join(', ');
  write(`Registered ${names} ${args.guild ? `in server ${args.guild}` : 'globally (may take a while to reach every server)'}.`);
  return 0;
}
