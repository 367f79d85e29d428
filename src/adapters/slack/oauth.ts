import { InstallProvider } from '@slack/oauth';
import express, { type Router } from 'express';
import type { Logger } from 'pino';
import { boltLogger } from './bolt-logger.js';
import type { SlackInstallationStore } from './installation-store.js';
import { BOT_SCOPES } from './scopes.js';

export interface OAuthOptions {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  slackApiUrl?: string;
  installations: SlackInstallationStore;
  logger: Logger;
}

const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body style="font-family:sans-serif;max-width:36rem;margin:4rem auto"><h1>${title}</h1><p>${body}</p></body></html>`;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Multi-workspace install: `GET /slack/install` sends the browser to Slack's consent page (with a
 * signed state in a cookie), `GET /slack/oauth_redirect` exchanges the code and stores the
 * installation, encrypted, in Postgres.
 */
export function createOAuthRouter(options: OAuthOptions): Router {
  const installer = new InstallProvider({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    stateSecret: options.stateSecret,
    installationStore: options.installations,
    directInstall: true,
    logger: boltLogger(options.logger),
    clientOptions: options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {},
  });
  const router = express.Router();
  router.get('/slack/install', async (req, res) => {
    await installer.handleInstallPath(req, res, undefined, { scopes: [...BOT_SCOPES] });
  });
  router.get('/slack/oauth_redirect', async (req, res) => {
    await installer.handleCallback(req, res, {
      success: (installation, _options, _req, response) => {
        const name = escapeHtml(installation.team?.name ?? installation.enterprise?.name ?? 'your workspace');
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(page('Trellis is installed', `Trellis is now in ${name}. In Slack, type <code>/mentor help</code> to begin, or open Trellis's Home tab.`));
      },
      failure: (error, _options, _req, response) => {
        options.logger.warn({ code: error.code, reason: error.message }, 'Slack install failed');
        response.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
        response.end(page('Trellis was not installed', `Slack said: ${escapeHtml(error.code ?? 'unknown error')}. Please <a href="/slack/install">try again</a>.`));
      },
    });
  });
  return router;
}
