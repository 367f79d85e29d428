import type { App } from '@slack/bolt';
import * as actions from './actions.js';
import * as commands from './commands.js';
import * as events from './events.js';
import type { ListenerDeps } from './types.js';
import * as views from './views.js';

/** Every listener, registered per kind (the Slack starter template's layout). */
export function registerListeners(app: App, deps: ListenerDeps): void {
  commands.register(app, deps);
  actions.register(app, deps);
  views.register(app, deps);
  events.register(app, deps);
}

export type { ListenerDeps } from './types.js';
