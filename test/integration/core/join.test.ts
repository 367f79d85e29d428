import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHarness } from '../../support/core-harness.js';

let h: CoreHarness;
beforeAll(async () => {
  h = await CoreHarness.start();
  await h.createProgram('cora', 'cert', 'certification-40-week');
  await h.createProgram('cora', 'peers', 'peer-recovery');
});
afterAll(() => h.close());

const enrollment = async (handle: string, slug: string, role: 'mentor' | 'mentee') => {
  const program = await h.services.prisma.program.findFirstOrThrow({ where: { slug, workspace: { externalId: h.workspace } } });
  return h.services.prisma.enrollment.findFirst({ where: { programId: program.id, personId: await h.personId(handle), role } });
};

describe('/mentor join', () => {
  it('shows the commitment checkpoint (time, money, professional, personal) before enrolling anyone', async () => {
    const seen = await h.command('tia', 'join cert');
    expect(seen.private).toBe(true);
    for (const heading of ['*Time*', '*Money*', '*Professional*', '*Personal*']) expect(seen.text).toContain(heading);
    expect(seen.text).toContain('Weeks 13–28');
    expect(seen.buttons.map((b) => b.action)).toEqual(['join.confirm', 'join.decline']);
    expect(await enrollment('tia', 'cert', 'mentee')).toBeNull();
  });

  it('enrolls after confirmation and the details form, capturing availability', async () => {
    await h.press('tia', 'join.confirm');
    const pending = await enrollment('tia', 'cert', 'mentee');
    expect(pending?.status).toBe('pending');
    expect(pending?.commitmentConfirmedAt).not.toBeNull();
    const seen = await h.submit('tia', 'join-details', { availability: 'Tue 18:00-19:30, weekends', 'join-goals': 'Lead a family meeting' });
    expect(seen.text).toContain('Welcome to');
    const active = await enrollment('tia', 'cert', 'mentee');
    expect(active).toMatchObject({ status: 'active', startDate: '2026-03-02' });
    const person = await h.services.prisma.person.findUniqueOrThrow({ where: { id: await h.personId('tia') } });
    expect(person.availability).toEqual([
      { day: 2, startMinute: 1080, endMinute: 1170 },
      { day: 6, startMinute: 0, endMinute: 1440 },
      { day: 7, startMinute: 0, endMinute: 1440 },
    ]);
    expect(h.takeDelivered('cora').map((d) => d.text)).toContain('Tia joined Interventionist certification mentorship as mentee.');
  });

  it('refuses a duplicate join with a clear private answer', async () => {
    const seen = await h.command('tia', 'join cert');
    expect(seen.private).toBe(true);
    expect(seen.text).toMatch(/already in .* as mentee/);
  });

  it('records only the choice when someone declines, and lets them join later with the same command', async () => {
    await h.command('dee', 'join peers');
    const declined = await h.press('dee', 'join.decline');
    expect(declined.text).toMatch(/nothing changes/i);
    const row = await enrollment('dee', 'peers', 'mentee');
    expect(row).toMatchObject({ status: 'declined', commitmentConfirmedAt: null, startDate: null });
    expect(row?.declinedAt).not.toBeNull();
    expect(await h.services.prisma.surveyResponse.count({ where: { enrollmentId: row!.id } })).toBe(0);
    const later = await h.joinAsMentee('dee', 'peers');
    expect(later.text).toContain('Welcome to');
    expect((await enrollment('dee', 'peers', 'mentee'))?.status).toBe('active');
  });

  it('asks a peer-recovery mentee the good-fit survey and keeps the answers encrypted', async () => {
    await h.joinAsMentee('sam', 'peers', { hopes: 'a very particular secret hope' });
    const e = await enrollment('sam', 'peers', 'mentee');
    const survey = await h.services.prisma.surveyResponse.findUniqueOrThrow({ where: { enrollmentId: e!.id } });
    expect(survey.answersEnc).not.toContain('secret hope');
    expect(await h.services.store.enrollments.getSurvey(e!.id)).toMatchObject({ hopes: 'a very particular secret hope', profession: 'ICU nursing' });
  });

  it('signs off an eligible mentor and turns away one who meets no criterion, recording nothing', async () => {
    await h.joinAsMentor('mo', 'peers');
    const mo = await enrollment('mo', 'peers', 'mentor');
    expect(mo?.status).toBe('active');
    expect(await h.services.store.enrollments.getEligibility(mo!.id)).toMatchObject({ criteria: ['recovery-time'], field: 'nursing', readinessConfirmed: true });
    const seen = await h.joinAsMentor('ned', 'peers', { criterion: 'none' });
    expect(seen.text).toMatch(/isn't the right step/);
    const ned = await enrollment('ned', 'peers', 'mentor');
    expect(ned?.status).toBe('pending');
    expect(await h.services.store.enrollments.getEligibility(ned!.id)).toBeNull();
  });

  it.each([
    ['', /the program to join/],
    ['nosuch', /no program called `nosuch`/],
    ['cert coordinator', /not a role you can join as/],
  ])('answers `join %s` with a specific private message and the usage', async (args, pattern) => {
    const seen = await h.command('zed', `join ${args}`);
    expect(seen.private).toBe(true);
    expect(seen.text).toMatch(pattern);
    expect(seen.text).toContain('Usage: `/mentor join <program> [mentor|mentee] [--time-zone <time-zone>]`');
  });

  it('rejects unreadable availability and a choice outside the list, changing nothing', async () => {
    await h.command('una', 'join peers');
    await h.press('una', 'join.confirm');
    const badDay = await h.submit('una', 'join-details', { availability: 'Blursday 10-11', profession: 'pharmacy', 'mentor-field': 'same-field', 'mentor-gender': 'man', 'mentor-experience': '3-years', 'other-preferences': 'x' });
    expect(badDay.text).toMatch(/couldn't read "blursday 10-11"/i);
    const badChoice = await h.submit('una', 'join-details', { availability: 'Mon', profession: 'pharmacy', 'mentor-field': 'same-planet', 'mentor-gender': 'man', 'mentor-experience': '3-years', 'other-preferences': 'x' });
    expect(badChoice.text).toMatch(/"same-planet" is not one of the choices/);
    expect((await enrollment('una', 'peers', 'mentee'))?.status).toBe('pending');
  });

  it('refuses a form submitted for somebody else', async () => {
    const seen = await h.run('eve', { kind: 'form', formId: 'join-details', values: { availability: 'Mon' }, context: (await enrollment('una', 'peers', 'mentee'))!.id });
    expect(seen.text).toMatch(/expired/);
  });
});
