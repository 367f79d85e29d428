import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certMentor, certTrainee, ConsoleSession, linesFor } from '../../support/console-session.js';
import { pdfText } from '../../support/pdf-text.js';
import { local, startWebRoutes } from '../../support/web-app.js';

// The five pillars typed into the console over a 40-week program: one mentor with two trainees,
// Tia who does the work and Ben who does nothing. The contract is checked and returned with a
// reason, the self-assessment answered, cases and modules verified; the certificate is refused
// (listing exactly what is missing) until the final review window opens, then issued, and its PDF
// and public page say what it attests.
let s: ConsoleSession;
let web: Awaited<ReturnType<typeof startWebRoutes>>;
const CONTRACT = [
  'I will co-lead five family interventions with Mo so that I can lead one on my own by week 30',
  'I will write up every case within two days so that my supervisor can verify each one',
  'I will ask for a debrief after every hard session so that I notice early when I need support',
];
const callLength = (week: number) => (week <= 12 ? '30m' : week <= 28 ? '45m' : '1h');
const text = (out: string[]) => out.join('\n');

beforeAll(async () => {
  s = await ConsoleSession.withProgram({
    coordinator: 'cora',
    joiners: [certMentor('mo'), certTrainee('tia', 'Mon 19:00-21:00', 'Lead a family meeting'), certTrainee('ben', 'Tue 19:00-21:00', 'Learn the model')],
    matches: [['mo', 'tia'], ['mo', 'ben']],
  }, { nudges: false });
  web = await startWebRoutes(s.services);
}, 60_000);
afterAll(async () => {
  await web?.close();
  await s?.close();
});

