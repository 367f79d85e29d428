import { App, type Authorize } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import type { PlatformRuntime } from '../../platform/contract.js';
import type { Env } from '../../config/env.js';
import type { Trellis } from '../../core/trellis.js';
import type { InstallationRecords } from '../../platform/installations.js';
import type { ClaimedRequest, IntakeRecords } from '../../platform/intake.js';
import { boltLogger } from './bolt-logger.js';
import { createSender } from './deliver.js';
import { createHomePublisher } from './home.js';
import { SlackHttpReceiver } from './http-receiver.js';
import { SlackInstallationStore } from './installation-store.js';
import { createInvoker } from './invoke.js';
import { registerListeners } from './listeners/index.js';
import { createOAuthRouter } from './oauth.js';
import { SlackPeopleDirectory } from './people-directory.js';
import { createReplier } from './replies.js';
import type { HandleAndAnswer } from '../../app/core-thread.js';

type SlackEnv = Pick<Env, 'SLACK_SIGNING_SECRET' | 'SLACK_BOT_TOKEN' | 'SLACK_CLIENT_ID' | 'SLACK_CLIENT_SECRET' | 'SLACK_STATE_SECRET' | 'SLACK_APP_TOKEN' | 'SLACK_API_URL'>;

export interface SlackAdapterDeps {
  env: SlackEnv;
  trellis: Trellis;
  /** Where installations are kept (the store; see src/platform/installations.ts). */
  installationRecords: InstallationRecords;
  logger: Logger;
  /** Milliseconds since the epoch, for the signature window and App Home; tests move it. */
  now?: () => number;
  onAck?: (seconds: number) => void;
  /** Commands, buttons and forms are written down here before their ack (HTTP receiver only). */
  intake?: IntakeRecords;
  /** The web process's core thread, answering on response_urls itself (see src/app/core-thread.ts). */
  answerInCore?: HandleAndAnswer;
}

export interface SlackAdapter extends PlatformRuntime {
  platform: 'slack';
  app: App;
  installations: SlackInstallationStore;
  /** Resolves when every HTTP request received so far has been fully handled. */
  idle(): Promise<void>;
}

const withSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);

export function createSlackAdapter(deps: SlackAdapterDeps): SlackAdapter {
  const { env, logger } = deps;
  const now = deps.now ?? Date.now;
  const slackApiUrl = env.SLACK_API_URL ? withSlash(env.SLACK_API_URL) : undefined;
  // Replies must land within seconds: two quick retries, not the SDK's default half hour.
  const clientOptions: WebClientOptions = { ...(slackApiUrl ? { slackApiUrl } : {}), retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1000 }, timeout: 10_000 };
  const installations = new SlackInstallationStore(deps.installationRecords);
  const oauth = env.SLACK_CLIENT_ID && env.SLACK_CLIENT_SECRET && env.SLACK_STATE_SECRET ? { clientId: env.SLACK_CLIENT_ID, clientSecret: env.SLACK_CLIENT_SECRET, stateSecret: env.SLACK_STATE_SECRET } : null;

  async function tokenFor(query: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }): Promise<string> {
    if (oauth) {
      try {
        return (await installations.credentialsFor(query)).botToken;
      } catch (error) {
        if (!env.SLACK_BOT_TOKEN) throw error;
      }
    }
    if (!env.SLACK_BOT_TOKEN) throw new Error('no Slack bot token is configured');
    return env.SLACK_BOT_TOKEN;
  }
  const authorize: Authorize<boolean> = async (source) => ({ botToken: await tokenFor(source) });

  const receiver = env.SLACK_APP_TOKEN ? undefined : new SlackHttpReceiver({ signingSecret: env.SLACK_SIGNING_SECRET ?? '', logger, now, onAck: deps.onAck, intake: deps.intake });
  // convoStore: false — Bolt's conversation store (a middleware on every request, before the ack)
  // keeps state Trellis never reads.
  const common = { authorize, logger: boltLogger(logger), clientOptions, ignoreSelf: false, convoStore: false as const };
  const app = receiver ? new App({ ...common, receiver }) : new App({ ...common, socketMode: true, appToken: env.SLACK_APP_TOKEN });

  const replier = createReplier(logger);
  const invoker = createInvoker({ trellis: deps.trellis, people: new SlackPeopleDirectory(logger), replier, logger, answerInCore: deps.answerInCore });
  const publishHome = createHomePublisher(deps.trellis, invoker, now);
  registerListeners(app, { trellis: deps.trellis, invoker, installations, publishHome, logger });
  app.error(async (error) => {
    logger.error({ err: error }, 'Slack listener failed');
  });

  return {
    platform: 'slack',
    app,
    installations,
    mount(express) {
      if (receiver) express.use(receiver.router);
      if (oauth) express.use(createOAuthRouter({ ...oauth, slackApiUrl, installations, logger }));
    },
    async start() {
      if (!receiver) await app.start();
      if (env.SLACK_BOT_TOKEN) void noteReinstall(env.SLACK_BOT_TOKEN);
    },
    ...createSender((teamId) => tokenFor({ teamId }), clientOptions),
    // Socket Mode acknowledges over its own connection: nothing is written down there to replay.
    ...(receiver && deps.intake ? { replay: (request: ClaimedRequest) => receiver.replay(request.id, request.payload as Record<string, unknown>) } : {}),
    async stop() {
      if (receiver) await Promise.race([receiver.idle(), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
      else await app.stop();
    },
    idle: () => receiver?.idle() ?? Promise.resolve(),
  };

  /** Single-workspace mode: a new bot token after an uninstall means the app is back. */
  async function noteReinstall(token: string): Promise<void> {
    try {
      const auth = await app.client.auth.test({ token });
      if (auth.team_id) await installations.markInstalled(auth.team_id);
    } catch (error) {
      logger.warn({ err: error }, 'SLACK_BOT_TOKEN could not be checked with auth.test');
    }
  }
}
