import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Server } from 'node:http';
import type { HealthReport } from './health.js';
import type { Metrics } from './metrics.js';
import { measureAcks } from './ack-metrics.js';

export interface HttpDeps {
  health: () => Promise<HealthReport>;
  /** Served at GET /metrics (the web's own metrics, or a worker's). */
  metrics: Pick<Metrics, 'registry'>;
  /** The web process counts and times the platforms' requests; a worker's server has none. */
  acks?: Pick<Metrics, 'commands' | 'ackSeconds'>;
  /** Platform adapters mount their routes here (Slack events, Discord interactions). */
  mount?: Array<(app: Express) => void>;
}

export function createHttpApp(deps: HttpDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  if (deps.acks) app.use(measureAcks(deps.acks));
  // Platform routes go first: they need the raw body to verify signatures.
  for (const mount of deps.mount ?? []) mount(app);
  app.get('/healthz', async (_req, res) => {
    const report = await deps.health();
    res.status(report.ok ? 200 : 503).json(report);
  });
  app.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  app.use(answerErrorsPlainly);
  return app;
}

/**
 * Body parser failures (too large, bad encoding, unreadable) are answered with their 4xx and an
 * empty body — never Express's HTML page, whose stack trace shows the code's paths to anyone.
 */
function answerErrorsPlainly(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(error);
  const status = (error as { status?: unknown }).status;
  res.status(typeof status === 'number' && status >= 400 && status < 500 ? status : 500).end();
}

export function listen(app: Express, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, () => resolve(server));
    server.once('error', reject);
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
