import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleSession, linesFor } from '../../support/console-session.js';

// The peer-recovery Q&A played rule by rule through the console adapter. Each step names the rule
// it checks and looks at what each person (and the coordinator) saw — and did not see.
let s: ConsoleSession;
beforeAll(async () => {
  s = await ConsoleSession.start(new Date('2026-03-02T14:00:00Z'));
});
afterAll(() => s.close());

const to = (out: string[], who: string) => linesFor(out, `to ${who}]`).join('\n');
const privately = (out: string[], who: string) => linesFor(out, `to ${who} (private)`).join('\n');
const mentor = (who: string, extra = '') => `as ${who}\n/mentor join peers mentor\npress join.confirm\nsubmit join-details availability="Mon 18:00-21:00" criterion="recovery-time" field="nursing" readiness="yes" expectations="agree" ${extra}`;

describe('peer recovery, rule by rule', () => {
  it('setup: a coordinator runs the program; two mentors and a mentee join (the mentee through the good-fit survey)', async () => {
    const out = await s.run(`as cora\n/mentor admin program create peers peer-recovery\n${mentor('mo', 'gender="man" recovery-years="5-plus"')}\n${mentor('max')}
as uma
/mentor join peers
press join.confirm
submit join-details profession="ICU nursing" availability="Mon 19:00-20:00" mentor-field="same-field" mentor-gender="no-preference" mentor-experience="5-years" other-preferences="patient" hopes="steadiness"
`);
    expect(privately(out, 'uma')).toContain('Welcome to');
  });

  it('rule "matching asks the mentor what the mentee asks about": reasons claim only what a mentor answered', async () => {
    const out = await s.run('as cora\n/mentor admin suggest @uma');
    const text = privately(out, 'cora');
    expect(text).toMatch(/Mo — .*meets the stated years of recovery preference/);
    expect(text).toMatch(/Max — .*has not said \(years of recovery\)/);
  });

  it('rule "declining a mentor does not affect standing": the mentee says no privately; the mentor hears no name; the coordinator is told', async () => {
    const out = await s.run('as cora\n/mentor admin match @mo @uma\nas uma\n/mentor end');
    expect(to(out, 'mo')).toContain('has been withdrawn');
    expect(to(out, 'mo')).not.toMatch(/Uma/);
    expect(privately(out, 'uma')).toMatch(/does not affect your standing/);
    expect(to(out, 'cora')).toMatch(/Uma declined the proposed mentor Mo/);
  });

  it('rule "you can change your mind later": one command asks the coordinator; asking twice sends once; the declined mentor is not suggested again unless asked', async () => {
    const out = await s.run('as uma\n/mentor request-mentor\n/mentor request-mentor\nas cora\n/mentor admin suggest @uma\n/mentor admin suggest @uma --include-former yes');
    expect(linesFor(out, 'to cora]').filter((l) => l.includes('would like a mentor'))).toHaveLength(1);
    expect(privately(out, 'uma')).toContain('already knows');
    const [without, withFormer] = privately(out, 'cora').split('Suggested mentors for Uma').slice(1);
    expect(without).not.toMatch(/\d\. Mo —/);
    expect(withFormer).toMatch(/\d\. Mo —/);
  });

  it('rule "confidential exclusions": a coordinator keeps a mentor from a mentee without a reason; suggestions honour it', async () => {
    const out = await s.run('as cora\n/mentor admin exclude @max @uma\n/mentor admin suggest @uma');
    expect(privately(out, 'cora')).toContain('no reason is stored');
    expect(privately(out, 'cora')).toContain('No eligible mentors are available');
  });

  it('rule "only the first name and phone, once the release is signed": before it the mentor never sees the name; after, only the release\'s first name', async () => {
    let out = await s.run('as cora\n/mentor admin match @mo @uma\nas mo\n/mentor status');
    expect(privately(out, 'cora')).toContain('Proposed Mo as mentor for Uma');
    expect(privately(out, 'mo')).not.toMatch(/Uma|Zoë/);
    out = await s.run('as uma\n/mentor consent sign Zoë +1 555 010 0199\nas mo\n/mentor status\n/mentor contact');
    expect(privately(out, 'mo')).toContain('Matched with Zoë');
    expect(privately(out, 'mo')).toContain('+15550100199');
    expect(out.filter((l) => l.startsWith('[to mo')).join('\n')).not.toContain('Uma');
  });

  it('rule "the first call arranges a face-to-face meeting": recorded for the pair only, with no confirmation round', async () => {
    const out = await s.run('as mo\n/mentor log-call 30m first-call today Call notes only mine --meeting yes --meeting-on 2026-03-07\nas uma\n/mentor status');
    expect(privately(out, 'mo')).toContain('In-person meeting arranged for 2026-03-07');
    expect(to(out, 'uma')).toBe('');
    expect(privately(out, 'uma')).toContain('In-person meeting arranged for 2026-03-07');
  });

  it('rule "after the match the program is not involved": the coordinator sees only that the match exists and when it started', async () => {
    const out = await s.run('as cora\n/mentor admin overview\n/mentor admin export csv');
    const seen = privately(out, 'cora');
    expect(seen).toContain('Mo & Uma — started 2026-03-02, ongoing');
    expect(seen).not.toMatch(/first.call|overdue|Hours|meeting|Call notes|confirm/i);
  });

  it('rule "safety is never a dead end": a safety check-in shows crisis numbers at once and offers to ask the coordinator for contact, sharing nothing', async () => {
    let out = await s.run('as uma\n/mentor reflect A hard night, I felt unsafe --check-in safety');
    expect(privately(out, 'uma')).toContain('988');
    const press = /press (safety\.ask-coordinator \S+)\]/.exec(privately(out, 'uma'))![1];
    out = await s.run(`as uma\npress ${press}`);
    expect(to(out, 'cora')).toContain('Uma (Peer recovery mentorship) asked you to get in touch');
    expect(to(out, 'cora')).not.toMatch(/hard night|unsafe|safety/);
  });

  it('rule "ending by mutual decision": one request, pending on repeat; ends when the other agrees; the release is rescinded; no hours', async () => {
    let out = await s.run('as uma\n/mentor end\n/mentor end');
    expect(privately(out, 'uma')).toContain('still pending');
    expect(linesFor(out, 'to mo]')).toHaveLength(1);
    expect(to(out, 'mo')).toContain('Zoë would like to end your match');
    out = await s.run('as mo\npress match.end-agree');
    expect(to(out, 'uma')).toContain('release of information is rescinded');
    expect(out.join('\n')).not.toMatch(/hours/i);
    out = await s.run('as mo\n/mentor contact');
    expect(privately(out, 'mo')).not.toContain('0199');
  });

  it('rule "a new mentor may be assigned; ending through a coordinator": a re-match, then the coordinator ends it and tells both', async () => {
    let out = await s.run('as uma\n/mentor request-mentor\nas cora\n/mentor admin match @max @uma');
    expect(privately(out, 'cora')).toContain('Proposed Max as mentor for Uma');
    out = await s.run('as uma\n/mentor consent sign Zoë +1 555 010 0199\nas uma\n/mentor end coordinator\nas cora\n/mentor admin end @uma');
    expect(to(out, 'cora')).toContain('Uma would like to end their match');
    expect(to(out, 'max')).toContain('A coordinator ended it');
    expect(to(out, 'uma')).toContain('release of information is rescinded');
  });
});
