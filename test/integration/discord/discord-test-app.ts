import type { Server } from 'node:http';
import type { KeyObject } from 'node:crypto';
import { createDiscordRuntime, type DiscordRuntime, type DiscordRuntimeOptions } from '../../../src/adapters/discord/discord-runtime.js';
import { commandTable, type CommandEntry } from '../../../src/adapters/discord/command-table.js';
import { INTERACTIONS_PATH } from '../../../src/adapters/discord/http-endpoint.js';
import type { Services } from '../../../src/app/services.js';
import type { Clock } from '../../../src/core/ports/clock.js';
import type { Trellis } from '../../../src/core/trellis.js';
import type { CommandSpec } from '../../../src/core/commands/types.js';
import type { Form } from '../../../src/core/messages/model.js';
import { createMetrics } from '../../../src/http/metrics.js';
import { closeServer, createHttpApp, listen } from '../../../src/http/server.js';
import { startOutboxDelivery, type OutboxDelivery } from '../../support/outbox-delivery.js';
import { createTestServices } from '../../support/services.js';
import { FakeDiscordApi } from './fake-discord-api.js';
import { FakeDiscordGateway } from './fake-discord-gateway.js';
import { postInteraction, snowflake, testKeypair, type DiscordPerson, type PostOptions } from './signed-requests.js';

export interface TestAppOptions extends Omit<DiscordRuntimeOptions, 'trellis'> {
  clock?: Clock;
  /** Wraps the real core, e.g. to make it slow. */
  wrapTrellis?: (trellis: Trellis, services: Services) => Pick<Trellis, 'handle' | 'complete' | 'router'>;
  /**
   * How interactions arrive: signed POSTs to the interactions endpoint (DISCORD_PUBLIC_KEY set), or
   * INTERACTION_CREATE over a fake gateway that the runtime logs in to (no public key, as in
   * production's gateway mode); either way the first answer is read from where Discord gets it.
   */
  transport?: 'http' | 'gateway';
}

/**
 * The production web app (createHttpApp + the Discord runtime's mount) on a random loopback
 * port, with the runtime's REST client pointed at a fake Discord API, and a fresh signing key.
 */
export class DiscordTestApp {
  readonly applicationId = snowflake();
  readonly guildId = snowflake();
  readonly channelId = snowflake();
  readonly api = new FakeDiscordApi();
  /** Set with `transport: 'gateway'`. */
  gateway?: FakeDiscordGateway;
  private readonly people = new Map<string, DiscordPerson>();
  /** The newest form the core returned, by form id: a person reads its labels, the test its ids. */
  readonly forms = new Map<string, Form>();
  services!: Services;
  runtime!: DiscordRuntime;
  /** Delivers what commands owe others (the outbox) through this runtime, as the processes do. */
  outbox!: OutboxDelivery;
  table!: CommandEntry[];
  /** The core's commands as the router holds them (with help): what the table was derived from. */
  commands!: readonly CommandSpec[];
  url!: string;
  privateKey!: KeyObject;
  private server?: Server;

  async start(options: TestAppOptions = {}): Promise<this> {
    await this.api.start();
    const keys = testKeypair();
    this.privateKey = keys.privateKey;
    if (options.transport === 'gateway') {
      this.gateway = new FakeDiscordGateway({ token: 'test-bot-token', applicationId: this.applicationId, guilds: [{ id: this.guildId, name: 'Trellis test server' }] });
      await this.gateway.start();
      // discord.js asks REST where the gateway is (GET /gateway/bot), as with the real Discord.
      this.api.gatewayUrl = this.gateway.url;
    }
    this.services = await createTestServices(options.clock, {
      DISCORD_PUBLIC_KEY: this.gateway ? '' : keys.publicKeyHex,
      DISCORD_TOKEN: 'test-bot-token',
      DISCORD_APPLICATION_ID: this.applicationId,
      DISCORD_API_URL: this.api.url,
    });
    const inner = options.wrapTrellis ? options.wrapTrellis(this.services.trellis, this.services) : this.services.trellis;
    const trellis: Pick<Trellis, 'handle' | 'complete' | 'router'> = {
      router: inner.router,
      complete: (actor, request) => inner.complete(actor, request),
      handle: async (actor, invocation, handleOptions) => {
        const outcome = await inner.handle(actor, invocation, handleOptions);
        if (outcome.reply.form) this.forms.set(outcome.reply.form.id, outcome.reply.form);
        return outcome;
      },
    };
    // On a loaded test machine a handler can take longer than production's 2 s before deferring,
    // which would turn an expected direct answer into a deferred one; the deferral path itself is
    // tested with a short budget (interactions-rendering.test.ts), so others get a long one.
    this.runtime = createDiscordRuntime(this.services, { deferAfterMs: 15_000, ...options, trellis });
    this.outbox = await startOutboxDelivery(this.services, [this.runtime]);
    this.commands = trellis.router.commands;
    this.table = commandTable(this.commands);
    if (this.gateway) {
      await this.runtime.start!();
      return this;
    }
    const app = createHttpApp({
      health: async () => ({ ok: true, postgres: { ok: true }, redis: { ok: true } }),
      metrics: createMetrics(),
      mount: [this.runtime.mount!],
    });
    this.server = await listen(app, 0);
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}${INTERACTIONS_PATH}`;
    return this;
  }

  async stop(): Promise<void> {
    await this.runtime?.stop();
    await this.outbox?.close();
    if (this.server) await closeServer(this.server);
    await this.gateway?.stop();
    await this.api.stop();
    await this.services?.close();
  }

  /** Every interaction received so far fully handled, and the messages they owed others delivered. */
  async idle(): Promise<void> {
    await this.runtime.idle();
    await this.outbox.settle();
  }

  /** A Discord member with a stable id per name. */
  person(name: string): DiscordPerson {
    let p = this.people.get(name);
    if (!p) this.people.set(name, (p = { id: snowflake(), username: name }));
    return p;
  }

  where(name: string, dm = false) {
    return { applicationId: this.applicationId, guildId: dm ? undefined : this.guildId, channelId: dm ? snowflake() : this.channelId, user: this.person(name) };
  }

  post(payload: unknown, options?: PostOptions): Promise<{ status: number; json: any }> {
    if (this.gateway) return this.overGateway(payload as { id: string; token: string });
    return postInteraction(this.url, this.privateKey, payload, options);
  }

  /**
   * INTERACTION_CREATE over the gateway; the first answer is the POST the runtime makes to the
   * interaction's callback endpoint, read back as if it were the HTTP response.
   */
  private async overGateway(payload: { id: string; token: string }): Promise<{ status: number; json: any }> {
    const callback = new RegExp(`^/interactions/${payload.id}/${payload.token}/callback$`);
    this.gateway!.dispatch('INTERACTION_CREATE', payload);
    const [answer] = await this.api.waitFor('POST', callback);
    return { status: 200, json: answer!.body };
  }
}
