// The queue dashboard (Bull Board at /admin/queues) in headless Chromium: without the token a
// browser gets 401; with `?token=` once, it gets an HttpOnly cookie, the board renders the queues
// and a real job, and no name or private word of the message shows anywhere on the page.
import { chromium, type Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeAll, NAME, owedMessage, TOKEN, web, WORDS } from '../admin/board-support.js';

const CHROMIUM = { executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] };
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch(CHROMIUM);
});
afterAll(() => browser?.close());
afterEach(closeAll);

describe('queue dashboard in a browser', () => {
  it('refuses a browser without the token, and after ?token= shows the queues and the job by its key alone', async () => {
    const { base, services, prefix } = await web({ TRELLIS_ADMIN_TOKEN: TOKEN });
    const { key } = await owedMessage(services, prefix);

    const stranger = await browser.newPage();
    const refused = await stranger.goto(`${base}/admin/queues`);
    expect(refused?.status()).toBe(401);
    await stranger.close();

    const context = await browser.newContext();
    const page = await context.newPage();
    const opened = await page.goto(`${base}/admin/queues?token=${TOKEN}`);
    expect(opened?.status()).toBe(200);
    expect(new URL(page.url()).search).toBe('');
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: 'trellis_admin', httpOnly: true, sameSite: 'Strict', path: '/admin/queues' });
    expect(await page.evaluate('document.cookie')).toBe('');

    // The board is a script: its queue list arrives from its API, through the same cookie.
    await page.getByText('deliver-slack').first().waitFor({ timeout: 20_000 });
    await page.getByText('nudge-maintenance').first().waitFor();
    await page.goto(`${base}/admin/queues/queue/deliver-slack?status=waiting`);
    await page.getByText(key.replaceAll(':', '/')).first().waitFor({ timeout: 20_000 });
    const html = await page.content();
    for (const secret of [NAME, 'Dora', WORDS, 'relapse']) expect(html).not.toContain(secret);
    await context.close();
  }, 90_000);
});
