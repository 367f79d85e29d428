// The "done when", from the console: `/mentor calendar` and `/mentor admin dashboard` print
// addresses that the web routes, over the same database, serve.
import ical from 'node-ical';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ConsoleSession } from '../../support/console-session.js';
import { local, startWebRoutes } from '../../support/web-app.js';

let session: ConsoleSession;
let web: Awaited<ReturnType<typeof startWebRoutes>>;
beforeAll(async () => {
  session = await ConsoleSession.start(new Date('2026-03-02T14:00:00Z'));
  web = await startWebRoutes(session.services);
});
afterAll(async () => {
  await web?.close();
  await session?.close();
});

it('prints a feed address and a dashboard link that the web process serves', async () => {
  await session.run('as cora\n/mentor admin program create pilot certification-40-week\n/mentor admin cohort create peers\n/mentor admin cohort meeting peers 2026-03-20 18:00\nas ana\n/mentor settings timezone Europe/Berlin\n');
  const out = (await session.run('/mentor calendar\n')).join('\n');
  const feed = out.match(/https?:\/\/\S+\/calendar\/[A-Za-z0-9_-]{43}\.ics/)?.[0];
  expect(feed, out).toBeDefined();
  const res = await fetch(local(feed!, web.base));
  expect(res.status).toBe(200);
  expect(Object.values(ical.sync.parseICS(await res.text())).some((c) => c?.type === 'VCALENDAR' || c?.type === 'VTIMEZONE')).toBe(true);

  const admin = (await session.run('as cora\n/mentor admin dashboard\n')).join('\n');
  const link = admin.match(/https?:\/\/\S+\/dashboard\/\S+/)?.[0];
  expect(link, admin).toBeDefined();
  const page = await fetch(local(link!, web.base));
  expect(page.status).toBe(200);
  // An empty program: every chart says why it is withheld (fewer than five people).
  expect(await page.text()).toContain('Supervision kept vs expected');
});
