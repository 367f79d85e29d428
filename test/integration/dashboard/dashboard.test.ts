// The coordinator dashboard in headless Chromium (Debian's chromium, driven by playwright-core):
// charts and tables render, tables work with JavaScript off, a forged or expired link is 403, and
// no private marker seeded into notes, reflections or surveys appears anywhere in the HTML.
// TRELLIS_SCREENSHOT=docs/dashboard.png writes the README's screenshot from this same page.
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHarness } from '../../support/core-harness.js';
import { local, startWebRoutes } from '../../support/web-app.js';
import { MARKERS, populateCertification } from './populate.js';

const CHROMIUM = { executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] };
let h: CoreHarness;
let web: Awaited<ReturnType<typeof startWebRoutes>>;
let browser: Browser;
let link: string;

const linkIn = (text: string) => text.match(/https?:\/\/\S+\/dashboard\/\S+/)![0];

beforeAll(async () => {
  h = await CoreHarness.start('2026-03-02T14:00:00Z');
  web = await startWebRoutes(h.services);
  browser = await chromium.launch(CHROMIUM);
  await populateCertification(h);
  const seen = await h.command('cora', 'admin dashboard');
  expect(seen.private).toBe(true);
  link = local(linkIn(seen.text), web.base);
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await web?.close();
  await h?.close();
});

describe('the dashboard of a 40-week program with a populated cohort', () => {
  it('renders every chart as SVG with its numbers as a table, and no private marker anywhere', async () => {
    const page = await browser.newPage({ viewport: { width: 1320, height: 900 } });
    const res = await page.goto(link);
    expect(res?.status()).toBe(200);
    const charts = await page.locator('svg[data-chart]').evaluateAll((svgs) => svgs.map((s) => ({ id: s.getAttribute('data-chart'), bars: s.querySelectorAll('path, rect').length, width: s.getBoundingClientRect().width })));
    expect(charts.map((c) => c.id)).toEqual(expect.arrayContaining(['supervision', 'hours', 'reflections', 'attendance', 'check-ins', 'people']));
    expect(await page.locator('section#first-calls .withheld').innerText()).toMatch(/no first-call deadline/);
    for (const c of charts) expect(c.width).toBeGreaterThan(100);
    expect(await page.locator('section#supervision table tbody tr').count()).toBe(3);
    const supervision = await page.locator('section#supervision table tbody tr').first().locator('td').allInnerTexts();
    expect(Number(supervision[0])).toBeGreaterThan(0);
    expect(Number(supervision[1])).toBeGreaterThanOrEqual(Number(supervision[0]));
    expect(await page.locator('section#attendance tbody tr').count()).toBe(2);
    // Fewer than five evaluation answers: withheld, with the reason.
    expect(await page.locator('section#evaluations .withheld').innerText()).toMatch(/at least 5/);
    if (process.env.TRELLIS_SCREENSHOT) await page.screenshot({ path: process.env.TRELLIS_SCREENSHOT, fullPage: true });
    const html = await page.content();
    for (const marker of Object.values(MARKERS)) expect(html).not.toContain(marker);
    await page.close();
  });

  it('shows the tables with JavaScript disabled', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(link);
    expect(await page.locator('table').count()).toBeGreaterThanOrEqual(6);
    expect(await page.locator('section#hours caption').innerText()).toMatch(/Hours/);
    await context.close();
  });

  it('answers 403 to a forged link, another program, and a link past its 30 minutes', async () => {
    const page = await browser.newPage();
    const [body, mac] = link.split('/dashboard/')[1]!.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
    const forgedBody = Buffer.from(JSON.stringify({ ...claims, e: claims.e + 86_400_000 })).toString('base64url');
    for (const bad of [`${forgedBody}.${mac}`, `${body}.${mac!.slice(0, -2)}xx`, 'nonsense']) {
      const res = await page.goto(`${web.base}/dashboard/${bad}`);
      expect(res?.status()).toBe(403);
      expect(await page.content()).not.toContain('svg');
    }
    h.clock.set(new Date(h.clock.now().getTime() + 31 * 60_000));
    expect((await page.goto(link))?.status()).toBe(403);
    await page.close();
  });

  it('is for coordinators only', async () => {
    expect((await h.command('tia', 'admin dashboard')).text).not.toMatch(/dashboard\//);
  });
});

describe('a program that steps back after the match', () => {
  it('shows only people, matches, attendance and evaluations: nothing of calls, hours or first calls', async () => {
    await h.createProgram('cody', 'peers', 'peer-recovery');
    for (const m of ['pam', 'pia', 'pat', 'pel', 'pog']) await h.joinAsMentor(m, 'peers');
    for (const [i, m] of ['bea', 'cal', 'dee', 'eve', 'fay'].entries()) {
      await h.joinAsMentee(m, 'peers', { hopes: MARKERS.survey });
      await h.command('cody', `admin match @${['pam', 'pia', 'pat', 'pel', 'pog'][i]} @${m}`);
      await h.command(m, `consent sign ${m} ${MARKERS.phone}`);
    }
    await h.command('pam', `log-call 30m first-call today ${MARKERS.note}`);
    const page = await browser.newPage();
    await page.goto(local(linkIn((await h.command('cody', 'admin dashboard')).text), web.base));
    const ids = await page.locator('section').evaluateAll((s) => s.map((x) => x.id));
    expect(ids).toEqual(['people', 'matches', 'attendance', 'evaluations']);
    const html = await page.content();
    expect(html).toContain('steps back after the match');
    for (const marker of Object.values(MARKERS)) expect(html).not.toContain(marker);
    for (const name of ['pam', 'bea']) expect(html).not.toContain(name);
    await page.close();
  });
});
