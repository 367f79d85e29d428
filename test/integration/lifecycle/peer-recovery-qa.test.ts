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

// Referrals and withdrawal: a second mentee, Vic, asks to talk with someone who has a mentor.
const joinAsMentee = (who: string) => `as ${who}\n/mentor join peers\npress join.confirm\nsubmit join-details profession="pharmacy" availability="Tue 18:00-20:00" mentor-field="no-preference" mentor-gender="no-preference" mentor-experience="no-preference" other-preferences="none" hopes="company"`;
const rows = () => s.services.prisma;
/** The referral Uma is asked about, from her button (other tests share the database). */
let referralId = '';

describe('peer recovery: talking with another participant, and leaving with one\'s data', () => {
  it('rule "talk to another participant about having a mentor": one request reaches the coordinator once; nothing is shared before a release', async () => {
    const out = await s.run(`${joinAsMentee('vic')}\n/mentor peer request\n/mentor peer request\n/mentor peer contact`);
    expect(linesFor(out, 'to cora]').filter((l) => l.includes('would like to talk with a participant who has a mentor'))).toHaveLength(1);
    expect(privately(out, 'vic')).toContain('already knows');
    expect(privately(out, 'vic')).toContain('Nobody has agreed');
  });

  it('rule "if the other participant is willing": the coordinator asks a participant who has a mentor; they are not told who asked', async () => {
    let out = await s.run('as cora\n/mentor admin refer @vic @cora');
    expect(privately(out, 'cora')).toContain('is not a participant who has (or had) a mentor');
    out = await s.run('as cora\n/mentor admin refer @vic @uma');
    expect(privately(out, 'cora')).toContain('Asked Uma');
    expect(to(out, 'uma')).toContain('would like to hear what having a mentor is like');
    referralId = /press peer\.review (\S+)\]/.exec(to(out, 'uma'))![1]!;
    expect(to(out, 'uma')).not.toMatch(/Vic/);
    expect(to(out, 'vic')).toBe('');
  });

  it('rule "once a release of information is signed, the requester gets the contact": first name and phone only, audited', async () => {
    let out = await s.run('as uma\npress peer.review');
    expect(privately(out, 'uma')).toContain('peer-referral-roi-1');
    out = await s.run('as uma\nsubmit peer-release first_name="Zoë" phone="+1 555 010 0199" agree="sign"');
    expect(privately(out, 'uma')).toContain('your release is signed');
    expect(to(out, 'vic')).toContain('agreed to talk with you');
    expect(to(out, 'vic')).not.toContain('0199');
    expect(to(out, 'cora')).toContain('agreed and signed a release');
    expect(to(out, 'cora')).not.toMatch(/0199|Zoë/);
    out = await s.run('as vic\n/mentor peer contact');
    expect(privately(out, 'vic')).toContain('Zoë — +15550100199');
    const audit = await rows().auditEvent.findMany({ where: { subjectType: 'peer-referral', subjectId: referralId }, select: { action: true, details: true } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['peer.requested', 'peer.asked', 'peer.release-signed', 'peer.contact-viewed']));
    expect(audit.find((a) => a.action === 'peer.release-signed')!.details).toMatchObject({ scope: ['first_name', 'phone'], wordingVersion: 'peer-referral-roi-1' });
    expect(JSON.stringify(audit)).not.toContain('0199');
  });

  it('rule "either side can withdraw": the volunteer withdraws and the contact is hidden at once; then the requester withdraws a second one', async () => {
    let out = await s.run('as uma\n/mentor peer withdraw\nas vic\n/mentor peer contact');
    expect(to(out, 'vic')).toContain('has withdrawn their release');
    expect(privately(out, 'vic')).not.toContain('0199');
    expect(await rows().peerReferral.findUniqueOrThrow({ where: { id: referralId } })).toMatchObject({ status: 'withdrawn', phoneEnc: null, firstNameEnc: null });
    out = await s.run('as vic\n/mentor peer request\nas cora\n/mentor admin refer @vic @uma\nas uma\n/mentor peer sign Zoë +1 555 010 0199\nas vic\n/mentor peer withdraw\n/mentor peer contact');
    expect(to(out, 'uma')).toContain('no longer needs to');
    expect(to(out, 'uma')).not.toMatch(/Vic/);
    expect(privately(out, 'vic')).not.toContain('0199');
  });

  it('rule "participants may refuse a mentor at any time" — leaving with one\'s data: export first, confirm, matches end neutrally, private data erased, an audit without content', async () => {
    await s.run('as cora\n/mentor admin match @mo @vic\nas vic\n/mentor consent sign Vee +1 555 010 0142\nas mo\n/mentor log-call 20m first-call today VIC-CALL-NOTE --meeting no\nas vic\n/mentor reflect VIC-JOURNAL words\n/mentor log-call 15m phone today VIC-OWN-NOTE');
    let out = await s.run('as vic\n/mentor export\n/mentor withdraw');
    expect(privately(out, 'vic')).toContain('VIC-JOURNAL');
    // The button carries Vic's own person id (other tests share the database and may have a "vic" too).
    const vicId = /press withdraw\.confirm (\S+)\]/.exec(privately(out, 'vic'))![1]!;
    expect(out.join('\n')).not.toMatch(/\[to mo|\[to cora/);
    out = await s.run('as vic\npress withdraw.confirm\nas mo\n/mentor contact\n/mentor status');
    expect(privately(out, 'vic')).toContain('You have withdrawn');
    expect(to(out, 'mo')).toContain('stepped away from the program');
    expect(to(out, 'mo')).not.toMatch(/Vic|Vee/);
    expect(privately(out, 'mo')).not.toContain('0142');
    const vic = await rows().person.findUniqueOrThrow({ where: { id: vicId } });
    expect(vic).toMatchObject({ phoneEnc: null, firstNameEnc: null });
    expect(vic.withdrawnAt).not.toBeNull();
    expect(await rows().reflection.count({ where: { enrollment: { personId: vic.id } } })).toBe(0);
    expect(await rows().surveyResponse.count({ where: { enrollment: { personId: vic.id } } })).toBe(0);
    expect(await rows().plannedNudge.count({ where: { personId: vic.id, status: { in: ['planned', 'queued', 'claimed'] } } })).toBe(0);
    // Vic's own call notes are erased; the mentor's notes are the mentor's, and stay theirs.
    const notes = await rows().callLog.findMany({ where: { match: { mentee: { personId: vic.id } } }, select: { notesEnc: true, enrollment: { select: { personId: true } } } });
    expect(notes.filter((n) => n.enrollment.personId === vic.id).map((n) => n.notesEnc)).toEqual([null]);
    expect(notes.filter((n) => n.enrollment.personId !== vic.id).map((n) => n.notesEnc)).toEqual([expect.stringMatching(/^v2\./)]);
    const withdrawn = await rows().auditEvent.findFirstOrThrow({ where: { action: 'person.withdrawn', subjectId: vic.id } });
    expect(withdrawn.details).toMatchObject({ reflections: 1, callNotes: 1, surveys: 1 });
    expect(JSON.stringify(withdrawn)).not.toMatch(/VIC-|0142/);
    out = await s.run('as cora\n/mentor admin overview');
    expect(privately(out, 'cora')).toMatch(/Mo & Vic — started 2026-03-02, ended 2026-03-02/);
  });
});
