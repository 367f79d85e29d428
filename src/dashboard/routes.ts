// GET /dashboard/<signed token>: read-only, for the coordinator and program the link was made
// for, until it expires. A forged, expired or no-longer-valid link is 403 with nothing else.
import type { Express } from 'express';
import { buildDashboard } from '../core/dashboard/build.js';
import type { Clock } from '../core/ports/clock.js';
import type { Logger } from '../core/ports/logger.js';
import type { Store } from '../core/ports/repositories.js';
import { dashboardPage } from './page.js';
import { verifyDashboard } from './signed-link.js';

export interface DashboardRouteDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  key: Buffer;
}

const FORBIDDEN = 'This dashboard link is not valid (it may have expired). Run /mentor admin dashboard for a fresh one.';

export function mountDashboard(deps: DashboardRouteDeps): (app: Express) => void {
  return (app) => {
    app.get('/dashboard/:token', async (req, res, next) => {
      try {
        const now = deps.clock.now();
        const verified = verifyDashboard(deps.key, req.params.token, now);
        if (!verified.ok) return void res.status(403).type('text/plain').send(FORBIDDEN);
        const { programId, personId } = verified.claims;
        // The signer checked the coordinator role; checked again here, so a link dies with the role.
        const [program, coordinator, person] = await Promise.all([
          deps.store.programs.get(programId),
          deps.store.enrollments.find(programId, personId, 'coordinator'),
          deps.store.people.get(personId),
        ]);
        if (!program || !person || coordinator?.status !== 'active') return void res.status(403).type('text/plain').send(FORBIDDEN);
        const page = await dashboardPage(await buildDashboard(deps.store, program, now, person.timeZone));
        res.set({ 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex', 'Referrer-Policy': 'no-referrer', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:" });
        res.type('html').send(page);
      } catch (error) {
        deps.logger.error({ err: error }, 'dashboard failed');
        next(error);
      }
    });
  };
}
