import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Trellis } from '../../../core/trellis.js';
import type { SlackInstallationStore } from '../installation-store.js';
import type { Invoker, SlackUser } from '../invoke.js';

export interface ListenerDeps {
  trellis: Trellis;
  invoker: Invoker;
  installations: SlackInstallationStore;
  publishHome(client: WebClient, user: SlackUser, page: number): Promise<void>;
  logger: Logger;
}
