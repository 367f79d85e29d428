import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeAtProgramEnd } from '../../../src/core/matching/program-end.js';
import { certMentor, certTrainee, ConsoleSession, linesFor } from '../../support/console-session.js';

// Matches complete when the program ends: at the end of the trainee's week 40 (their own clock),
// the match ends as completed — not ended early — once, and both sides hear it warmly at their
// reminder time; status, the overview and the mentor's verifying rights follow.
let s: ConsoleSession;
const prisma = () => s.services.prisma;
const ws = () => ({ workspace: { externalId: s.workspaceExternalId } });

async function matchOf(mentee: string) {
  const enrollment = await prisma().enrollment.findFirstOrThrow({ where: { role: 'mentee', person: { identities: { some: { handle: mentee } } }, program: ws() } });
  return prisma().match.findFirstOrThrow({ where: { menteeEnrollmentId: enrollment.id } });
}

/** Moves a trainee's start back so that their week 40 ends at local midnight starting `lastDayAfter`. */
async function endsOn(mentee: string, endDay: string) {
  const start = new Date(`${endDay}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() - 280);
  await prisma().enrollment.updateMany({ where: { role: 'mentee', person: { identities: { some: { handle: mentee } } }, program: ws() }, data: { startDate: start.toISOString().slice(0, 10) } });
}

beforeAll(async () => {
  // Monday 2 March 2026, 09:00 in New York (the console's zone).
  s = await ConsoleSession.withProgram({
    coordinator: 'cora',
    joiners: [certMentor('mo'), certTrainee('tia', 'Mon 19:00-21:00'), certTrainee('ben', 'Tue 19:00-21:00'), certTrainee('pia', 'Wed 19:00-21:00')],
    matches: [['mo', 'tia'], ['mo', 'ben'], ['mo', 'pia']],
  });
  // Tia's and Ben's programs end at midnight starting Wednesday 4 March; Pia's too, but she pauses.
  await endsOn('tia', '2026-03-04');
  await endsOn('ben', '2026-03-04');
  await endsOn('pia', '2026-03-04');
  await s.run('as pia\n/mentor pause');
}, 120_000);
afterAll(() => s.close());

describe('matches complete when the program ends', () => {
  it('in week 40 the match is still active', async () => {
    const out = await s.run('as tia\n/mentor status');
    expect(out.join('\n')).toContain('Week 40 of 40');
    expect(out.join('\n')).toContain('Matched with Mo');
    expect((await matchOf('tia')).status).toBe('active');
  });

  it('two workers completing the same match at once: only one completes it and writes what both sides are told', async () => {
    const { id } = await matchOf('ben');
    const at = new Date('2026-03-04T06:00:00Z');
    const [a, b] = await Promise.all([completeAtProgramEnd(s.services.store, at, id), completeAtProgramEnd(s.services.store, at, id)]);
    expect([a.length, b.length].sort()).toEqual([0, 2]);
    expect(await completeAtProgramEnd(s.services.store, at, id)).toEqual([]);
    const audits = await prisma().auditEvent.findMany({ where: { action: 'match.completed', subjectId: id } });
    expect(audits).toHaveLength(1);
    expect(await matchOf('ben')).toMatchObject({ status: 'ended', endReason: 'completed' });
  });

  it('at the end of week 40 the match completes, and each side is told warmly at their reminder time, not at midnight', async () => {
    // To Wednesday 4 March, 12:00 in New York: past midnight (the end) and past the reminder hour.
    const out = await s.run('advance 2d3h');
    const toTia = linesFor(out, 'to tia]').join('\n');
    const toMo = linesFor(out, 'to mo]').join('\n');
    expect(toTia).toContain('Congratulations — you have reached the end of Interventionist certification mentorship, and your mentorship with Mo is complete.');
    expect(toMo).toContain('Tia has reached the end of Interventionist certification mentorship, so your mentorship with them is complete.');
    // Ben's completion (above) is told too, once; Pia's paused clock has not reached its end.
    expect(toMo).toContain('Ben has reached the end');
    expect(toMo.match(/Ben has reached the end/g)).toHaveLength(1);
    expect(toMo).not.toContain('Pia has reached the end');
    expect(await matchOf('tia')).toMatchObject({ status: 'ended', endReason: 'completed', endedAt: new Date('2026-03-04T05:00:00Z') });
    expect((await matchOf('pia')).status).toBe('active');
    // Told in the morning (the default reminder hour, 09:00–09:59 New York), not when the week ended.
    const rows = await prisma().plannedNudge.findMany({ where: { kind: 'outbound', personId: { not: null }, refs: { path: ['workspaceId'], equals: (await prisma().workspace.findFirstOrThrow({ where: { externalId: s.workspaceExternalId } })).id } }, orderBy: { dueAt: 'desc' }, take: 2 });
    for (const row of rows) expect(row.dueAt.getUTCHours()).toBe(14);
  });

  it('status says the mentorship is complete, not ended; the mentor lists it as completed', async () => {
    expect((await s.run('as tia\n/mentor status')).join('\n')).toContain('Your mentorship with Mo is complete: the program ended Wed 4 Mar 2026.');
    const mentor = (await s.run('as mo\n/mentor status')).join('\n');
    expect(mentor).toContain('Completed');
    expect(mentor).toContain('Your mentorship with Tia is complete');
    expect((await s.run('as cora\n/mentor admin overview')).join('\n')).toMatch(/Matches: 1 active · 0 proposed · 0 ended · 2 completed/);
  });

  it('the mentor of a completed mentorship can still review the portfolio (the last items come in the final days)', async () => {
    const out = (await s.run('as mo\n/mentor portfolio review @tia')).join('\n');
    expect(out).not.toMatch(/active mentor/);
  });

  it('once a paused trainee resumes and their last week passes, their match completes too', async () => {
    await s.run('as pia\n/mentor resume');
    const out = await s.run('advance 3d');
    expect(linesFor(out, 'to pia]').join('\n')).toContain('your mentorship with Mo is complete');
    expect(await matchOf('pia')).toMatchObject({ status: 'ended', endReason: 'completed' });
  });
});
