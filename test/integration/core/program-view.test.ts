import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHarness } from '../../support/core-harness.js';

const NOTE = 'NOTE-MARK-3301';
const REFLECTION = 'REFLECTION-MARK-6620';
const SURVEY = 'SURVEY-MARK-9914';
const PHONE = '5550199442';
const MARKERS = [NOTE, REFLECTION, SURVEY, PHONE];

let h: CoreHarness;
const csvOf = (text: string) => text.split('\n').slice(1).filter(Boolean);
const rowOf = (csv: string[], name: string) => {
  const header = csv[0]!.split(',');
  const row = csv.find((l) => l.startsWith(`${name},`))!.split(',');
  return Object.fromEntries(header.map((k, i) => [k, row[i]]));
};

beforeAll(async () => {
  h = await CoreHarness.start('2026-03-02T14:00:00Z');
  // Certification program (weekly supervision in weeks 1–12), coordinated by Cora.
  await h.createProgram('cora', 'cert', 'certification-40-week');
  await h.joinAsMentor('mo', 'cert');
  await h.joinAsMentee('tia', 'cert');
  await h.joinAsMentee('ned', 'cert');
  await h.command('cora', 'admin match @mo @tia');
  // Peer-recovery program (first call within 7 days), coordinated by Cody.
  await h.createProgram('cody', 'peers', 'peer-recovery');
  await h.joinAsMentor('pam', 'peers');
  await h.joinAsMentor('pia', 'peers');
  await h.joinAsMentee('bea', 'peers', { 'other-preferences': SURVEY, hopes: SURVEY });
  await h.joinAsMentee('cal', 'peers');
  await h.joinAsMentee('=sum', 'peers');
  await h.command('cody', 'admin match @pam @bea');
  await h.command('cody', 'admin match @pia @cal');
  await h.command('bea', `consent sign Bea ${PHONE}`);
  await h.command('cal', `consent sign Cal ${PHONE}`);

  h.clock.set('2026-03-04T12:00:00Z'); // week 1
  await h.command('pia', `log-call 30m first-call today ${NOTE}`);
  await h.command('mo', `log-call 30m supervision 2026-03-03 ${NOTE}`);
  expect((await h.command('tia', `reflect ${REFLECTION}`)).text).not.toMatch(/Usage/);

  h.clock.set('2026-03-25T12:00:00Z'); // week 4: weeks 1–3 are past
  await h.command('tia', `log-call 45m supervision 2026-03-17 ${NOTE}`);
  await h.command('mo', `log-call 1h30m observation 2026-03-18 ${NOTE}`);
  await h.command('tia', `log-call 20m co-facilitation 2026-03-19 ${NOTE}`);
  await h.press('mo', 'call.dispute');
});
afterAll(() => h.close());

