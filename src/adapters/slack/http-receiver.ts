import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import express, { type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { MalformedPayloadError, parseSlackBody } from './parse-body.js';
import { verifySlackRequest } from './verify-request.js';
import { NOT_TAKEN, type IntakeRecords } from '../../platform/intake.js';
import { slackIntakeKey, type SlackIntake } from './intake.js';

export interface HttpReceiverOptions {
  signingSecret: string;
  logger: Logger;
  /** Milliseconds since the epoch; tests move it to check the timestamp window. */
  now?: () => number;
  path?: string;
  /** If no listener acknowledges in time, answer 200 anyway so Slack does not retry or show an error. */
  ackDeadlineMs?: number;
  /** Reports how long each acknowledgement took (metrics). */
  onAck?: (seconds: number) => void;
  /**
   * Where commands, buttons and forms are written down before their acknowledgement, so one
   * acknowledged by a process that then dies is run again by another (src/app/replayer.ts).
   */
  intake?: IntakeRecords;
}

/** A request written down (or being written down) in the intake. */
interface WrittenDown {
  id: string;
  /** Resolves once the row is in Postgres: true when new, false for a request already there or not written down. */
  fresh: Promise<boolean>;
  /** 'failed': the row could not be written (or not before the ack's deadline): the request is refused, not run. */
  state: Promise<'fresh' | 'repeat' | 'failed'>;
  settled(): boolean;
  /** The ack's deadline came first: refuse it; a row written after all is marked answered so nobody replays it. */
  giveUp(): void;
}

/**
 * Bolt's receiver for `POST /slack/events`, on the web process's express app. It verifies the
 * signature and the timestamp window, refuses malformed bodies, answers url_verification, and hands
 * the rest to Bolt. The HTTP answer goes out on `ack()`; the listener's slow work continues after.
 *
 * With an intake, a command, button or form is written down in Postgres before its `ack()` goes
 * out: the INSERT starts as soon as the request is verified and runs while Bolt authorizes and
 * routes it, and requests arriving together share one INSERT. A request already written down (a
 * Slack retry, a double submit) is acknowledged and left to its first run.
 */
export class SlackHttpReceiver implements Receiver {
  readonly router: Router;
  private app: App | undefined;
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(private readonly options: HttpReceiverOptions) {
    this.router = express.Router();
    this.router.post(options.path ?? '/slack/events', express.raw({ type: () => true, limit: '1mb' }), (req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        options.logger.error({ err: error }, 'a Slack request could not be handled');
        if (!res.headersSent) res.status(500).send('');
      });
    });
  }

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {
    await this.idle();
  }

  /** Resolves when every request received so far has been fully handled (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  /** The injected clock (tests), else the system's: every timestamp this receiver writes. */
  private nowMs(): number {
    return this.options.now?.() ?? Date.now();
  }

  private async handle(req: Request, res: Response): Promise<void> {
    const started = performance.now();
    const { logger } = this.options;
    const rawBody: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const failure = verifySlackRequest({
      signingSecret: this.options.signingSecret,
      timestamp: req.header('x-slack-request-timestamp'),
      signature: req.header('x-slack-signature'),
      rawBody,
      nowMs: this.nowMs(),
    });
    if (failure) {
      logger.warn({ reason: failure }, 'refused a Slack request that failed verification');
      res.status(401).send('');
      return;
    }
    let parsed: ReturnType<typeof parseSlackBody>;
    try {
      parsed = parseSlackBody(req.header('content-type'), rawBody.toString('utf8'));
    } catch (error) {
      if (!(error instanceof MalformedPayloadError)) throw error;
      logger.warn({ reason: error.message }, 'refused a malformed Slack request');
      res.status(400).send('');
      return;
    }
    if (parsed.kind === 'url_verification') {
      res.json({ challenge: parsed.challenge });
      return;
    }
    const work = this.dispatch(parsed.body, req, res, started, this.writeDown(parsed.body));
    this.inflight.add(work);
    void work.finally(() => this.inflight.delete(work));
  }

  /**
   * Starts writing the request down; never rejects. A request that cannot be written down (Postgres
   * out of reach) is refused rather than acknowledged and run without a safety net: a web process
   * killed meanwhile would lose a command the person was told was taken.
   */
  private writeDown(body: Record<string, unknown>): WrittenDown | undefined {
    const { intake, logger } = this.options;
    const key = intake ? slackIntakeKey(body) : null;
    if (!intake || !key) return undefined;
    const receivedAt = new Date(this.nowMs());
    let gaveUp = false;
    let done = false;
    const state = intake
      .record({ id: key.id, platform: 'slack', workspace: key.workspace, payload: body, receivedAt })
      .then(
        async (isNew): Promise<'fresh' | 'repeat' | 'failed'> => {
          if (!gaveUp) return isNew ? 'fresh' : 'repeat';
          // Written after the person was told it was not taken: never run, never replayed.
          if (isNew) await intake.answered(key.id, new Date(this.nowMs())).catch((error: unknown) => logger.error({ err: error, id: key.id }, 'a refused Slack request could not be marked answered; it may be replayed'));
          return 'failed';
        },
        (error: unknown) => {
          logger.error({ err: error, id: key.id }, 'a Slack request could not be written down; refused, not run');
          return 'failed' as const;
        },
      )
      .finally(() => void (done = true));
    return { id: key.id, state, fresh: state.then((s) => s === 'fresh'), settled: () => done, giveUp: () => void (gaveUp = true) };
  }

  /**
   * Runs a written-down request again (its first process died after acknowledging it): no HTTP
   * answer this time, and the listeners know it is a replay (see SlackIntake).
   */
  async replay(id: string, body: Record<string, unknown>): Promise<void> {
    if (!this.app) throw new Error('receiver used before Bolt initialised it');
    const intake: SlackIntake = { id, replay: true, fresh: Promise.resolve(true) };
    await this.app.processEvent({ body, ack: async () => undefined, customProperties: { intake } });
    await this.options.intake?.answered(id, new Date(this.nowMs()));
  }

  private async dispatch(body: Record<string, unknown>, req: Request, res: Response, started: number, written?: WrittenDown): Promise<void> {
    let acked = false;
    const reply = (status: number, response?: unknown) => {
      if (acked) return false;
      acked = true;
      clearTimeout(deadline);
      this.options.onAck?.((performance.now() - started) / 1000);
      if (response === undefined || response === '') res.status(status).send('');
      else if (typeof response === 'string') res.status(status).type('text/plain').send(response);
      else res.status(status).json(response);
      return true;
    };
    // Not written down: a slash command is answered with the refusal (Slack shows it to the person
    // alone); a button or form gets an error status, so Slack itself says it did not go through.
    const refuse = () => (typeof body.command === 'string' ? reply(200, { response_type: 'ephemeral', text: NOT_TAKEN }) : reply(503));
    const deadline = setTimeout(() => {
      if (written && !written.settled()) {
        written.giveUp();
        if (refuse()) this.options.logger.error({ id: written.id }, 'a Slack request was not written down in time; refused');
        return;
      }
      if (reply(200)) this.options.logger.error({ type: body.type ?? body.command }, 'no listener acknowledged a Slack request in time');
    }, this.options.ackDeadlineMs ?? 2500);
    const retryNum = Number(req.header('x-slack-retry-num'));
    const intake: SlackIntake | undefined = written && { id: written.id, replay: false, fresh: written.fresh };
    const event: ReceiverEvent = {
      body,
      ack: async (response?: unknown) => {
        // Written down first: an acknowledged request must survive this process.
        if (written && (await written.state) === 'failed') return void refuse();
        reply(200, response);
      },
      ...(Number.isFinite(retryNum) ? { retryNum, retryReason: req.header('x-slack-retry-reason') } : {}),
      ...(intake ? { customProperties: { intake } } : {}),
    };
    try {
      if (!this.app) throw new Error('receiver used before Bolt initialised it');
      await this.app.processEvent(event);
    } catch (error) {
      this.options.logger.error({ err: error }, 'a Slack request failed');
      reply(500);
    } finally {
      // Bolt finished without a listener acknowledging (an event type we ignore): still answer now.
      if (written && (await written.state) === 'failed') refuse();
      reply(200);
      // This process is done with it (the person has the answer or an apology): never replay it.
      if (written && (await written.fresh)) {
        await this.options.intake!.answered(written.id, new Date(this.nowMs())).catch((error: unknown) => this.options.logger.warn({ err: error, id: written.id }, 'a Slack request could not be marked answered; it may be answered twice'));
      }
    }
  }
}
