import express, { type Express, type Request, type Response } from 'express';
import type { KeyObject } from 'node:crypto';
import type { Logger } from '../../core/ports/logger.js';
import type { InteractionHandler } from './interaction-handler.js';
import { isKnownKind, ZInteraction } from './interaction.js';
import { verifyDiscordRequest } from './verify.js';
import { NOT_TAKEN, type IntakeRecords } from '../../platform/intake.js';
import { InteractionKind } from './limits.js';
import { notice } from './reply-plan.js';

export const INTERACTIONS_PATH = '/discord/interactions';

export interface EndpointDeps {
  publicKey: KeyObject;
  handler: InteractionHandler;
  logger: Logger;
  /** Tracks the work that continues after the HTTP answer (follow-ups, outbound), for shutdown and tests. */
  track: (work: Promise<void>) => void;
  now?: () => number;
  /**
   * Commands, buttons and forms are written down here before the first answer goes out, so one
   * answered (deferred) by a process that then dies is run again by another (src/app/replayer.ts).
   */
  intake?: IntakeRecords;
}

const ALREADY_RECEIVED = 'Got it already — your first tap is being handled, so this one was not run again.';

/**
 * `POST /discord/interactions`: verifies the Ed25519 signature over the raw bytes, then hands
 * the interaction to the shared handler, whose first answer becomes the HTTP response. Anything
 * unsigned or altered gets 401 before it is even parsed.
 */
export function mountInteractionsEndpoint(app: Express, deps: EndpointDeps): void {
  const now = deps.now ?? Date.now;
  app.post(INTERACTIONS_PATH, express.raw({ type: () => true, limit: '1mb' }), (req: Request, res: Response) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const verdict = verifyDiscordRequest(deps.publicKey, { signature: req.get('X-Signature-Ed25519'), timestamp: req.get('X-Signature-Timestamp'), body }, now());
    if (verdict !== 'ok') {
      deps.logger.warn({ verdict }, 'discord: refused an interaction request');
      res.status(401).end();
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      res.status(400).end();
      return;
    }
    const parsed = ZInteraction.safeParse(json);
    if (!parsed.success || !isKnownKind(parsed.data.type)) {
      res.status(400).end();
      return;
    }
    const i = parsed.data;
    const respond = async (response: unknown) => {
      res.status(200).json(response);
    };
    const { intake } = deps;
    if (!intake || i.type === InteractionKind.Ping || i.type === InteractionKind.Autocomplete) {
      deps.track(deps.handler(i, respond));
      return;
    }
    // Written down before any answer: a deferral is an acknowledgement the person relies on.
    const id = `discord:${i.id}`;
    const work = intake
      .record({ id, platform: 'discord', workspace: i.guild_id ?? 'dm', payload: json, receivedAt: new Date(now()) })
      .catch((error: unknown) => {
        // Refused, not run: an acknowledged interaction must survive this process (src/platform/intake.ts).
        deps.logger.error({ error: error instanceof Error ? error.message : String(error), interaction: i.id }, 'discord: an interaction could not be written down; refused, not run');
        return 'failed' as const;
      })
      .then(async (fresh) => {
        if (fresh === 'failed') return respond(notice(NOT_TAKEN));
        if (!fresh) return respond(notice(ALREADY_RECEIVED));
        await deps.handler(i, respond);
        // This process is done with it (answered, or told it failed): never replay it.
        await intake.answered(id, new Date(now())).catch((error: unknown) => deps.logger.warn({ error: error instanceof Error ? error.message : String(error), interaction: i.id }, 'discord: an interaction could not be marked answered'));
      });
    deps.track(work);
  });
}
