import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleSession, linesFor } from '../../support/console-session.js';

// Peer referrals at their edges: saying no, buttons pressed by the wrong person, programs that
// don't arrange referrals. The whole journey is in peer-recovery-qa.test.ts.
let s: ConsoleSession;
beforeAll(async () => {
  s = await ConsoleSession.start(new Date('2026-03-02T14:00:00Z'));
  await s.run(`as cora\n/mentor admin program create peers peer-recovery\n/mentor admin program create cert certification-40-week
as mo\n/mentor join peers mentor\npress join.confirm\nsubmit join-details availability="Mon 18:00-21:00" criterion="recovery-time" field="nursing" readiness="yes" expectations="agree"
${['uma', 'vic'].map((who) => `as ${who}\n/mentor join peers\npress join.confirm\nsubmit join-details profession="nursing" availability="Mon 19:00-20:00" mentor-field="no-preference" mentor-gender="no-preference" mentor-experience="no-preference" other-preferences="none" hopes="x"`).join('\n')}
as cora\n/mentor admin match @mo @uma --program peers\nas uma\n/mentor consent sign Zoë +1 555 010 0199`);
});
afterAll(() => s.close());

/** The referral Uma is asked about, read from her button (other tests share the database). */
let referralId = '';
const privately = (out: string[], who: string) => linesFor(out, `to ${who} (private)`).join('\n');

describe('peer referral edges', () => {
  it('the volunteer says no: nothing is shared, the coordinator may ask someone else, the requester is not told', async () => {
    const out = await s.run('as vic\n/mentor peer request\nas cora\n/mentor admin refer @vic @uma --program peers\nas uma\npress peer.decline');
    expect(privately(out, 'uma')).toContain("doesn't affect your standing");
    expect(linesFor(out, 'to cora]').join('\n')).toContain('said no, thank you');
    expect(linesFor(out, 'to vic]')).toHaveLength(0);
    const again = await s.run('as cora\n/mentor admin refer @vic @uma --program peers');
    expect(privately(again, 'cora')).toContain('Asked Uma');
    referralId = /press peer\.review (\S+)\]/.exec(linesFor(again, 'to uma]').join('\n'))![1]!;
  });

  it("someone who is neither side cannot press the volunteer's buttons; only a pending request can be arranged; a volunteer must have had a mentor", async () => {
    const id = referralId;
    expect(privately(await s.run(`as mo\npress peer.review ${id}`), 'mo')).toContain('no longer waiting for you');
    expect(privately(await s.run(`as mo\npress peer.withdraw ${id}`), 'mo')).toContain('nothing left to withdraw');
    let out = await s.run('as uma\npress peer.decline\nas cora\n/mentor admin refer @uma @vic --program peers');
    expect(privately(out, 'cora')).toContain('Nothing to arrange for Uma');
    out = await s.run('as cora\n/mentor admin refer @vic @mo --program peers');
    expect(privately(out, 'cora')).toContain('is not a participant who has (or had) a mentor');
  });

  it('a program without referrals says so privately', async () => {
    const out = await s.run('as tia\n/mentor join cert\npress join.confirm\nsubmit join-details availability="Mon 19:00-21:00" join-goals="x"\n/mentor peer request --program cert');
    expect(privately(out, 'tia')).toContain('does not arrange conversations');
  });
});
