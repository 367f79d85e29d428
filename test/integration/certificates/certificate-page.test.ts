// The public check of a certificate in headless Chromium (Debian's chromium, driven by
// playwright-core), and the holder's PDF fetched from its signed link and read back with pdf.js.
// The page says valid or not, the holder's name, the program and the date — nothing private —
// and every kind of "not valid" (unknown, malformed, withdrawn) is the same 404 page.
// TRELLIS_SCREENSHOT=docs/certificate.png writes a screenshot of the valid page.
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHarness } from '../../support/core-harness.js';
import { pdfText } from '../../support/pdf-text.js';
import { local, startWebRoutes } from '../../support/web-app.js';

const CHROMIUM = { executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] };
const OVERRIDE = 'OVERRIDE-MARK-6612 transferred with a complete portfolio from another program';
const CASE = 'CASE-MARK-2207 the Lee family';
let h: CoreHarness;
let web: Awaited<ReturnType<typeof startWebRoutes>>;
let browser: Browser;
let pageUrl: string;
let pdfUrl: string;

beforeAll(async () => {
  h = await CoreHarness.start('2026-03-02T14:00:00Z');
  web = await startWebRoutes(h.services);
  browser = await chromium.launch(CHROMIUM);
  await h.createProgram('cora', 'cert', 'certification-40-week');
  await h.joinAsMentor('mo', 'cert');
  await h.joinAsMentee('zoe', 'cert');
  await h.command('cora', 'admin match @mo @zoe');
  await h.command('zoe', 'portfolio contract I will co-lead five meetings with Mo so that I can lead one alone');
  await h.command('zoe', `portfolio case "Case 1" ${CASE}`);
  h.clock.set('2026-11-20T15:00:00Z');
  const issued = await h.command('cora', `admin certify @zoe --override "${OVERRIDE}"`);
  expect(issued.text).toMatch(/by override/);
  const dm = h.takeDelivered('zoe').map((d) => d.text).join('\n');
  pageUrl = local(/(https?:\/\/\S+\/certificates\/[0-9A-Z]{5}-[0-9A-Z]{5})(?=\s)/.exec(dm)![1]!, web.base);
  pdfUrl = local(/(https?:\/\/\S+\.pdf\?s=\S+)/.exec(dm)![1]!, web.base);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await web?.close();
  await h?.close();
});

describe('GET /certificates/<code> in a browser', () => {
  it('shows a valid certificate: holder, program, date and code, and nothing private', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
    const res = await page.goto(pageUrl);
    expect(res?.status()).toBe(200);
    expect(await page.locator('main').getAttribute('data-certificate')).toBe('valid');
    expect(await page.locator('h1').innerText()).toContain('Valid certificate');
    expect(await page.locator('#holder').innerText()).toBe('Zoe');
    expect(await page.locator('#program').innerText()).toBe('Interventionist certification mentorship');
    expect(await page.locator('#issued').innerText()).toBe('Fri 20 Nov 2026');
    expect(await page.locator('#code').innerText()).toBe(pageUrl.split('/').at(-1));
    if (process.env.TRELLIS_SCREENSHOT) await page.screenshot({ path: process.env.TRELLIS_SCREENSHOT, fullPage: true });
    const html = await page.content();
    for (const secret of ['OVERRIDE-MARK', 'CASE-MARK', 'override', 'Hours', 'Supervision', 'Mo']) expect(html).not.toContain(secret);
    expect(res?.headers()['x-robots-tag']).toBe('noindex');
    await page.close();
  });

  it('reads the code however it is typed in the address', async () => {
    const page = await browser.newPage();
    const code = pageUrl.split('/').at(-1)!;
    expect((await page.goto(`${web.base}/certificates/${code.replace('-', '').toLowerCase()}`))?.status()).toBe(200);
    expect(await page.locator('#holder').innerText()).toBe('Zoe');
    await page.close();
  });

  it('answers 404 "not valid" to an unknown code and to a malformed one, alike', async () => {
    const page = await browser.newPage();
    const bodies: string[] = [];
    for (const bad of ['00000-00000', 'nope', '%3Cscript%3E']) {
      const res = await page.goto(`${web.base}/certificates/${bad}`);
      expect(res?.status()).toBe(404);
      expect(await page.locator('main').getAttribute('data-certificate')).toBe('invalid');
      expect(await page.locator('h1').innerText()).toContain('Not a valid certificate');
      bodies.push(await page.content());
    }
    expect(new Set(bodies).size).toBe(1);
    await page.close();
  });
});

describe('GET /certificates/<code>.pdf, the holder’s link', () => {
  it('serves the presentation document, which reads back and says it was issued by override, without the reason', async () => {
    const res = await fetch(pdfUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const flat = (await pdfText(new Uint8Array(await res.arrayBuffer()))).text.replace(/\s+/g, ' ');
    expect(flat).toContain('Zoe');
    expect(flat).toContain('Interventionist certification mentorship');
    expect(flat).toContain('Issued on 2026-11-20 by Cora, by the coordinator’s decision although not every requirement was met');
    expect(flat).toContain('Learning contract not verified at issue');
    expect(flat).toContain('0 of 10 case records verified');
    expect(flat).toContain(pageUrl.replace(web.base, 'http://localhost:3000'));
    for (const secret of ['OVERRIDE-MARK', 'CASE-MARK', 'co-lead five meetings']) expect(flat).not.toContain(secret);
  });

  it('is the same 404 without the signature, with a forged one, or for another code', async () => {
    const code = pageUrl.split('/').at(-1)!;
    const signature = new URL(pdfUrl).searchParams.get('s')!;
    const answers = await Promise.all([
      fetch(pdfUrl.replace(/\?.*/, '')),
      fetch(pdfUrl.replace(signature, `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`)),
      fetch(`${web.base}/certificates/00000-00000.pdf?s=${signature}`),
      fetch(`${web.base}/certificates/${code}.pdf?s=${signature}&s=${signature}`),
    ]);
    expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 404]);
    expect(new Set(await Promise.all(answers.map((r) => r.text()))).size).toBe(1);
  });

  it('once the holder withdraws, the page says not valid and the PDF is gone, like any unknown code', async () => {
    await h.command('zoe', 'withdraw');
    await h.press('zoe', 'withdraw.confirm');
    const page = await browser.newPage();
    expect((await page.goto(pageUrl))?.status()).toBe(404);
    expect(await page.locator('main').getAttribute('data-certificate')).toBe('invalid');
    await page.close();
    expect((await fetch(pdfUrl)).status).toBe(404);
    const certificate = await h.services.prisma.certificationItem.findFirstOrThrow({ where: { kind: 'certificate', enrollment: { personId: await h.personId('zoe') } } });
    expect(certificate.bodyEnc).toBeNull();
  });
});
