import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payloadsFor, runRegisterCli } from '../../../src/adapters/discord/register.js';
import { loadEnv } from '../../../src/config/env.js';
import { coreModules } from '../../../src/core/modules.js';
import { DiscordDriver } from './discord-driver.js';
import { DiscordTestApp } from './discord-test-app.js';
import { autocompleteInteraction, snowflake } from './signed-requests.js';

describe('npm run discord:register', () => {
  const app = new DiscordTestApp();
  beforeAll(() => app.start());
  afterAll(() => app.stop());
  const env = () => loadEnv({ DISCORD_TOKEN: 'test-bot-token', DISCORD_APPLICATION_ID: app.applicationId, DISCORD_API_URL: app.api.url });

  it('PUTs /mentor and /mentor-admin, derived from the core commands, to one server with --guild', async () => {
    const guild = snowflake();
    const lines: string[] = [];
    expect(await runRegisterCli(['--guild', guild], (l) => lines.push(l), env())).toBe(0);
    const [put] = app.api.find('PUT', new RegExp(`^/applications/${app.applicationId}/guilds/${guild}/commands$`));
    expect(put!.auth).toBe('Bot test-bot-token');
    expect(put!.body).toEqual(payloadsFor(coreModules().commands));
    expect(lines.join('\n')).toContain(`in server ${guild}`);
  });

  it('PUTs them globally without --guild, and only prints them with --dry-run', async () => {
    expect(await runRegisterCli([], () => undefined, env())).toBe(0);
    expect(app.api.find('PUT', new RegExp(`^/applications/${app.applicationId}/commands$`))).toHaveLength(1);
    const printed: string[] = [];
    const before = app.api.calls.length;
    expect(await runRegisterCli(['--dry-run'], (l) => printed.push(l), env())).toBe(0);
    expect(JSON.parse(printed[0]!).map((c: { name: string }) => c.name)).toEqual(['mentor', 'mentor-admin']);
    expect(app.api.calls.length).toBe(before);
  });

  it('stops with a clear line when the token or application id is missing, or --guild is not an id', async () => {
    const lines: string[] = [];
    expect(await runRegisterCli([], (l) => lines.push(l), loadEnv({}))).toBe(1);
    expect(lines[0]).toMatch(/needs DISCORD_TOKEN and DISCORD_APPLICATION_ID/);
    await expect(runRegisterCli(['--guild', 'general'], () => undefined, env())).rejects.toThrow(/server id/);
  });
});

describe('autocomplete', () => {
  const app = new DiscordTestApp();
  const driver = new DiscordDriver(app);
  beforeAll(() => app.start());
  afterAll(() => app.stop());

  it('suggests this server’s programs for a program option, and templates for a template option, by asking the core', async () => {
    const created = await driver.typed('cora', 'mentor-admin', 'program create', [{ type: 3, name: 'name', value: 'pilot' }, { type: 3, name: 'template', value: 'peer-recovery' }]);
    expect(created.text).toContain('`pilot`');
    const programs = await app.post(autocompleteInteraction(app.where('ana'), 'mentor', [{ type: 1, name: 'join', options: [{ type: 3, name: 'program', value: 'pi', focused: true }] }]));
    expect(programs.json).toEqual({ type: 8, data: { choices: [{ name: 'Peer recovery mentorship (pilot)', value: 'pilot' }] } });
    const inGroup = [{ type: 2, name: 'program', options: [{ type: 1, name: 'create', options: [{ type: 3, name: 'template', value: 'cert', focused: true }] }] }];
    const templates = await app.post(autocompleteInteraction(app.where('cora'), 'mentor-admin', inGroup));
    expect(templates.json.data.choices.map((c: { value: string }) => c.value)).toEqual(['certification-40-week']);
    // The implicit --program of a role-checked command completes the same way, with no adapter code for it.
    const flag = await app.post(autocompleteInteraction(app.where('cora'), 'mentor-admin', [{ type: 1, name: 'match', options: [{ type: 3, name: 'program', value: 'pil', focused: true }] }]));
    expect(flag.json.data.choices).toEqual([{ name: 'Peer recovery mentorship (pilot)', value: 'pilot' }]);
  });

  it('answers an option it cannot complete, or a command it does not know, with no choices', async () => {
    const none = await app.post(autocompleteInteraction(app.where('ana'), 'mentor', [{ type: 1, name: 'frobnicate', options: [{ type: 3, name: 'x', value: '', focused: true }] }]));
    expect(none.json).toEqual({ type: 8, data: { choices: [] } });
    const notCompleted = await app.post(autocompleteInteraction(app.where('ana'), 'mentor', [{ type: 1, name: 'log-call', options: [{ type: 3, name: 'duration', value: '4', focused: true }] }]));
    expect(notCompleted.json).toEqual({ type: 8, data: { choices: [] } });
  });
});
