import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_WORKSPACE, createConsoleAdapter } from '../../../src/adapters/console/console-adapter.js';
import { ConsoleClock } from '../../../src/adapters/console/console-clock.js';
import { ConsoleMemory } from '../../../src/adapters/console/console-memory.js';
import { payloadsFor, registerCommands } from '../../../src/adapters/discord/register.js';
import { createRest } from '../../../src/adapters/discord/rest.js';
import type { Services } from '../../../src/app/services.js';
import { uniqueName } from '../../support/db.js';
import { FEELINGS, modulesWithMood } from '../../support/extra-command.js';
import { createTestServices, trellisWith } from '../../support/services.js';
import { DiscordDriver } from '../discord/discord-driver.js';
import { DiscordTestApp } from '../discord/discord-test-app.js';
import { autocompleteInteraction, snowflake } from '../discord/signed-requests.js';
import { blocksText, SlackTestApp } from '../slack/support/harness.js';

// Proof that a new command — with an argument kind of its own — needs no adapter change: the
// test-only `/mentor mood <feeling> [note…]` (test/support/extra-command.ts) is added to the
// core's modules, and the unchanged console, Slack and Discord adapters offer it, read it, answer
// it, and refuse a bad feeling with the private message that names the argument.

const ANSWER = /Noted: Ana feels hopeful today \(first week done\)\./;
const BAD = /feeling: "grumpy" is not a feeling I know\. Try one of: calm, hopeful, proud, stretched, tired\./;

describe('a new command through the console adapter', () => {
  let services: Services;
  const output: string[] = [];
  let console_: ReturnType<typeof createConsoleAdapter>;
  beforeAll(async () => {
    services = await createTestServices();
    const clock = new ConsoleClock(() => Date.parse('2026-03-02T09:00:00Z'));
    console_ = createConsoleAdapter({
      trellis: trellisWith(services, modulesWithMood()),
      clock,
      write: (line) => output.push(line),
      memory: new ConsoleMemory(),
      settle: async () => undefined,
      runDue: async () => undefined,
      workspace: { ...CONSOLE_WORKSPACE, workspaceExternalId: uniqueName('console') },
    });
    await console_.handleLine('as ana');
  });
  afterAll(() => services?.close());

  const run = async (line: string) => {
    const from = output.length;
    await console_.handleLine(line);
    return output.slice(from).join('\n');
  };

  it('answers it, reading the custom kind and the rest of the line', async () => {
    expect(await run('/mentor mood hopeful first week done')).toMatch(new RegExp(`^\\[to ana \\(private\\)\\] ${ANSWER.source}`));
  });

  it('refuses a bad feeling privately, naming the argument, with the usage line from the declaration', async () => {
    const reply = await run('/mentor mood grumpy');
    expect(reply).toMatch(/^\[to ana \(private\)\]/);
    expect(reply).toMatch(BAD);
    expect(reply).toContain('Usage: `/mentor mood <feeling> [note…]`');
  });

  it('lists it in help', async () => {
    expect(await run('/mentor help mood')).toContain('/mentor mood <feeling> [note…]');
  });
});

describe('a new command through the Slack adapter', () => {
  const slack = new SlackTestApp({ modules: modulesWithMood() });
  beforeAll(() => slack.start());
  afterAll(() => slack.stop());

  const reply = async (text: string) => {
    const posted = await slack.slash(slack.who('ana'), text);
    expect(posted.status).toBe(200);
    expect(posted.responses).toHaveLength(1);
    const body = posted.responses[0]!.body as { response_type: string; blocks: unknown };
    return { ephemeral: body.response_type === 'ephemeral', text: blocksText(body.blocks) };
  };

  it('answers a signed slash command for it', async () => {
    const answer = await reply('mood hopeful first week done');
    expect(answer.ephemeral).toBe(true);
    expect(answer.text).toMatch(ANSWER);
  });

  it('refuses a bad feeling privately, naming the argument', async () => {
    const refusal = await reply('mood grumpy');
    expect(refusal.ephemeral).toBe(true);
    expect(refusal.text).toMatch(BAD);
    expect(refusal.text).toContain('/mentor mood <feeling> [note…]');
  });
});

describe('a new command through the Discord adapter', () => {
  const app = new DiscordTestApp();
  const driver = new DiscordDriver(app);
  beforeAll(() => app.start({ wrapTrellis: (_core, services) => trellisWith(services, modulesWithMood()) }));
  afterAll(() => app.stop());

  it('registers it as /mentor mood, the custom kind as an autocompleting text option, the note as optional text', async () => {
    const guild = snowflake();
    await registerCommands(createRest({ apiUrl: app.api.url, token: 'test-bot-token' }), app.applicationId, payloadsFor(app.commands), guild);
    const [put] = app.api.find('PUT', new RegExp(`^/applications/${app.applicationId}/guilds/${guild}/commands$`));
    const mentor = (put!.body as { name: string; options: any[] }[]).find((c) => c.name === 'mentor')!;
    expect(mentor.options.find((o) => o.name === 'mood')).toEqual({
      type: 1,
      name: 'mood',
      description: 'say how you feel today',
      options: [
        { type: 3, name: 'feeling', description: 'how you feel: calm, hopeful, proud, stretched or tired', required: true, autocomplete: true },
        { type: 3, name: 'note', description: 'anything to add', required: false, max_length: 200 },
      ],
    });
  });

  it('answers autocomplete for the custom kind with its own suggestions', async () => {
    const focused = (value: string) => autocompleteInteraction(app.where('ana'), 'mentor', [{ type: 1, name: 'mood', options: [{ type: 3, name: 'feeling', value, focused: true }] }]);
    expect((await app.post(focused('')).then((r) => r.json)).data.choices.map((c: { value: string }) => c.value)).toEqual([...FEELINGS]);
    expect((await app.post(focused('st'))).json).toEqual({ type: 8, data: { choices: [{ name: 'stretched', value: 'stretched' }] } });
  });

  it('answers a signed interaction for it with the command’s answer', async () => {
    const answer = await driver.typed('ana', 'mentor', 'mood', [{ type: 3, name: 'feeling', value: 'hopeful' }, { type: 3, name: 'note', value: 'first week done' }]);
    expect(answer.private).toBe(true);
    expect(answer.text).toMatch(ANSWER);
  });

  it('refuses a bad feeling privately, naming the argument, with the usage in Discord’s terms', async () => {
    const refusal = await driver.typed('ana', 'mentor', 'mood', [{ type: 3, name: 'feeling', value: 'grumpy' }]);
    expect(refusal.private).toBe(true);
    expect(refusal.text).toMatch(BAD);
    expect(refusal.text).toContain('Usage: `/mentor mood feeling:… [note:…]`');
  });
});
