import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreModules } from '../../../src/core/modules.js';
import { PrismaCertificationRepository } from '../../../src/store/prisma/certification.js';
import { CoreHarness } from '../../support/core-harness.js';

const CASE_TEXT = 'CASE-SECRET-4417 family meeting, client agreed to treatment';
const CONTRACT = 'CONTRACT-SECRET-2290 I will co-lead five interventions so that I can lead one alone; I will write up every case so that my mentor can verify it';
const CROCKFORD = /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/;

let h: CoreHarness;
const itemsOf = async (handle: string) =>
  h.services.prisma.certificationItem.findMany({ where: { enrollment: { personId: await h.personId(handle) } }, orderBy: { createdAt: 'asc' } });
const buttonsFor = (seen: { buttons: { action: string; value: string }[] }, action: string) => seen.buttons.filter((b) => b.action === action).map((b) => b.value);

beforeAll(async () => {
  h = await CoreHarness.start('2026-03-02T14:00:00Z');
  await h.createProgram('cora', 'cert', 'certification-40-week');
  await h.joinAsMentor('mo', 'cert');
  await h.joinAsMentor('max', 'cert');
  await h.joinAsMentee('tia', 'cert');
  await h.command('cora', 'admin match @mo @tia');
  h.delivered.length = 0;
});
afterAll(() => h.close());

