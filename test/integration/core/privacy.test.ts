import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreModules } from '../../../src/core/modules.js';
import { CoreHarness } from '../../support/core-harness.js';

const NOTE = 'NOTE-SECRET-7731';
const SURVEY = 'SURVEY-SECRET-5521';
const PHONE = '5550107788';

let h: CoreHarness;
beforeAll(async () => {
  h = await CoreHarness.start('2026-03-02T14:00:00Z');
  await h.createProgram('cora', 'peers', 'peer-recovery');
  await h.joinAsMentor('mo', 'peers');
  await h.joinAsMentee('bea', 'peers', { 'other-preferences': SURVEY, hopes: SURVEY });
  await h.command('cora', 'admin match @mo @bea');
  await h.command('bea', `consent sign Bea ${PHONE}`);
  await h.command('mo', `log-call 45m first-call today ${NOTE}`);
  await h.command('bea', `log-call 30m phone today ${NOTE}`);
});
afterAll(() => h.close());

describe('privacy rules', () => {
  it("never shows a mentor the mentee's notes or survey", async () => {
    const texts = [(await h.command('mo', 'status')).text, (await h.command('mo', 'contact')).text, ...h.takeDelivered('mo').map((d) => d.text)].join('\n');
    expect(texts).not.toContain(SURVEY);
    expect(texts).toContain(PHONE);
  });

  it('never returns private text to a coordinator, whatever coordinator command runs', async () => {
    const coordinatorCommands = coreModules().commands.filter((c) => c.requires === 'coordinator').map((c) => c.path.join(' '));
    const outputs: string[] = [];
    for (const path of coordinatorCommands) {
      for (const args of ['', ' @bea', ' @mo @bea', ' @bea @mo']) outputs.push((await h.command('cora', `${path}${args}`)).text);
    }
    outputs.push((await h.command('cora', 'status')).text);
    outputs.push(...h.takeDelivered('cora').map((d) => d.text));
    const all = outputs.join('\n');
    expect(all.length).toBeGreaterThan(200);
    for (const secret of [NOTE, SURVEY, PHONE]) expect(all).not.toContain(secret);
  });

  it('keeps private text encrypted at rest', async () => {
    const db = h.services.prisma;
    const rows = JSON.stringify([await db.callLog.findMany(), await db.surveyResponse.findMany(), await db.person.findMany(), await db.consentRecord.findMany()]);
    for (const secret of [NOTE, SURVEY, PHONE]) expect(rows).not.toContain(secret);
  });

  it('lets a person export all their own data, and audits the export', async () => {
    const seen = await h.command('bea', 'export');
    expect(seen.private).toBe(true);
    for (const secret of [NOTE, SURVEY, PHONE]) expect(seen.text).toContain(secret);
    const events = await h.services.prisma.auditEvent.findMany({ where: { action: 'data.exported', subjectId: await h.personId('bea') } });
    expect(events).toHaveLength(1);
  });

  it('keeps messages sent to others free of private text', async () => {
    const outbound = h.delivered.map((d) => d.text).join('\n');
    expect(outbound).not.toContain(NOTE);
    expect(outbound).not.toContain(SURVEY);
  });
});
