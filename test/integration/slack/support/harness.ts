/**
 * The real Slack adapter (Bolt, our receiver, the web process's express app) on loopback, with
 * its Web API client pointed at FakeSlackApi and its core on the per-run test database.
 * Requests are signed with HMAC-SHA256 here, independently of the adapter's own code.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createSlackAdapter, type SlackAdapter } from '../../../../src/adapters/slack/slack-adapter.js';
import type { Services } from '../../../../src/app/services.js';
import { loadEnv } from '../../../../src/config/env.js';
import { createTrellis, type CoreModules, type Trellis } from '../../../../src/core/trellis.js';
import { createMetrics } from '../../../../src/http/metrics.js';
import { closeServer, createHttpApp, listen } from '../../../../src/http/server.js';
import { startOutboxDelivery, type OutboxDelivery } from '../../../support/outbox-delivery.js';
import { createTestServices, TestClock } from '../../../support/services.js';
import { FakeSlackApi, type ApiCall, type ResponseUrlPost } from './fake-slack-api.js';
import * as payloads from './payloads.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-test-single-workspace';

export const slackId = (prefix: string) => `${prefix}${randomBytes(4).toString('hex').toUpperCase()}`;

export interface Posted {
  status: number;
  text: string;
  /** Calls to the fake Web API made while handling this request (after it was acknowledged, too). */
  calls: ApiCall[];
  /** What was posted to response_urls while handling it. */
  responses: ResponseUrlPost[];
}

export interface StartOptions {
  modules?: CoreModules;
  env?: Record<string, string>;
  clock?: TestClock;
  now?: () => number;
  /** Write commands, buttons and forms down before their ack (the durable intake), as the web process does. */
  intake?: boolean;
}

export class SlackTestApp {
  readonly api = new FakeSlackApi();
  readonly teamId = slackId('T');
  services!: Services;
  adapter!: SlackAdapter;
  trellis!: Trellis;
  /** Delivers what commands owe others (the outbox) through this adapter, as the processes do. */
  outbox!: OutboxDelivery;
  private server: Server | undefined;
  baseUrl = '';

  constructor(private readonly options: StartOptions = {}) {}

  async start(): Promise<void> {
    await this.api.start();
    const envOverrides = { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: this.api.apiUrl, ...this.options.env };
    this.services = await createTestServices(this.options.clock, envOverrides);
    const env = loadEnv({ DATABASE_URL: 'postgresql://unused', ...envOverrides });
    this.trellis = this.options.modules
      ? createTrellis(
          { store: this.services.store, clock: this.services.clock, templates: this.services.templates, logger: this.services.logger, onOutboxWritten: this.services.outboxEvents.written },
          this.options.modules,
        )
      : this.services.trellis;
    const logger = pino({ level: process.env.SLACK_TEST_LOG ?? 'silent' });
    this.adapter = createSlackAdapter({
      env,
      trellis: this.trellis,
      installationRecords: this.services.installations,
      logger,
      now: this.options.now,
      ...(this.options.intake ? { intake: this.services.intake } : {}),
    });
    this.outbox = await startOutboxDelivery(this.services, [this.adapter]);
    const app = createHttpApp({ health: async () => ({ ok: true, postgres: { ok: true }, redis: { ok: true } }), metrics: createMetrics(), mount: [(e) => this.adapter.mount!(e)] });
    this.server = await listen(app, 0);
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await this.adapter?.stop();
    await this.outbox?.close();
    if (this.server) await closeServer(this.server);
    await this.api.stop();
    await this.services?.close();
  }

  /** A Slack user of this team; known to users.info with a time zone. */
  who(name: string, tz = 'America/Chicago'): payloads.Who {
    const userId = `U${name.toUpperCase().replace(/[^A-Z0-9]/g, '')}${this.teamId.slice(1, 5)}`;
    if (!this.api.users.has(userId)) this.api.users.set(userId, { id: userId, name, tz, displayName: name.charAt(0).toUpperCase() + name.slice(1) });
    return { teamId: this.teamId, userId, userName: name };
  }

  /**
   * POSTs a body to /slack/events, signed unless told otherwise, and waits until it is fully
   * handled, what it owed others delivered too. `headers` adds more (X-Slack-Retry-Num).
   */
  async post(body: string, contentType: string, sign: { timestamp?: number; signature?: string; secret?: string; wait?: boolean; headers?: Record<string, string> } = {}): Promise<Posted> {
    const calls = this.api.calls.length;
    const responses = this.api.responses.length;
    const timestamp = String(sign.timestamp ?? Math.floor(Date.now() / 1000));
    const signature = sign.signature ?? `v0=${createHmac('sha256', sign.secret ?? SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    const res = await fetch(`${this.baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': contentType, 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature, ...sign.headers },
      body,
    });
    const text = await res.text();
    if (sign.wait !== false) await this.idle();
    return { status: res.status, text, calls: this.api.calls.slice(calls), responses: this.api.responses.slice(responses) };
  }

  /** Every request received so far fully handled, and the messages they owed others delivered. */
  async idle(): Promise<void> {
    await this.adapter.idle();
    await this.outbox.settle();
  }

  slash(who: payloads.Who, text: string, extra: { channelId?: string } = {}): Promise<Posted> {
    return this.post(payloads.slashCommand(who, text, { responseUrl: this.api.responseUrl(), ...extra }), 'application/x-www-form-urlencoded');
  }

  press(who: payloads.Who, action: { action_id: string; value: string; label?: string }, where: { home: true } | { channelId?: string; message?: object } = {}): Promise<Posted> {
    const place = 'home' in where ? where : { responseUrl: this.api.responseUrl(), channelId: where.channelId, message: where.message };
    return this.post(payloads.blockAction(who, action, place), 'application/x-www-form-urlencoded');
  }

  /** Submits a modal we opened, filling each input by its block id. */
  submit(who: payloads.Who, view: Record<string, any>, values: Record<string, string>): Promise<Posted> {
    const state: Record<string, Record<string, unknown>> = {};
    for (const block of view.blocks as Array<{ block_id: string; element: { type: string } }>) {
      if (values[block.block_id] !== undefined) state[block.block_id] = payloads.inputState(block.element, values[block.block_id]!);
    }
    return this.post(payloads.viewSubmission(who, view, state), 'application/x-www-form-urlencoded');
  }

  openHome(who: payloads.Who): Promise<Posted> {
    return this.post(payloads.appHomeOpened(who), 'application/json');
  }
}

/** The modal a request opened, if any. */
export const openedView = (posted: Posted): Record<string, any> | undefined =>
  posted.calls.find((c) => c.method === 'views.open' || c.method === 'views.push')?.args.view as Record<string, any> | undefined;

/** All visible text of Slack blocks: sections, fields, headers, context, button labels. */
export function blocksText(blocks: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string') out.push(o.text);
    for (const [k, v] of Object.entries(o)) if (k !== 'text' || typeof v !== 'string') walk(v);
  };
  walk(blocks);
  return out.join('\n').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Buttons in Slack blocks that press core actions, decoded back to action + value. */
export function coreButtons(blocks: unknown): { action: string; value: string; label: string }[] {
  const found: { action: string; value: string; label: string }[] = [];
  for (const block of (blocks as Array<{ type: string; elements?: Array<Record<string, any>> }>) ?? []) {
    if (block.type !== 'actions') continue;
    for (const el of block.elements ?? []) {
      const m = /^a:\d+:(.+)$/s.exec(String(el.action_id));
      if (m) found.push({ action: m[1]!, value: String(el.value), label: String(el.text?.text) });
    }
  }
  return found;
}
