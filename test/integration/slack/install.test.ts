import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackId, SlackTestApp } from './support/harness.js';
import { fixture, teamEvent } from './support/payloads.js';

// Multi-workspace mode: no SLACK_BOT_TOKEN, tokens come from installations stored in Postgres.
describe('Slack OAuth install and uninstall', () => {
  const slack = new SlackTestApp({ env: { SLACK_BOT_TOKEN: '', SLACK_CLIENT_ID: '111.222', SLACK_CLIENT_SECRET: 'client-secret', SLACK_STATE_SECRET: 'state-secret-for-tests' } });
  beforeAll(() => slack.start());
  afterAll(() => slack.stop());

  /** Runs the browser's side of the install: /slack/install, Slack's consent (skipped), the redirect back. */
  async function install(teamId: string, tamper?: (state: string) => string) {
    const start = await fetch(`${slack.baseUrl}/slack/install`, { redirect: 'manual' });
    const location = new URL(start.headers.get('location')!);
    const cookie = start.headers.get('set-cookie')!.split(';')[0]!;
    const state = location.searchParams.get('state')!;
    const back = await fetch(`${slack.baseUrl}/slack/oauth_redirect?code=code-${teamId}&state=${encodeURIComponent(tamper ? tamper(state) : state)}`, { headers: { cookie } });
    return { start, location, back, html: await back.text() };
  }

  it("sends the browser to Slack's consent page asking for exactly the manifest's bot scopes", async () => {
    const start = await fetch(`${slack.baseUrl}/slack/install`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const location = new URL(start.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe('https://slack.com/oauth/v2/authorize');
    expect(location.searchParams.get('client_id')).toBe('111.222');
    const manifest = JSON.parse(await (await import('node:fs/promises')).readFile(new URL('../../../slack-manifest.json', import.meta.url), 'utf8'));
    expect(location.searchParams.get('scope')!.split(',').sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
    expect(location.searchParams.get('state')).toBeTruthy();
  });

  it('stores the installation encrypted and answers that team with its own token', async () => {
    const teamId = slackId('T');
    const { back, html } = await install(teamId);
    expect(back.status).toBe(200);
    expect(html).toContain('Trellis is installed');
    const row = await slack.services.prisma.workspace.findUniqueOrThrow({ where: { platform_externalId: { platform: 'slack', externalId: teamId } } });
    expect(row.installationEnc).toBeTruthy();
    expect(row.installationEnc).not.toContain(`xoxb-${teamId}-installed`);
    expect(JSON.parse(slack.services.cipher.decrypt(row.installationEnc!, { table: 'Workspace', column: 'installationEnc', rowId: row.id })).bot.token).toBe(`xoxb-${teamId}-installed`);

    const who = { teamId, userId: 'UMIRA', userName: 'mira' };
    slack.api.users.set('UMIRA', { id: 'UMIRA', name: 'mira', tz: 'Europe/Berlin' });
    const posted = await slack.slash(who, 'help');
    expect(posted.responses).toHaveLength(1);
    expect(posted.calls.find((c) => c.method === 'users.info')?.token).toBe(`xoxb-${teamId}-installed`);
  });

  it('refuses an install whose state was tampered with, storing nothing', async () => {
    const teamId = slackId('T');
    const { back, html } = await install(teamId, (s) => `${s}x`);
    expect(back.status).toBe(400);
    expect(html).toContain('was not installed');
    expect(await slack.services.prisma.workspace.findFirst({ where: { externalId: teamId } })).toBeNull();
  });

  it.each(['tokens-revoked.json', 'app-uninstalled.json'] as const)('forgets the token on %s and stops answering that team', async (event) => {
    const teamId = slackId('T');
    await install(teamId);
    const gone = await slack.post(teamEvent(event, teamId), 'application/json');
    expect(gone.status).toBe(200);
    const row = await slack.services.prisma.workspace.findUniqueOrThrow({ where: { platform_externalId: { platform: 'slack', externalId: teamId } } });
    expect(row.installationEnc).toBeNull();
    expect(row.uninstalledAt).toBeInstanceOf(Date);
    const posted = await slack.slash({ teamId, userId: 'UNOBODY', userName: 'nobody' }, 'help');
    expect(posted.status).toBe(200);
    expect(posted.responses).toEqual([]);
    expect(posted.calls).toEqual([]);
  });

  it('takes an org-wide uninstall (no team id) without failing', async () => {
    const posted = await slack.post(JSON.stringify(fixture('app-uninstalled-org-install.json')), 'application/json');
    expect(posted.status).toBe(200);
  });

  it('installs again after an uninstall', async () => {
    const teamId = slackId('T');
    await install(teamId);
    await slack.post(teamEvent('app-uninstalled.json', teamId), 'application/json');
    await install(teamId);
    const row = await slack.services.prisma.workspace.findUniqueOrThrow({ where: { platform_externalId: { platform: 'slack', externalId: teamId } } });
    expect(row.uninstalledAt).toBeNull();
    expect((await slack.slash({ teamId, userId: 'UBACK', userName: 'back' }, 'help')).responses).toHaveLength(1);
  });
});
