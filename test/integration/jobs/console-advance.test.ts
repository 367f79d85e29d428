import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName } from '../../support/db.js';
import { ConsoleSession, linesFor, mentorJoins, traineeJoins } from '../../support/console-session.js';

// `advance <duration>` in the console runs the nudge engine with the console's clock: a peer
// mentorship is matched, nobody calls, and the week's first-call nudges appear as time passes.
describe('the console’s advance drives the nudge engine', () => {
  let session: ConsoleSession;
  const id = uniqueName('n').replace('-', '');
  const [cora, max, bea] = [`cora${id}`, `max${id}`, `bea${id}`];

  beforeAll(async () => {
    // One jump per `advance`, then everything due: what expired inside the jump is skipped, not sent late.
    session = await ConsoleSession.withProgram({
      coordinator: cora,
      program: 'peers',
      template: 'peer-recovery',
      joiners: [
        mentorJoins(max, { availability: 'Sat', criterion: 'recovery-time', field: 'pharmacy', readiness: 'yes', expectations: 'agree' }),
        traineeJoins(bea, { profession: 'pharmacy', availability: 'Sat 10-12', 'mentor-field': 'same-field', 'mentor-gender': 'no-preference', 'mentor-experience': 'no-preference', 'other-preferences': 'none', hopes: 'steady footing' }),
      ],
      then: [`/mentor admin match @${max} @${bea} --program peers`],
    }, { stepwise: false });
    await session.run(`as ${bea}\npress consent.review\nsubmit release first_name=Bea phone="+1 555 010 0142" agree=sign`);
  }, 60_000);

  afterAll(() => session?.close());

  it('advance 4d: the mentor is reminded that the first call is due in a few days', async () => {
    const out = await session.run('advance 4d');
    expect(linesFor(out, `to ${max}]`).join('\n')).toContain('your first call with your new mentee is due in 3 days');
    expect(linesFor(out, `to ${bea}]`).join('\n')).toContain('Week 1 reflection');
  });

  it('advance 4d more: the mentee is offered a re-match and the button works; the coordinator of a program that steps back is not told', async () => {
    const out = await session.run('advance 4d');
    expect(linesFor(out, `to ${cora}]`).join('\n')).not.toMatch(/overdue/i);
    const offer = linesFor(out, `to ${bea}]`).join('\n');
    expect(offer).toContain('press match.rematch-request');
    // The day-6 reminder expired once the deadline passed: it is skipped, not sent late.
    expect(out.join('\n')).not.toContain('by tomorrow');
    const matchId = /press match\.rematch-request (\S+)\]/.exec(offer)![1];
    const pressed = await session.run(`as ${bea}\npress match.rematch-request ${matchId}`);
    expect(linesFor(pressed, `to ${bea} (private)`).join('\n')).toMatch(/match has ended/i);
  });

  it('runs nothing twice: a further advance with nothing new due sends nothing about the first call', async () => {
    const out = await session.run('advance 1h');
    expect(out.filter((l) => /first call/i.test(l))).toEqual([]);
  });
});