describe('profile and self-assessment through the console', () => {
  it('refuses a wish as a contract, privately, with what is wrong and an example', async () => {
    const out = await s.run('as tia\n/mentor portfolio contract I want to be better');
    expect(linesFor(out, 'to tia (private)').join('\n')).toMatch(/Statement 1 \("I want to be better"\) doesn't say what you will do[\s\S]*For example: "I will/);
    expect(linesFor(out, 'to mo')).toEqual([]);
  });

  it('the mentor of two names the trainee, returns the contract with a reason, and only Tia reads it', async () => {
    const out = await s.run(`
as tia
/mentor portfolio contract ${CONTRACT.join('; ')}
as mo
/mentor portfolio review
/mentor portfolio review @tia
press portfolio.reject
submit portfolio-return reason="Make the first one measurable: how many by when?"
`);
    expect(text(linesFor(out, 'to mo (private)'))).toMatch(/You have 2 trainees \(Tia, Ben\), so say which one: name them as @trainee/);
    expect(text(linesFor(out, 'to tia]'))).toContain('Mo returned the learning contract: “Make the first one measurable: how many by when?”');
    expect(text(linesFor(out, 'to ben'))).toBe('');
    expect(text(linesFor(out, 'to cora'))).not.toContain('measurable');
  });

  it('the contract sent again is verified; the self-assessment is answered in the form and verified', async () => {
    const out = await s.run(`
as tia
/mentor portfolio contract ${CONTRACT.join('; ')}
as mo
/mentor portfolio review @tia
press portfolio.verify
as tia
/mentor portfolio self-assessment
press portfolio.answer
submit portfolio-self-assessment answer="yes" evidence="Wrote up the Hale and Ortiz cases the next morning"
/mentor portfolio self-assessment 1 yes Co-led five with Mo by week 9, led the Lee meeting alone
/mentor portfolio self-assessment 2 yes Every write-up this spring went in within two days
as mo
/mentor portfolio review @tia
press portfolio.verify
as tia
/mentor portfolio
`);
    expect(text(out)).toContain('1. Can I co-lead five family interventions with Mo so that I can lead one on my own by week 30? — not answered yet');
    expect(text(linesFor(out, 'to mo]'))).toContain('Tia sent their self-assessment for you to verify');
    const portfolio = text(out.slice(out.findLastIndex((l) => l.includes('Certification portfolio'))));
    expect(portfolio).toContain('Learning contract: ✓ verified');
    expect(portfolio).toContain('Self-assessment: ✓ verified — 3 of 3 yes');
  });
});

describe('forty weeks of evidence, and a certificate only when it is due', () => {
  it('Tia logs supervision and practice every week, hands in ten cases and three modules; Mo verifies each', async () => {
    for (let week = 1; week <= 35; week++) {
      const cases = week % 3 === 0 && week <= 30 ? `\n/mentor portfolio case "Case ${week / 3}" Family meeting in week ${week}: what I did and what came of it` : '';
      const module = week === 30 || week === 32 || week === 34 ? `\n/mentor portfolio module ${(week - 28) / 2} Finished it and practised it with Mo` : '';
      await s.run(`as tia\n/mentor log-call ${callLength(week)} supervision\n/mentor log-call 2h observation${cases}${module}\nadvance 7d`);
    }
    let waiting = 13;
    while (waiting-- > 0) await s.run('as mo\n/mentor portfolio review @tia\npress portfolio.verify');
    const out = await s.run('as tia\n/mentor portfolio');
    expect(text(out)).toMatch(/Case records verified: ▰{10} 10\/10 verified/);
    expect(text(out)).toMatch(/Continuing-education modules verified: ▰+ 3\/3 verified/);
    expect(text(out)).toMatch(/Verification: ✓/);
  }, 120_000);

  it('before the window: Tia is refused for the window alone; Ben, who did nothing, for every part, counted', async () => {
    const out = await s.run('as cora\n/mentor admin certify @tia\n/mentor admin certify @ben');
    const all = text(out);
    expect(all).toMatch(/Tia can't be certified yet[\s\S]*Still missing:\n\s*• The final review window opens in week 37; Tia is in week 36\n\s*If the certificate is right regardless/);
    const ben = all.slice(all.indexOf("Ben can't be certified yet"));
    expect(ben).toContain('Profile — the learning contract: not handed in');
    expect(ben).toContain('Self-assessment: opens once the learning contract is verified');
    expect(ben).toContain('Education — case records: 0 of 10 verified');
    expect(ben).toContain('Education — continuing-education modules: 0 of 3 verified');
    expect(ben).toMatch(/Supervision: 0 of \d+ periods kept so far; the program asks 80% \(\d+\)/);
    expect(ben).toMatch(/Hours: 0 h logged; the program asks 80% of the \d+ h committed so far/);
    expect(await s.services.prisma.certificationItem.count({ where: { kind: 'certificate', enrollment: { program: { workspace: { externalId: s.workspaceExternalId } } } } })).toBe(0);
  });

  it('in week 37 the certificate is issued; Tia gets her PDF link and the public address, also in her status', async () => {
    await s.run(`as tia\n/mentor log-call 1h supervision\n/mentor log-call 2h observation\nadvance 7d`);
    const out = await s.run('as cora\n/mentor admin certify @tia\nas tia\n/mentor status');
    expect(text(linesFor(out, 'to cora (private)'))).toMatch(/Issued the Interventionist certification mentorship certificate to Tia\. Verification code: [0-9A-Z]{5}-[0-9A-Z]{5}\./);
    expect(text(linesFor(out, 'to mo]'))).toContain('Tia has been certified in Interventionist certification mentorship.');
    const dm = text(linesFor(out, 'to tia]'));
    expect(dm).toMatch(/certificates\/[0-9A-Z]{5}-[0-9A-Z]{5}\.pdf\?s=/);
    expect(text(linesFor(out, 'to tia (private)'))).toMatch(/You are certified \(code [0-9A-Z-]+\)[\s\S]*\.pdf\?s=/);
  });

  it('the PDF (the holder’s link) reads back holder, program, dates, hours, supervision, the five pillars and where to check it', async () => {
    const status = text(await s.run('as tia\n/mentor status'));
    const pdfUrl = /(https?:\/\/\S+\.pdf\?s=\S+)/.exec(status)![1]!;
    const pageUrl = /(https?:\/\/\S+\/certificates\/[0-9A-Z-]{11})(?!\.pdf)\b/.exec(status)![1]!;
    const res = await fetch(local(pdfUrl, web.base));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const flat = (await pdfText(new Uint8Array(await res.arrayBuffer()))).text.replace(/\s+/g, ' ');
    const code = /certificates\/([0-9A-Z-]{11})/.exec(pageUrl)![1]!;
    expect(flat).toContain('Tia');
    expect(flat).toContain('Interventionist certification mentorship');
    expect(flat).toMatch(/from 2026-03-0\d to 2026-11-\d\d \(week 37 of 40\)/);
    expect(flat).toMatch(/Hours logged: \d+(\.\d)? h/);
    expect(flat).toMatch(/Supervision: 2\d of 2\d supervision periods kept/);
    expect(flat).toContain('Learning contract of 3 action-outcome statements, verified');
    expect(flat).toContain('3 "Can I …?" statements, each answered yes with evidence');
    expect(flat).toContain('10 of 10 case records verified; continuing education: 3 of 3 modules verified');
    expect(flat).toMatch(/All evidence confirmed by Mo on 2026-/);
    expect(flat).toContain(`Verification code: ${code}`);
    expect(flat).toContain(pageUrl);
    expect(flat).not.toMatch(/Family meeting in week|Hale and Ortiz|Finished it/);

    const page = await fetch(local(pageUrl, web.base));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Valid certificate');
    expect(html).toContain('Tia');
    expect(html).not.toMatch(/Hours|Supervision|Case/);
    expect((await fetch(local(pdfUrl.replace(/\?s=.*/, ''), web.base))).status).toBe(404);
    expect((await fetch(local(pdfUrl.replace(/s=./, 's=A'), web.base))).status).toBe(404);
    expect((await fetch(`${web.base}/certificates/00000-00000`)).status).toBe(404);
  });
});
