import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BOT_SCOPES } from '../../../src/adapters/slack/scopes.js';

const root = new URL('../../../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('slack-manifest.json', root), 'utf8'));
const adapterDir = new URL('src/adapters/slack/', root);
const sources = (dir: URL): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(new URL(`${e.name}/`, dir)) : e.name.endsWith('.ts') ? [readFileSync(new URL(e.name, dir), 'utf8')] : []));
const code = sources(adapterDir).join('\n');

/** Scopes each Web API method needs (Slack's method reference); the views.* and auth.test need none. */
const METHOD_SCOPES: Record<string, string | string[] | null> = {
  'chat.postMessage': 'chat:write',
  'conversations.open': 'im:write',
  // Reading back a delivery after a worker died: DMs, public channels, private channels (one scope per kind).
  'conversations.history': ['im:history', 'channels:history', 'groups:history'],
  'users.info': 'users:read',
  'views.open': null,
  'views.push': null,
  'views.publish': null,
  'auth.test': null,
};
/** Needed for what the app receives or where it posts, not for a method call. */
const NON_METHOD_SCOPES: Record<string, string> = { commands: 'the /mentor slash command', 'chat:write.public': 'posting in a public cohort channel without joining it' };

describe('the Slack app manifest', () => {
  const methodsUsed = [...new Set([...code.matchAll(/client\.(chat|conversations|users|views|auth)\.(\w+)\(/g)].map((m) => `${m[1]}.${m[2]}`))].sort();

  it('declares /mentor on /slack/events, with escaped mentions', () => {
    expect(manifest.features.slash_commands).toEqual([expect.objectContaining({ command: '/mentor', should_escape: true })]);
    expect(new URL(manifest.features.slash_commands[0].url).pathname).toBe('/slack/events');
  });

  it('sends interactivity and events to /slack/events and OAuth back to /slack/oauth_redirect', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(new URL(manifest.settings.interactivity.request_url).pathname).toBe('/slack/events');
    expect(new URL(manifest.settings.event_subscriptions.request_url).pathname).toBe('/slack/events');
    expect(manifest.oauth_config.redirect_urls.map((u: string) => new URL(u).pathname)).toEqual(['/slack/oauth_redirect']);
  });

  it('enables App Home and subscribes to exactly the events the adapter listens to', () => {
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    const listened = [...code.matchAll(/app\.event\('([a-z_]+)'/g)].map((m) => m[1]).sort();
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(listened);
  });

  it('knows the scope of every Web API method the adapter calls', () => {
    expect(methodsUsed.length).toBeGreaterThan(3);
    for (const method of methodsUsed) expect(Object.keys(METHOD_SCOPES)).toContain(method);
  });

  it('asks for exactly the scopes those methods and the slash command need', () => {
    const needed = new Set([...methodsUsed.flatMap((m) => METHOD_SCOPES[m] ?? []), ...Object.keys(NON_METHOD_SCOPES)]);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
    expect([...BOT_SCOPES].sort()).toEqual([...needed].sort());
  });
});