describe('/mentor portfolio (trainee)', () => {
  it('shows the five pillars as ticks and progress bars, all still to do', async () => {
    const seen = await h.command('tia', 'portfolio');
    expect(seen.private).toBe(true);
    expect(seen.text).toContain('Learning contract: ✗ not yet');
    expect(seen.text).toContain('Self-assessment: ✗ not yet');
    expect(seen.text).toMatch(/Case records handed in: ▱+ 0\/10 cases/);
    expect(seen.text).toMatch(/Case records verified: ▱+ 0\/10 verified/);
    expect(seen.text).toContain('Certificate: ✗ not yet');
    expect(seen.text).toMatch(/due in week 40; you are in week 1/);
  });

  it('refuses a mentor, who has no portfolio of their own', async () => {
    expect((await h.command('mo', 'portfolio')).text).toMatch(/not enrolled in a program as mentee/);
  });

  it('saves the learning contract encrypted at rest and counts its action-outcome statements', async () => {
    const seen = await h.command('tia', `portfolio contract ${CONTRACT}`);
    expect(seen.text).toMatch(/Saved your learning contract \(2 statements\)/);
    const [row] = (await itemsOf('tia')).filter((i) => i.kind === 'learning_contract');
    expect(row!.status).toBe('submitted');
    expect(row!.bodyEnc).not.toContain('CONTRACT-SECRET');
    expect((await h.services.store.certification.get(row!.id))!.body).toBe(CONTRACT);
    expect((await h.command('tia', 'portfolio')).text).toContain('Learning contract: ✓ awaiting your mentor');
  });

  it('replaces a contract that is not verified yet instead of adding a second one', async () => {
    expect((await h.command('tia', `portfolio contract ${CONTRACT}; one more`)).text).toMatch(/Replaced your learning contract \(3 statements\)/);
    expect((await itemsOf('tia')).filter((i) => i.kind === 'learning_contract')).toHaveLength(1);
  });

  it('saves the self-assessment', async () => {
    expect((await h.command('tia', 'portfolio self-assessment Can I run a family meeting? Yes, with notes')).text).toMatch(/Saved your self-assessment/);
    expect((await h.command('tia', 'portfolio')).text).toContain('Self-assessment: ✓ awaiting your mentor');
  });

  it('keeps case text encrypted at rest and out of every message, and tells the mentor only that something is waiting', async () => {
    h.delivered.length = 0;
    const seen = await h.command('tia', `portfolio case "Case 1" ${CASE_TEXT}`);
    expect(seen.text).toMatch(/Added case record "Case 1": 1 of 10 handed in, 0 verified/);
    const row = (await itemsOf('tia')).find((i) => i.kind === 'case_record')!;
    expect(row.titleEnc).not.toContain('Case 1');
    expect(row.titleEnc).toMatch(/^v2\./);
    expect(row.bodyEnc).not.toContain('CASE-SECRET');
    expect(row.bodyEnc).toMatch(/^v2\./);
    const [toMentor] = h.takeDelivered('mo');
    expect(toMentor!.text).toMatch(/Tia sent a case record for you to verify/);
    expect(h.delivered.map((d) => d.text).join('\n')).not.toContain('CASE-SECRET');
    expect(toMentor!.text).not.toContain('CASE-SECRET');
  });

  it.each([
    ['portfolio case', /Missing <title>/],
    ['portfolio case "Only a title"', /Missing <record>/],
    ['portfolio case "" some text', /Give the case record a title/],
    ['portfolio case "Case 2" "   "', /Write your case record after the command/],
    [`portfolio case "${'x'.repeat(121)}" text`, /121 characters; the most is 120/],
    ['portfolio case "Case 1" the same title again', /already have a case record called "Case 1"/],
    ['portfolio contract', /Missing <statements>/],
    [`portfolio self-assessment ${'y'.repeat(4001)}`, /the most is 4000/],
    ['portfolio frobnicate', /I didn't expect "frobnicate" there/],
  ])('answers `%s` privately with what is wrong and the usage', async (text, reason) => {
    const seen = await h.command('tia', text);
    expect(seen.private).toBe(true);
    expect(seen.text).toMatch(reason);
    expect(seen.text).toMatch(/Usage: `\/mentor portfolio/);
  });
});

describe('verification by the mentor', () => {
  it('lists what is waiting by title only, with Read, Verify and Return buttons', async () => {
    const seen = await h.command('mo', 'portfolio review @tia');
    expect(seen.text).toContain("Tia's portfolio");
    expect(seen.text).toContain('case record "Case 1"');
    expect(seen.text).toContain('learning contract');
    expect(seen.text).not.toContain('CASE-SECRET');
    expect(seen.text).not.toContain('CONTRACT-SECRET');
    expect(buttonsFor(seen, 'portfolio.verify')).toHaveLength(3);
    expect(buttonsFor(seen, 'portfolio.reject')).toHaveLength(3);
    expect(buttonsFor(seen, 'portfolio.read')).toHaveLength(3);
  });

  it('refuses the review to anyone but the active mentor: another mentor, the coordinator, the trainee', async () => {
    expect((await h.command('max', 'portfolio review @tia')).text).toMatch(/Only Tia's active mentor can review/);
    for (const handle of ['cora', 'tia']) expect((await h.command(handle, 'portfolio review @tia')).text).toMatch(/not enrolled in a program as mentor/);
    expect((await h.command('mo', 'portfolio review')).text).toMatch(/Name the trainee as @name[\s\S]*Usage: `\/mentor portfolio review @trainee`/);
  });

  it('lets only the active mentor press Verify or Return, whoever got hold of the item id', async () => {
    const caseId = (await itemsOf('tia')).find((i) => i.kind === 'case_record')!.id;
    for (const handle of ['max', 'cora', 'tia']) {
      expect((await h.press(handle, 'portfolio.verify', caseId)).text).toMatch(/Only Tia's active mentor/);
      expect((await h.press(handle, 'portfolio.reject', caseId)).text).toMatch(/Only Tia's active mentor/);
      expect((await h.press(handle, 'portfolio.read', caseId)).text).toMatch(/Only Tia's active mentor/);
    }
    expect((await h.press('mo', 'portfolio.verify', 'not-an-id')).text).toMatch(/no longer exists/);
    expect((await itemsOf('tia')).find((i) => i.id === caseId)!.status).toBe('submitted');
  });

  it('lets the mentor read the case text, and audits the reading', async () => {
    const caseId = (await itemsOf('tia')).find((i) => i.kind === 'case_record')!.id;
    const seen = await h.press('mo', 'portfolio.read', caseId);
    expect(seen.private).toBe(true);
    expect(seen.text).toContain(CASE_TEXT);
    const trail = await h.services.store.audit.listForSubject('certification_item', caseId);
    expect(trail.filter((e) => e.action === 'portfolio.read')).toMatchObject([{ actorPersonId: await h.personId('mo') }]);
  });

  it('returns an item to the trainee, who can send it again under the same title', async () => {
    const caseId = (await itemsOf('tia')).find((i) => i.kind === 'case_record')!.id;
    h.delivered.length = 0;
    expect((await h.press('mo', 'portfolio.reject', caseId)).text).toMatch(/Returned case record "Case 1" to Tia/);
    expect(h.takeDelivered('tia')[0]!.text).toMatch(/Mo returned case record "Case 1"/);
    expect((await h.press('mo', 'portfolio.verify', caseId)).text).toMatch(/already returned/);
    expect((await h.command('tia', 'portfolio')).text).toContain('"Case 1" — returned by your mentor');
    expect((await h.command('tia', `portfolio case "Case 1" ${CASE_TEXT} (revised)`)).text).toMatch(/Sent again case record "Case 1"/);
    const rows = (await itemsOf('tia')).filter((i) => i.kind === 'case_record');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: caseId, status: 'submitted', verifiedById: null });
  });

  it('verifies an item, tells the trainee, and keeps the reviewer and time', async () => {
    const caseId = (await itemsOf('tia')).find((i) => i.kind === 'case_record')!.id;
    h.delivered.length = 0;
    expect((await h.press('mo', 'portfolio.verify', caseId)).text).toMatch(/Verified case record "Case 1" for Tia \(1 of 10 case records verified\)/);
    expect(h.takeDelivered('tia')[0]!.text).toMatch(/Mo verified case record "Case 1"/);
    expect((await itemsOf('tia')).find((i) => i.id === caseId)).toMatchObject({ status: 'verified', verifiedById: await h.personId('mo'), verifiedAt: h.clock.now() });
    expect((await h.press('mo', 'portfolio.verify', caseId)).text).toMatch(/already verified/);
  });
});

describe('the certificate', () => {
  it('is refused while the portfolio is incomplete, telling the coordinator counts and ticks only', async () => {
    const seen = await h.command('cora', 'admin certify @tia');
    expect(seen.text).toMatch(/Tia's portfolio isn't complete yet\. Still needed: 9 more verified case records \(1 of 10\)/);
    expect(seen.text).not.toMatch(/SECRET/);
    expect(await h.services.prisma.certificationItem.count({ where: { kind: 'certificate' } })).toBe(0);
  });

  it('can only be issued by a coordinator of the program', async () => {
    expect((await h.command('mo', 'admin certify @tia')).text).toMatch(/Only a program coordinator/);
    expect((await h.command('cora', 'admin certify')).text).toMatch(/Name the trainee as @name[\s\S]*Usage: `\/mentor admin certify @trainee`/);
    expect((await h.command('cora', 'admin certify @mo')).text).toMatch(/Mo is not a trainee/);
  });

  it('records the verification once the evidence is complete and tells the coordinator', async () => {
    for (let i = 2; i <= 10; i++) await h.command('tia', `portfolio case "Case ${i}" ${CASE_TEXT} number ${i}`);
    const review = await h.command('mo', 'portfolio review @tia');
    h.delivered.length = 0;
    const waiting = (await itemsOf('tia')).filter((i) => i.kind === 'case_record' && i.status === 'submitted').map((i) => i.id);
    expect(buttonsFor(review, 'portfolio.verify')).toEqual(expect.arrayContaining(waiting));
    for (const id of waiting) await h.press('mo', 'portfolio.verify', id);
    const verification = (await itemsOf('tia')).filter((i) => i.kind === 'verification');
    expect(verification).toMatchObject([{ status: 'verified', verifiedById: await h.personId('mo') }]);
    const [notice] = h.takeDelivered('cora');
    expect(notice!.text).toMatch(/Tia's certification portfolio .* is complete and verified/);
    expect(notice!.text).not.toMatch(/SECRET|Case \d/);
    expect((await h.command('tia', 'portfolio')).text).toMatch(/Case records verified: ▰{10} 10\/10 verified[\s\S]*Verification: ✓/);
  });

  it('is issued with a unique, crypto-random code and sent to the trainee', async () => {
    h.delivered.length = 0;
    const seen = await h.command('cora', 'admin certify @tia');
    expect(seen.text).toMatch(/Issued the Interventionist certification mentorship certificate to Tia\. Verification code: /);
    const code = /Verification code: (\S+)\./.exec(seen.text)![1]!;
    expect(code).toMatch(CROCKFORD);
    const [dm] = h.takeDelivered('tia');
    expect(dm!.text).toContain(code);
    expect(dm!.text).toContain(`/mentor verify-certificate ${code}`);
    const [row] = (await itemsOf('tia')).filter((i) => i.kind === 'certificate');
    expect(row).toMatchObject({ status: 'verified', verifiedById: await h.personId('cora'), verificationCode: code.replace('-', '') });
    expect((await h.services.store.audit.listForSubject('certification_item', row!.id)).map((e) => e.action)).toEqual(['certificate.issued']);
    expect((await h.command('tia', 'portfolio')).text).toContain(`Certificate: ✓ code ${code}`);
  });

  it('is issued only once, and the portfolio no longer changes', async () => {
    expect((await h.command('cora', 'admin certify @tia')).text).toMatch(/already holds the certificate/);
    expect((await h.command('tia', `portfolio case "Case 11" ${CASE_TEXT}`)).text).toMatch(/already verified as complete/);
    expect(await h.services.prisma.certificationItem.count({ where: { kind: 'certificate', enrollment: { personId: await h.personId('tia') } } })).toBe(1);
  });

  it('can be checked by anyone with the code: program, holder and date, however the code is typed', async () => {
    const code = (await itemsOf('tia')).find((i) => i.kind === 'certificate')!.verificationCode!;
    for (const typed of [`${code.slice(0, 5)}-${code.slice(5)}`, code.toLowerCase(), `${code.slice(0, 5)} ${code.slice(5)}`]) {
      const seen = await h.command('stranger', `verify-certificate ${typed}`);
      expect(seen.text).toMatch(/Valid certificate/);
      expect(seen.text).toContain('Program: Interventionist certification mentorship');
      expect(seen.text).toContain('Holder: Tia');
      expect(seen.text).toContain('Issued: Mon 2 Mar 2026');
      expect(seen.text).not.toMatch(/SECRET/);
    }
  });

  it('says so when no certificate has the code, and explains a malformed one', async () => {
    expect((await h.command('stranger', 'verify-certificate 00000-00000')).text).toMatch(/No certificate has the code 00000-00000/);
    expect((await h.command('stranger', 'verify-certificate nope')).text).toMatch(/isn't a certificate code[\s\S]*Usage: `\/mentor verify-certificate <code…>`/);
    expect((await h.command('stranger', 'verify-certificate')).text).toMatch(/Missing <code>/);
  });

  it('draws another code when the first one drawn is already taken', async () => {
    const taken = (await itemsOf('tia')).find((i) => i.kind === 'certificate')!.verificationCode!;
    const draws = [taken, 'ZZZZZ00000'];
    const repo = new PrismaCertificationRepository(h.services.prisma, h.services.cipher, () => draws.shift()!);
    const enrollmentId = (await itemsOf('tia'))[0]!.enrollmentId;
    const issued = await repo.issueCertificate({ enrollmentId, title: 'test', issuedByPersonId: await h.personId('cora'), at: h.clock.now() });
    expect(issued.verificationCode).toBe('ZZZZZ00000');
    expect(await h.services.prisma.certificationItem.count({ where: { verificationCode: taken } })).toBe(1);
    await h.services.prisma.certificationItem.delete({ where: { id: issued.id } });
  });

  it('lists every portfolio command in help', async () => {
    const paths = coreModules().commands.map((c) => c.path.join(' '));
    expect(paths).toEqual(expect.arrayContaining(['portfolio', 'portfolio contract', 'portfolio self-assessment', 'portfolio case', 'portfolio review', 'verify-certificate', 'admin certify']));
    const help = (await h.command('tia', 'help portfolio')).text;
    expect(help).toContain('/mentor portfolio case <title> <record…>');
    expect(help).toContain('the title in quotes');
  });
});

describe('a trainee in several programs', () => {
  it('asks which program, takes --program, and says so when that program has no certification', async () => {
    await h.createProgram('cora', 'peers', 'peer-recovery');
    await h.joinAsMentee('tia', 'peers');
    expect((await h.command('tia', 'portfolio')).text).toMatch(/several programs[\s\S]*--program <name>/);
    expect((await h.command('tia', 'portfolio --program cert')).text).toContain('Certification portfolio — Interventionist certification mentorship');
    expect((await h.command('tia', 'portfolio case "Case 12" more --program peers')).text).toMatch(/has no certification, so there is no portfolio to keep there/);
  });
});
