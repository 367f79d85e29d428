import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreModules } from '../../../src/core/modules.js';
import { PrismaCertificationRepository } from '../../../src/store/prisma/certification.js';
import { CoreHarness } from '../../support/core-harness.js';

// The five pillars through the core, one command or button at a time: the profile's statements
// checked, the self-assessment asked of them, the evidence (cases and modules), the mentor's
// verification with returns that carry a reason, and a certificate only when everything allows it.
const CASE_TEXT = 'CASE-SECRET-4417 family meeting, client agreed to treatment';
const CONTRACT = 'I will co-lead five interventions with my mentor so that I can lead one alone; I will write up every case within two days so that my mentor can verify it';
const REASON = 'REASON-SECRET-7781 the second statement needs a date you can be held to';
const CROCKFORD = /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/;

let h: CoreHarness;
const itemsOf = async (handle: string) =>
  h.services.prisma.certificationItem.findMany({ where: { enrollment: { personId: await h.personId(handle) } }, orderBy: { createdAt: 'asc' } });
const itemOf = async (handle: string, kind: string) => (await itemsOf(handle)).find((i) => i.kind === kind)!;
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

describe('profile: the learning contract', () => {
  it('shows the five pillars, all still to do', async () => {
    const seen = await h.command('tia', 'portfolio');
    expect(seen.private).toBe(true);
    expect(seen.text).toContain('Learning contract: ✗ not yet');
    expect(seen.text).toContain('Self-assessment: ✗ opens once your contract is verified');
    expect(seen.text).toMatch(/Case records verified: ▱+ 0\/10 verified/);
    expect(seen.text).toMatch(/Continuing-education modules verified: ▱+ 0\/3 verified/);
    expect(seen.text).toContain('Certificate: ✗ not yet');
    expect(seen.text).toMatch(/due in week 40; you are in week 1/);
  });

  it('refuses "I want to be better" privately, naming what is wrong, with an example, and keeps nothing', async () => {
    const seen = await h.command('tia', 'portfolio contract I want to be better');
    expect(seen.private).toBe(true);
    expect(seen.text).toMatch(/Statement 1 \("I want to be better"\) doesn't say what you will do: start it with "I will …"/);
    expect(seen.text).toMatch(/For example: "I will co-lead three family meetings/);
    expect(seen.text).toMatch(/Usage: `\/mentor portfolio contract/);
    expect(await itemsOf('tia')).toHaveLength(0);
  });

  it('opens a form with no arguments; the form refuses a wish beside its field and keeps what was typed', async () => {
    const seen = await h.command('tia', 'portfolio contract');
    expect(seen.form?.id).toBe('portfolio-contract');
    const refused = await h.submit('tia', 'portfolio-contract', { statements: 'I will lead meetings so that families trust me\nI hope to be calmer' });
    expect(refused.text).toMatch(/statements: .*Statement 2 \("I hope to be calmer"\) doesn't say what you will do/);
    expect(refused.form?.inputs[0]).toMatchObject({ initial: expect.stringContaining('I hope to be calmer') });
    expect(await itemsOf('tia')).toHaveLength(0);
  });

  it('saves checked statements encrypted at rest, one per line, and tells the mentor only that it waits', async () => {
    const seen = await h.command('tia', `portfolio contract ${CONTRACT}`);
    expect(seen.text).toMatch(/Saved your learning contract \(2 action-outcome statements\)/);
    const row = await itemOf('tia', 'learning_contract');
    expect(row.status).toBe('submitted');
    expect(row.bodyEnc).not.toContain('co-lead');
    expect((await h.services.store.certification.get(row.id))!.body).toBe(CONTRACT.split('; ').join('\n'));
    expect(h.takeDelivered('mo').map((d) => d.text)).toEqual([expect.stringMatching(/Tia sent their learning contract for you to verify/)]);
  });

  it('keeps the self-assessment closed until the contract is verified', async () => {
    expect((await h.command('tia', 'portfolio self-assessment')).text).toMatch(/opens once your mentor has verified the contract \(it is awaiting your mentor\)/);
  });
});

describe('verification by the mentor, with returns that carry a reason', () => {
  it('lists what is waiting by title only; a mentor with one trainee need not name them', async () => {
    const seen = await h.command('mo', 'portfolio review');
    expect(seen.text).toContain("Tia's portfolio");
    expect(seen.text).toContain('the learning contract');
    expect(seen.text).not.toContain('co-lead');
    expect(buttonsFor(seen, 'portfolio.verify')).toHaveLength(1);
  });

  it('refuses the review to anyone but the active mentor', async () => {
    expect((await h.command('max', 'portfolio review @tia')).text).toMatch(/Only Tia's active mentor can review/);
    for (const handle of ['cora', 'tia']) expect((await h.command(handle, 'portfolio review @tia')).text).toMatch(/not enrolled in a program as mentor/);
    const id = (await itemOf('tia', 'learning_contract')).id;
    for (const handle of ['max', 'cora', 'tia']) {
      expect((await h.press(handle, 'portfolio.verify', id)).text).toMatch(/Only Tia's active mentor/);
      expect((await h.press(handle, 'portfolio.reject', id)).text).toMatch(/Only Tia's active mentor/);
      expect((await h.press(handle, 'portfolio.read', id)).text).toMatch(/Only Tia's active mentor/);
    }
  });

  it('Return asks for the reason first; too short a reason is refused beside its field', async () => {
    const id = (await itemOf('tia', 'learning_contract')).id;
    const seen = await h.press('mo', 'portfolio.reject', id);
    expect(seen.form).toMatchObject({ id: 'portfolio-return', context: id });
    const refused = await h.submit('mo', 'portfolio-return', { reason: 'no' });
    expect(refused.text).toMatch(/reason: Say why it goes back/);
    expect((await itemOf('tia', 'learning_contract')).status).toBe('submitted');
  });

  it('returns with the reason: the trainee alone is told it, privately; it is sealed at rest and shown in their portfolio', async () => {
    h.delivered.length = 0;
    const seen = await h.submit('mo', 'portfolio-return', { reason: REASON });
    expect(seen.text).toMatch(/Returned the learning contract to Tia, with your reason/);
    const [told] = h.takeDelivered('tia');
    expect(told!.text).toContain(`Mo returned the learning contract: “${REASON}”`);
    expect(told!.text).toContain('/mentor portfolio contract');
    expect(h.delivered.map((d) => d.text).join('\n')).not.toContain('REASON-SECRET');
    const row = await itemOf('tia', 'learning_contract');
    expect(row).toMatchObject({ status: 'rejected', verifiedById: await h.personId('mo') });
    expect(row.reviewNoteEnc).toMatch(/^v2\./);
    expect(row.reviewNoteEnc).not.toContain('REASON-SECRET');
    expect((await h.command('tia', 'portfolio')).text).toContain(`Learning contract: ✗ returned by your mentor — send it again (“${REASON}”)`);
    const trail = await h.services.store.audit.listForSubject('certification_item', row.id);
    expect(JSON.stringify(trail)).not.toContain('REASON-SECRET');
    expect(trail.map((e) => e.action)).toContain('portfolio.rejected');
  });

  it('takes the contract again, forgetting the old review and its reason', async () => {
    expect((await h.command('tia', `portfolio contract ${CONTRACT} by week 20`)).text).toMatch(/Replaced your learning contract/);
    expect(await itemOf('tia', 'learning_contract')).toMatchObject({ status: 'submitted', verifiedById: null, reviewNoteEnc: null });
  });

  it('lets the mentor read the text (audited) and verify it; the trainee is told', async () => {
    const id = (await itemOf('tia', 'learning_contract')).id;
    expect((await h.press('mo', 'portfolio.read', id)).text).toContain('I will co-lead five interventions');
    h.delivered.length = 0;
    expect((await h.press('mo', 'portfolio.verify', id)).text).toMatch(/Verified the learning contract for Tia/);
    expect(h.takeDelivered('tia')[0]!.text).toMatch(/Mo verified the learning contract/);
    expect((await h.press('mo', 'portfolio.verify', id)).text).toMatch(/already verified/);
    expect((await h.command('tia', 'portfolio contract I will start over so that nothing is left')).text).toMatch(/verified your learning contract; it stays as it is/);
    const trail = await h.services.store.audit.listForSubject('certification_item', id);
    expect(trail.filter((e) => e.action === 'portfolio.read')).toMatchObject([{ actorPersonId: await h.personId('mo') }]);
  });
});

describe('self-assessment: "Can I …?" of each statement, yes or not yet, with evidence', () => {
  it('lists the questions made from the verified contract, with a button for each', async () => {
    const seen = await h.command('tia', 'portfolio self-assessment');
    expect(seen.text).toContain('1. Can I co-lead five interventions with my mentor so that I can lead one alone? — not answered yet');
    expect(seen.text).toContain('2. Can I write up every case within two days so that my mentor can verify it by week 20? — not answered yet');
    expect(buttonsFor(seen, 'portfolio.answer')).toHaveLength(2);
    expect((await itemOf('tia', 'self_assessment')).status).toBe('draft');
  });

  it('answers one by command, refusing a missing answer, bad evidence or an unknown statement', async () => {
    expect((await h.command('tia', 'portfolio self-assessment 1 maybe sure')).text).toMatch(/"maybe" is not one of: yes, not-yet/);
    expect((await h.command('tia', 'portfolio self-assessment 3 yes Led the Hale meeting')).text).toMatch(/statements 1 to 2; there is no statement 3/);
    expect((await h.command('tia', 'portfolio self-assessment 1 yes did it')).text).toMatch(/A few more words/);
    const seen = await h.command('tia', 'portfolio self-assessment 1 not-yet Co-leading my third one in week 14 with Mo');
    expect(seen.text).toMatch(/Answered statement 1 \(not yet\); 1 of 2 answered\. When every statement is answered/);
    expect(h.takeDelivered('mo')).toEqual([]);
  });

  it('answers the other in its form; then it goes to the mentor as the accountability agreement', async () => {
    const opened = await h.press('tia', 'portfolio.answer', `${(await itemOf('tia', 'learning_contract')).enrollmentId}:2`);
    expect(opened.form).toMatchObject({ id: 'portfolio-self-assessment' });
    expect((await h.submit('tia', 'portfolio-self-assessment', { answer: 'yes', evidence: '' })).text).toMatch(/evidence: Say what shows it/);
    const seen = await h.submit('tia', 'portfolio-self-assessment', { answer: 'yes', evidence: 'All four write-ups in March went in within two days' });
    expect(seen.text).toMatch(/2 of 2 answered\. Every statement is answered: your self-assessment went to your mentor/);
    expect((await itemOf('tia', 'self_assessment')).status).toBe('submitted');
    expect(h.takeDelivered('mo').map((d) => d.text)).toEqual([expect.stringMatching(/Tia sent their self-assessment for you to verify/)]);
  });

  it('the mentor reads it as questions and answers and verifies it; a "not yet" still keeps the certificate waiting', async () => {
    const id = (await itemOf('tia', 'self_assessment')).id;
    expect((await h.press('mo', 'portfolio.read', id)).text).toContain('1. Can I co-lead five interventions with my mentor so that I can lead one alone? — not yet: Co-leading my third one');
    await h.press('mo', 'portfolio.verify', id);
    expect((await h.command('tia', 'portfolio')).text).toContain('Self-assessment: ✓ verified — 1 of 2 yes');
    expect((await h.command('cora', 'admin certify @tia')).text).toContain('Self-assessment: 1 statement still answered "not yet"');
  });

  it('changing "not yet" to yes sends it back to the mentor, who verifies it again', async () => {
    const seen = await h.command('tia', 'portfolio self-assessment 1 yes Led the Hale family meeting alone in week 12, Mo observing');
    expect(seen.text).toMatch(/Your mentor verifies your self-assessment again/);
    expect((await itemOf('tia', 'self_assessment')).status).toBe('submitted');
    await h.press('mo', 'portfolio.verify', (await itemOf('tia', 'self_assessment')).id);
    expect((await h.command('tia', 'portfolio')).text).toContain('Self-assessment: ✓ verified — 2 of 2 yes');
  });
});

describe('education: case records and continuing-education modules', () => {
  it('keeps case text encrypted and out of every message; no arguments opens a form', async () => {
    h.delivered.length = 0;
    expect((await h.command('tia', `portfolio case "Case 1" ${CASE_TEXT}`)).text).toMatch(/Added case record "Case 1": 1 of 10 handed in, 0 verified/);
    const row = (await itemsOf('tia')).find((i) => i.kind === 'case_record')!;
    expect(row.titleEnc).not.toContain('Case 1');
    expect(row.bodyEnc).not.toContain('CASE-SECRET');
    expect(h.delivered.map((d) => d.text).join('\n')).not.toContain('CASE-SECRET');
    expect((await h.command('tia', 'portfolio case')).form?.id).toBe('portfolio-case');
    expect((await h.submit('tia', 'portfolio-case', { title: 'Case 2', record: '' })).text).toMatch(/record: Write the record itself/);
    expect((await h.submit('tia', 'portfolio-case', { title: 'Case 2', record: `${CASE_TEXT} two` })).text).toMatch(/Added case record "Case 2"/);
  });

  it.each([
    ['portfolio case "Only a title"', /Missing <record>/],
    ['portfolio case "" some text', /Give the case record a title/],
    [`portfolio case "${'x'.repeat(121)}" text`, /121 characters; the most is 120/],
    ['portfolio case "Case 1" the same title again', /already have a case record called "Case 1"/],
    ['portfolio module 9 finished it', /"9" is not one of your program's modules: 1 \(intervention-modes\), 2 \(ethics-accountability\), 3 \(care-teams\)/],
    ['portfolio module 1', /Missing <notes>/],
    ['portfolio frobnicate', /I didn't expect "frobnicate" there/],
  ])('answers `%s` privately with what is wrong and the usage', async (text, reason) => {
    const seen = await h.command('tia', text);
    expect(seen.private).toBe(true);
    expect(seen.text).toMatch(reason);
    expect(seen.text).toMatch(/Usage: `\/mentor portfolio/);
  });

  it("lists the template's modules; one is marked done by number, another with its button's form", async () => {
    const list = await h.command('tia', 'portfolio module');
    expect(list.text).toContain('1. Advanced training: intervention modes — not done yet');
    expect(buttonsFor(list, 'portfolio.module')).toHaveLength(3);
    expect((await h.command('tia', 'portfolio module 1 Practised the structured and collaborative modes in role play')).text).toMatch(/Marked "Advanced training: intervention modes" done/);
    expect((await h.command('tia', 'portfolio module intervention-modes again')).text).toMatch(/already marked "Advanced training: intervention modes" done \(done, awaiting your mentor\)/);
    const enrollmentId = (await itemOf('tia', 'learning_contract')).enrollmentId;
    expect((await h.press('tia', 'portfolio.module', `${enrollmentId}:ethics-accountability`)).form?.id).toBe('portfolio-module');
    expect((await h.submit('tia', 'portfolio-module', { notes: 'Two dilemmas worked through with the cohort' })).text).toMatch(/Marked "Advanced training: ethics and accountability" done/);
    const modules = (await itemsOf('tia')).filter((i) => i.kind === 'ce_module');
    expect(modules.map((m) => [m.moduleKey, m.status]).sort()).toEqual([['ethics-accountability', 'submitted'], ['intervention-modes', 'submitted']]);
  });

  it('the mentor verifies a module like any evidence', async () => {
    const review = await h.command('mo', 'portfolio review @tia');
    expect(review.text).toContain('module "Advanced training: intervention modes"');
    const id = (await itemsOf('tia')).find((i) => i.moduleKey === 'intervention-modes')!.id;
    await h.press('mo', 'portfolio.verify', id);
    expect((await h.command('tia', 'portfolio')).text).toMatch(/Continuing-education modules verified: ▰+▱+ 1\/3 verified/);
  });
});

describe('the certificate', () => {
  it('is refused in week 1, listing exactly what is missing, in counts only', async () => {
    const seen = await h.command('cora', 'admin certify @tia');
    expect(seen.private).toBe(true);
    expect(seen.text).toContain("Tia can't be certified yet");
    expect(seen.text).toContain('The final review window opens in week 37; Tia is in week 1');
    expect(seen.text).toContain('Education — case records: 0 of 10 verified (2 awaiting Mo)');
    expect(seen.text).toContain('Education — continuing-education modules: 1 of 3 verified (Advanced training: ethics and accountability: awaiting Mo\'s verification; Advanced training: coordinating care teams: not handed in)');
    expect(seen.text).not.toMatch(/Profile|Self-assessment/);
    expect(seen.text).not.toMatch(/SECRET|Case \d/);
    expect(buttonsFor(seen, 'certificate.override')).toHaveLength(1);
    expect(await h.services.prisma.certificationItem.count({ where: { kind: 'certificate', enrollment: { personId: await h.personId('tia') } } })).toBe(0);
  });

  it('can only be issued by a coordinator of the program', async () => {
    expect((await h.command('mo', 'admin certify @tia')).text).toMatch(/Only a program coordinator/);
    expect((await h.command('cora', 'admin certify')).text).toMatch(/Name the trainee as @name[\s\S]*Usage: `\/mentor admin certify @trainee/);
    expect((await h.command('cora', 'admin certify @mo')).text).toMatch(/Mo is not a trainee/);
    const enrollmentId = (await itemOf('tia', 'learning_contract')).enrollmentId;
    expect((await h.press('mo', 'certificate.override', enrollmentId)).text).toMatch(/Only a coordinator of the trainee’s program/);
  });

  it('an override needs a reason', async () => {
    expect((await h.command('cora', 'admin certify @tia --override "because"')).text).toMatch(/An override needs its reason \(at least 15 characters\)/);
    await h.press('cora', 'certificate.override');
    expect((await h.submit('cora', 'certificate-override', { reason: '' })).text).toMatch(/reason: An override needs its reason/);
    expect(await h.services.prisma.certificationItem.count({ where: { kind: 'certificate', enrollment: { personId: await h.personId('tia') } } })).toBe(0);
  });

  it('issued by override: audited without the reason, waiting items closed, mentor told, and the trainee gets the certificate', async () => {
    h.delivered.length = 0;
    const seen = await h.submit('cora', 'certificate-override', { reason: 'OVERRIDE-SECRET-3301 reviewed by the board after a transfer' });
    expect(seen.text).toMatch(/Issued the Interventionist certification mentorship certificate to Tia by override \(recorded in the audit log\)\. Verification code: /);
    const code = /Verification code: (\S+)\./.exec(seen.text)![1]!;
    expect(code).toMatch(CROCKFORD);
    const certificate = await itemOf('tia', 'certificate');
    expect(certificate).toMatchObject({ status: 'verified', verifiedById: await h.personId('cora'), verificationCode: code.replace('-', '') });
    expect(certificate.bodyEnc).not.toContain('OVERRIDE-SECRET');
    const trail = await h.services.store.audit.listForSubject('certification_item', certificate.id);
    expect(trail.map((e) => e.action)).toEqual(['certificate.issued', 'certificate.override']);
    expect(trail[1]!.details).toMatchObject({ missing: ['window', 'cases', 'modules'], closedItems: 3 });
    expect(JSON.stringify(trail)).not.toContain('OVERRIDE-SECRET');
    const [dm] = h.takeDelivered('tia');
    expect(dm!.text).toContain(code);
    expect(dm!.text).toContain(`/mentor verify-certificate ${code}`);
    expect(h.takeDelivered('mo')[0]!.text).toMatch(/Tia has been certified .* The 3 items still waiting for you are closed/);
    expect(h.delivered.map((d) => d.text).join('\n')).not.toContain('OVERRIDE-SECRET');
  });

  it('freezes the portfolio consistently: nothing waits for the mentor, nothing can be verified or changed', async () => {
    const statuses = (await itemsOf('tia')).filter((i) => ['case_record', 'ce_module'].includes(i.kind)).map((i) => i.status);
    expect(statuses.sort()).toEqual(['closed', 'closed', 'closed', 'verified']);
    const closedId = (await itemsOf('tia')).find((i) => i.status === 'closed')!.id;
    expect((await h.press('mo', 'portfolio.verify', closedId)).text).toMatch(/closed: the certificate was issued before it was verified/);
    expect((await h.command('mo', 'portfolio review')).text).toMatch(/Tia holds the certificate, so the portfolio stays as it was when it was issued; nothing waits for you/);
    expect((await h.command('mo', 'status')).text).toContain('Nothing to confirm or verify.');
    expect((await h.command('tia', `portfolio case "Case 11" ${CASE_TEXT}`)).text).toMatch(/Your certificate has been issued, so your portfolio stays as it was then/);
    expect((await h.command('tia', 'portfolio')).text).toContain('"Case 1" — closed unverified when the certificate was issued');
    expect((await h.command('cora', 'admin certify @tia')).text).toMatch(/already holds the certificate/);
  });

  it('can be checked by anyone with the code: program, holder and date, however the code is typed', async () => {
    const code = (await itemOf('tia', 'certificate')).verificationCode!;
    for (const typed of [`${code.slice(0, 5)}-${code.slice(5)}`, code.toLowerCase(), `${code.slice(0, 5)} ${code.slice(5)}`]) {
      const seen = await h.command('stranger', `verify-certificate ${typed}`);
      expect(seen.text).toMatch(/Valid certificate/);
      expect(seen.text).toContain('Program: Interventionist certification mentorship');
      expect(seen.text).toContain('Holder: Tia');
      expect(seen.text).toContain('Issued: Mon 2 Mar 2026');
      expect(seen.text).not.toMatch(/SECRET/);
    }
    expect((await h.command('stranger', 'verify-certificate 00000-00000')).text).toMatch(/No valid certificate has the code 00000-00000/);
    expect((await h.command('stranger', 'verify-certificate nope')).text).toMatch(/isn't a certificate code[\s\S]*Usage: `\/mentor verify-certificate <code…>`/);
  });

  it('draws another code when the first one drawn is already taken', async () => {
    const taken = (await itemOf('tia', 'certificate')).verificationCode!;
    const draws = [taken, 'ZZZZZ00000'];
    const repo = new PrismaCertificationRepository(h.services.prisma, h.services.cipher, () => draws.shift()!);
    const enrollmentId = (await itemsOf('tia'))[0]!.enrollmentId;
    const issued = await repo.issueCertificate({ enrollmentId, title: 'test', issuedByPersonId: await h.personId('cora'), at: h.clock.now(), record: '{}' });
    expect(issued.verificationCode).toBe('ZZZZZ00000');
    expect(await h.services.prisma.certificationItem.count({ where: { verificationCode: taken } })).toBe(1);
    await h.services.prisma.certificationItem.delete({ where: { id: issued.id } });
  });

  it('lists every portfolio command in help', async () => {
    const paths = coreModules().commands.map((c) => c.path.join(' '));
    expect(paths).toEqual(expect.arrayContaining(['portfolio', 'portfolio contract', 'portfolio self-assessment', 'portfolio case', 'portfolio module', 'portfolio review', 'verify-certificate', 'admin certify']));
    const help = (await h.command('tia', 'help portfolio')).text;
    expect(help).toContain('/mentor portfolio case <title> <record…>');
    expect(help).toContain('/mentor portfolio self-assessment <statement> yes|not-yet <evidence…>');
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
