// A 40-week certification program with a populated cohort, as coordinators would see it a few
// months in: six trainees, two mentors, supervision calls and reflections (each carrying a private
// marker that must never reach the dashboard), a cohort of six with recorded attendance, check-ins.
import type { CoreHarness } from '../../support/core-harness.js';

export const MARKERS = { note: 'NOTE-MARK-5521', reflection: 'REFLECTION-MARK-8804', survey: 'SURVEY-MARK-1297', phone: '5550177300' };
export const TRAINEES = ['tia', 'ned', 'una', 'raj', 'kim', 'lou'];

const day = (offset: number) => new Date(Date.parse('2026-03-02T00:00:00Z') + offset * 86_400_000).toISOString().slice(0, 10);

export async function populateCertification(h: CoreHarness): Promise<void> {
  await h.createProgram('cora', 'cert', 'certification-40-week');
  await h.joinAsMentor('mo', 'cert');
  await h.joinAsMentor('mia', 'cert');
  for (const t of TRAINEES) await h.joinAsMentee(t, 'cert', { 'other-preferences': MARKERS.survey });
  for (const [i, t] of TRAINEES.entries()) await h.command('cora', `admin match @${i % 2 ? 'mia' : 'mo'} @${t}`);
  await h.command('cora', 'admin cohort create spring', 'C-spring');
  await h.command('cora', `admin cohort add spring ${TRAINEES.map((t) => `@${t}`).join(' ')}`);
  await h.command('cora', 'admin cohort meeting spring 2026-04-01 18:00 Peer meeting 1');
  await h.command('cora', 'admin cohort meeting spring 2026-04-29 18:00 Peer meeting 2');
  const codes = [...(await h.command('cora', 'admin cohort list')).text.matchAll(/\b([0-9a-f]{6}) ·/g)].map((m) => m[1]!);

  // Reflections in a few weeks, by most trainees.
  for (const week of [1, 2, 4, 6, 9]) {
    h.clock.set(new Date(Date.parse('2026-03-05T12:00:00Z') + (week - 1) * 7 * 86_400_000));
    for (const t of TRAINEES.slice(0, week % 2 ? 5 : 4)) await h.command(t, `reflect ${MARKERS.reflection}`);
  }
  h.clock.set('2026-06-22T12:00:00Z'); // week 17
  await h.command('cora', `admin cohort attendance ${codes[0]} @tia @ned @una @raj @kim`);
  await h.command('cora', `admin cohort attendance ${codes[1]} @tia @ned @raj`);
  // Supervision: most weekly periods kept, fewer later; an observation or co-facilitation now and then.
  for (const [i, t] of TRAINEES.entries()) {
    for (let week = 1; week <= 16; week++) {
      if ((week + i) % 4 === 0 || (week > 12 && week % 2 === 0)) continue;
      const extra = week % 3 === 0 ? ' --check-in impasse' : '';
      await h.command(t, `log-call ${30 + (i % 3) * 15}m supervision ${day((week - 1) * 7 + 1)} ${MARKERS.note}${i === 2 && week === 5 ? ' --check-in safety' : extra}`);
      if (week % 2) await h.command(t, `log-call 1h30m observation ${day((week - 1) * 7 + 3)} ${MARKERS.note}`);
    }
  }
}