describe('/mentor admin overview', () => {
  it('shows the program in counts: people, matches, calls by kind, cadence kept, reflections answered yes/no', async () => {
    const seen = await h.command('cora', 'admin overview');
    expect(seen.private).toBe(true);
    // Groups under five are never broken down further (by status here).
    expect(seen.text).toContain('Mentors: 1');
    expect(seen.text).not.toContain('Mentors: 1 active');
    expect(seen.text).toContain('Mentees: 2');
    expect(seen.text).toContain('Matches: 1 active · 0 proposed · 0 ended');
    expect(seen.text).toContain('First calls overdue: 0');
    expect(seen.text).toContain('supervision: 2');
    expect(seen.text).toContain('observation: 1');
    expect(seen.text).toContain('co-facilitation: 0');
    expect(seen.text).toContain('Hours: 2.8');
    expect(seen.text).toMatch(/Supervision cadence kept \(33%\): ▰+▱+ 2\/6 periods/);
    // Two trainees are sent prompts (the mentor is not): fewer than five, so their reflections are not counted here.
    expect(seen.text).toContain('Reflection prompts answered: shown once at least 5 trainees are sent prompts');
    expect(seen.text).not.toContain('Participants who answered any');
  });

  it('in a program that steps back, shows of each match only that it exists, when it started and ended', async () => {
    const seen = await h.command('cody', 'admin overview');
    expect(seen.text).toContain('Pam & Bea — started 2026-03-02, ongoing');
    expect(seen.text).toContain('Pia & Cal — started 2026-03-02, ongoing');
    for (const watched of [/overdue/i, /first-call/, /Hours/, /cadence/i, /Reflection/, /confirm/i, /calls? logged/i]) expect(seen.text).not.toMatch(watched);
  });

  it('never contains notes, reflections, survey answers or phone numbers', async () => {
    const all = [(await h.command('cora', 'admin overview')).text, (await h.command('cody', 'admin overview')).text].join('\n');
    for (const marker of MARKERS) expect(all).not.toContain(marker);
  });

  it('is for coordinators of the program only, and explains a bad argument', async () => {
    expect((await h.command('tia', 'admin overview')).text).toMatch(/Only a program coordinator/);
    expect((await h.command('cora', 'admin overview --program peers')).text).toMatch(/don't coordinate a program called `peers`/);
    expect((await h.command('cora', 'admin overview now')).text).toMatch(/didn't expect "now"[\s\S]*Usage: `\/mentor admin overview`/);
  });
});

describe('/mentor admin export csv', () => {
  it('gives one row per participant with counts only', async () => {
    const csv = csvOf((await h.command('cora', 'admin export csv')).text);
    // Only what the certification program's own rules call for: supervision and hours.
    expect(csv[0]).toBe(
      'name,role,status,week,calls_supervision,calls_observation,calls_co_facilitation,calls_independent,calls_first_call,calls_check_in,calls_peer,hours,' +
        'cadence_kept,cadence_past,cadence_kept_pct',
    );
    expect(csv).toHaveLength(4);
    expect(rowOf(csv, 'Tia')).toMatchObject({
      role: 'mentee', status: 'active', week: '4', calls_supervision: '2', calls_observation: '1', calls_co_facilitation: '0', hours: '2.8',
      cadence_kept: '2', cadence_past: '3', cadence_kept_pct: '67',
    });
    expect(rowOf(csv, 'Mo')).toMatchObject({ role: 'mentor', calls_supervision: '2', cadence_kept: '' });
    expect(rowOf(csv, 'Ned')).toMatchObject({ calls_supervision: '0', hours: '0', cadence_kept: '0', cadence_past: '3', cadence_kept_pct: '0' });
  });

  it('in a program that steps back, lists each enrolled person with their match dates only', async () => {
    await h.joinAsMentor('dee', 'peers', { readiness: 'no' }); // told "nothing else was recorded"
    const csv = csvOf((await h.command('cody', 'admin export csv')).text);
    expect(csv[0]).toBe('name,role,status,match_started,match_ended');
    expect(rowOf(csv, 'Cal')).toMatchObject({ role: 'mentee', match_started: '2026-03-02', match_ended: '' });
    expect(rowOf(csv, 'Pam')).toMatchObject({ role: 'mentor', match_started: '2026-03-02' });
    expect(csv.some((l) => l.startsWith('Dee,'))).toBe(false);
    expect(csv.join('\n')).not.toMatch(/first_call|hours|calls_|reflection|confirm/);
  });

  it('defuses a display name a spreadsheet would run as a formula', async () => {
    const text = (await h.command('cody', 'admin export csv')).text;
    expect(text).toContain("'=sum,mentee,active");
    expect(text).not.toMatch(/^=sum/m);
  });

  it('contains no private text', async () => {
    const all = [(await h.command('cora', 'admin export csv')).text, (await h.command('cody', 'admin export csv')).text].join('\n');
    for (const marker of MARKERS) expect(all).not.toContain(marker);
  });

  it('writes an audit event for every export, naming who took which program', async () => {
    const program = await h.services.prisma.program.findFirstOrThrow({ where: { slug: 'cert', workspace: { externalId: h.workspace } } });
    const before = (await h.services.store.audit.listForSubject('program', program.id)).filter((e) => e.action === 'program.exported').length;
    await h.command('cora', 'admin export csv');
    const exports = (await h.services.store.audit.listForSubject('program', program.id)).filter((e) => e.action === 'program.exported');
    expect(exports).toHaveLength(before + 1);
    expect(exports.at(-1)).toMatchObject({ actorPersonId: await h.personId('cora'), details: { format: 'csv', rows: 3 } });
  });

  it('is for coordinators only, and audits nothing when refused', async () => {
    const before = await h.services.prisma.auditEvent.count({ where: { action: 'program.exported' } });
    expect((await h.command('tia', 'admin export csv')).text).toMatch(/Only a program coordinator/);
    expect((await h.command('cora', 'admin export csv all')).text).toMatch(/Usage: `\/mentor admin export csv`/);
    expect(await h.services.prisma.auditEvent.count({ where: { action: 'program.exported' } })).toBe(before);
  });
});
