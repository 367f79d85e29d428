import express, { type Express, type Request, type Response } from 'express';
import type { KeyObject } from 'node:crypto';
import type { Logger } from '../../core/ports/logger.js';
import type { InteractionHandler } from './interaction-handler.js';
import { isKnownKind, ZInteraction } from './interaction.js';
import { verifyDiscordRequest } from './verify.js';

export const INTERACTIONS_PATH = '/discord/interactions';

export interface EndpointDeps {
  publicKey: KeyObject;
  handler: InteractionHandler;
  logger: Logger;
  /** Tracks the work that continues after the HTTP answer (follow-ups, outbound), for shutdown and tests. */
  track: (work: Promise<void>) => void;
  now?: () => number;
}

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
    deps.track(
      deps.handler(parsed.data, async (response) => {
        res.status(200).json(response);
      }),
    );
  });
}
