import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certMentor, certTrainee, ConsoleSession, joinScript, linesFor, mentorJoins, traineeJoins } from '../../support/console-session.js';
import { uniqueName } from '../../support/db.js';

// One mentor, two programs, one holiday. Mo mentors Sam in the 40-week program and Pat in the
// community-involvement framework. Sam logs nothing in weeks 1–2; then her program takes a
// holiday from Monday 16 March. Pat asks Mo for a debrief. Mo's digest that Monday is about Pat
// only: Sam rests, so her weeks wait, and one trainee's holiday never silences the other's news.
const id = uniqueName('dh').replace(/-/g, '');
const [cora, mo, sam, pat] = [`cora${id}`, `mo${id}`, `sam${id}`, `pat${id}`];
const [Sam, Pat] = [`Sam${id}`, `Pat${id}`];
let session: ConsoleSession;

const digests = () => linesFor(session.output, `to ${mo}]`).filter((l) => l.includes('Your weekly digest'));

beforeAll(async () => {
  session = await ConsoleSession.withProgram({
    coordinator: cora,
    joiners: [certMentor(mo), certTrainee(sam, 'Tue 19:00-21:00', 'Learn the model')],
    matches: [[mo, sam]],
    then: ['/mentor admin program create ci community-involvement'],
  });
  await session.run(`${joinScript('ci', mentorJoins(mo, { availability: 'Mon 18:00-20:00' }))}
${joinScript('ci', traineeJoins(pat, { availability: 'Tue 10:00-12:00' }))}
as ${cora}
/mentor admin match @${mo} @${pat} --program ci
/mentor admin holiday 2026-03-16 2026-03-20 --program cert`);
}, 120_000);

afterAll(() => session?.close());

describe("a mentor's digest when one trainee is on a program holiday", () => {
  it('before the holiday, lists Sam’s empty weeks', async () => {
    await session.run('advance 7d'); // Monday 9 March: week 1 is over
    expect(digests()).toHaveLength(1);
    expect(digests()[0]).toContain(`${Sam}\n    • No hours logged in week 1.`);
  });

  it('during it, leaves Sam’s weeks out and still brings Pat’s debrief', async () => {
    await session.run(`advance 3d\nas ${pat}\n/mentor session log 50m "private words" --check-in risky-setting\nadvance 4d`); // Monday 16 March
    expect(digests()).toHaveLength(2);
    const digest = digests()[1]!;
    expect(digest).toContain(`${Pat}\n    • Asked you for a debrief: a safety concern.`);
    expect(digest).not.toContain(Sam);
    expect(digest).not.toContain('private words');
  });
});
