import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Services } from '../../src/app/services.js';
import { mountCalendar } from '../../src/calendar/routes.js';
import { mountDashboard } from '../../src/dashboard/routes.js';
import { mountCertificates } from '../../src/certificates/routes.js';
import { createMetrics } from '../../src/http/metrics.js';
import { closeServer, createHttpApp, listen } from '../../src/http/server.js';

/** The web process's calendar, dashboard and certificate routes over the test services, on a free port. */
export async function startWebRoutes(services: Services): Promise<{ base: string; close(): Promise<void> }> {
  const app = createHttpApp({
    health: async () => ({ ok: true }) as never,
    metrics: createMetrics(),
    mount: [
      mountCalendar({ store: services.store, clock: services.clock, logger: services.logger }),
      mountDashboard({ store: services.store, clock: services.clock, logger: services.logger, key: services.linkKey }),
      mountCertificates({ store: services.store, logger: services.logger, key: services.linkKey, links: services.links }),
    ],
  });
  const server: Server = await listen(app, 0);
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => closeServer(server) };
}

/** A link handed out under TRELLIS_PUBLIC_URL, pointed at the test server instead. */
export const local = (url: string, base: string): string => url.replace(/^https?:\/\/[^/]+/, base);
