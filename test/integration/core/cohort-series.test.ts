import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHarness } from '../../support/core-harness.js';

// `/mentor admin cohort schedule <cohort>` alone: the template's monthly peer meetings from the
// day the cohort's trainees reach guided practice (week 13 on their own clock) to the phase's end,
// at a default time in the coordinator's zone; holidays stepped over; a second run adds only what
// is missing.
let h: CoreHarness;
const cert = async () => (await h.services.prisma.program.findFirstOrThrow({ where: { slug: 'cert', workspace: { externalId: h.workspace } } })).id;
const meetingsOf = async (name: string) => {
  const cohort = (await h.services.store.cohorts.findByName(await cert(), name))!;
  return (await h.services.store.cohorts.listMeetings(cohort.id)).filter((m) => !m.cancelledAt);
};
const starts = async (name: string) => (await meetingsOf(name)).map((m) => m.startsAt.toISOString());

beforeAll(async () => {
  // Monday 2 March 2026: the trainees' week 1 starts today, so week 13 starts Monday 25 May.
  h = await CoreHarness.start('2026-03-02T14:00:00Z');
  await h.createProgram('cora', 'cert', 'certification-40-week');
  await h.joinAsMentee('tia', 'cert', { availability: 'Mon 19:00-21:00' });
  await h.joinAsMentee('ben', 'cert', { availability: 'Tue 19:00-21:00' });
  await h.command('cora', 'admin cohort create spring', 'C-spring');
  await h.command('cora', 'admin cohort add spring @tia');
  await h.command('cora', 'admin cohort create autumn', 'C-autumn');
  await h.command('cora', 'admin cohort add autumn @ben');
  await h.command('cora', 'admin cohort create empty', 'C-empty');
});
afterAll(() => h.close());

describe('admin cohort schedule, with only the cohort named', () => {
  it("creates the 4 meetings of guided practice from its first day, every 4 weeks, at 18:00 in the coordinator's zone, and announces them", async () => {
    h.delivered.length = 0;
    const seen = await h.command('cora', 'admin cohort schedule spring');
    expect(seen.text).toContain('Created 4 peer meetings for cohort "spring": every 4 weeks across the 16 weeks of Guided practice, at 18:00 (UTC)');
    expect(await starts('spring')).toEqual(['2026-05-25T18:00:00.000Z', '2026-06-22T18:00:00.000Z', '2026-07-20T18:00:00.000Z', '2026-08-17T18:00:00.000Z']);
    expect((await meetingsOf('spring')).map((m) => m.title)).toEqual([1, 2, 3, 4].map((i) => `Peer cohort meeting ${i} of 4`));
    const [post] = h.takeDelivered('#C-spring');
    expect(post!.text).toContain('Cohort spring: 4 peer meetings are scheduled');
  });

  it('run again, it adds nothing and posts nothing; after a cancellation it fills only that gap', async () => {
    h.delivered.length = 0;
    const again = await h.command('cora', 'admin cohort schedule spring');
    expect(again.text).toMatch(/^Nothing to add: cohort "spring" has every peer meeting of Guided practice it can still have\. 4 already had a meeting/);
    expect(h.takeDelivered('#C-spring')).toEqual([]);
    expect(await starts('spring')).toHaveLength(4);
    const [, second] = await meetingsOf('spring');
    await h.command('cora', `admin cohort cancel ${second!.id.slice(0, 6)}`);
    const refill = await h.command('cora', 'admin cohort schedule spring');
    expect(refill.text).toContain('Created 1 peer meeting for cohort "spring"');
    expect(refill.text).toContain('3 already had a meeting');
    expect(await starts('spring')).toEqual(['2026-05-25T18:00:00.000Z', '2026-06-22T18:00:00.000Z', '2026-07-20T18:00:00.000Z', '2026-08-17T18:00:00.000Z']);
  });

  it('a moved meeting still holds its month: running again does not add one beside it', async () => {
    const [first] = await meetingsOf('spring');
    await h.command('cora', `admin cohort move ${first!.id.slice(0, 6)} 2026-05-27 17:00`);
    expect((await h.command('cora', 'admin cohort schedule spring')).text).toMatch(/^Nothing to add/);
    expect(await starts('spring')).toHaveLength(4);
  });

  it('takes a time and a zone, and steps over a program holiday (which also moves the clock of a shift-deadlines program)', async () => {
    // A holiday on the first day of week 17 for everyone: the clock stops that day, and the
    // slot lands on the next day, at 19:30 in New York.
    await h.command('cora', 'admin holiday 2026-06-22');
    const seen = await h.command('cora', 'admin cohort schedule autumn 19:30 --zone America/New_York');
    expect(seen.text).toContain('at 19:30 (America/New_York)');
    const days = await starts('autumn');
    expect(days).toEqual(['2026-05-25T23:30:00.000Z', '2026-06-23T23:30:00.000Z', '2026-07-21T23:30:00.000Z', '2026-08-18T23:30:00.000Z']);
    expect(days.some((d) => d.startsWith('2026-06-22'))).toBe(false);
  });

  it('leaves out meetings already in the past, and says so', async () => {
    h.clock.set('2026-06-01T12:00:00Z');
    try {
      await h.command('cora', 'admin cohort create late', 'C-late');
      await h.command('cora', 'admin cohort add late @tia');
      const seen = await h.command('cora', 'admin cohort schedule late');
      expect(seen.text).toContain('Created 3 peer meetings');
      expect(seen.text).toContain('1 fell in the past and was left out.');
    } finally {
      h.clock.set('2026-03-02T14:00:00Z');
    }
  });

  it('asks for trainees or a first day when no member has started, privately, creating nothing', async () => {
    const seen = await h.command('cora', 'admin cohort schedule empty');
    expect(seen.private).toBe(true);
    expect(seen.text).toMatch(/No trainee in cohort "empty" has started the program yet/);
    expect(await starts('empty')).toEqual([]);
    expect((await h.command('cora', 'admin cohort schedule empty 18:00 --zone Mars/Base')).text).toMatch(/"Mars\/Base" is not a time zone I know/);
  });
});
