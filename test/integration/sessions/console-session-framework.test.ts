import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreModules } from '../../../src/core/modules.js';
import { communityInvolvement, ConsoleSession, linesFor } from '../../support/console-session.js';

// Done when: a console test plays the community-involvement framework — the guide shown, two
// sessions logged (the initial assessment, then a community session), and a check-in situation
// reaching the provider's supervisor with the situation only, never the notes.
let s: ConsoleSession;
const template = () => s.services.templates.get('community-involvement')!;
const all = (out: string[]) => out.join('\n');
const PRIVATE_WORDS = 'J. froze at the shelter door and told me about his brother';
/** Sessions logged in this test's workspace only: other files run beside it on the same database. */
const sessionRows = () => s.services.prisma.sessionLog.findMany({ where: { enrollment: { program: { workspace: { externalId: s.workspaceExternalId } } } }, orderBy: { createdAt: 'asc' } });

beforeAll(async () => {
  // Cora coordinates; Pat is the provider (a trainee), Mo their mentor, Sue the clinical supervisor the coordinator sets.
  s = await ConsoleSession.withProgram(communityInvolvement({ others: ['sue'], supervisors: [['pat', 'sue']] }), { nudges: false });
}, 60_000);
afterAll(() => s.close());

describe('the community-involvement framework in the console', () => {
  it('1. the guide for the first session: the initial assessment, every objective, action, question and check-in situation', async () => {
    const out = await s.run('as pat\n/mentor session');
    const guide = all(linesFor(out, 'to pat (private)'));
    const initial = template().sessions![0]!;
    expect(guide).toContain('Session guide — Initial assessment');
    for (const line of [...initial.objectives, ...initial.actions, ...initial.questionsToConsider, ...initial.checkInTriggers.map((t) => t.text)]) expect(guide).toContain(line);
    expect(guide).toContain('[Log this session: press session.log');
    expect(out.filter((l) => !l.startsWith('[to pat (private)]'))).toEqual([]);
  });

  it('2. the initial assessment is logged in the form (its check-in situations offered as choices); nobody is asked for a debrief', async () => {
    const out = await s.run(`
as pat
press session.log
submit session-log duration="50m" date="today" notes="Talked about his football team; wants to help at the food bank"
`);
    const form = all(linesFor(out, 'to pat (private)'));
    expect(form).toContain('[form] Log: Initial assessment');
    expect(form).toContain('check_ins (optional): Did any of these happen?');
    expect(form).toContain('risky-setting: The client is drawn to an opportunity in a place that may be unsafe');
    expect(form).toContain('Logged your initial assessment: 50m on 2026-03-02.');
    expect(form).toContain('Next: the community session');
    expect(out.filter((l) => !l.startsWith('[to pat (private)]'))).toEqual([]);
  });

  it('3. the guide moves on to the community session, to be repeated', async () => {
    s.clock.moveTo(new Date('2026-03-09T15:00:00Z'));
    const guide = all(await s.run('as pat\n/mentor session'));
    expect(guide).toContain('Session guide — Community session');
    expect(guide).toContain('To be repeated as often as it helps the client.');
    expect(guide).toContain('Sessions logged: 1 × initial assessment');
    for (const line of template().sessions![1]!.objectives) expect(guide).toContain(line);
  });

  it('4. a community session logged with a check-in situation: the supervisor is asked for a debrief, with the situation and never the notes', async () => {
    const out = await s.run(`
as pat
/mentor session log 1h15m today "${PRIVATE_WORDS}" --check-in client-unsafe
`);
    const reply = all(linesFor(out, 'to pat (private)'));
    expect(reply).toContain('Logged your community session (number 1): 1h15m on 2026-03-09.');
    expect(reply).toContain("I've asked your supervisor for a debrief (a safety concern)");
    // A safety situation shows the program's crisis resources at once.
    expect(reply).toContain('988 Suicide & Crisis Lifeline');
    const toSue = all(linesFor(out, 'to sue]'));
    expect(toSue).toContain('Pat (Community involvement sessions) asked for a debrief after a community session: a safety concern.');
    expect(toSue).toContain('Something during the session left the client feeling unsafe or threatened.');
    expect(toSue).not.toContain('shelter');
    // Only the supervisor is asked: not the mentor, not the coordinator, and nothing anywhere carries the notes.
    expect(linesFor(out, 'to mo]')).toEqual([]);
    expect(linesFor(out, 'to cora]')).toEqual([]);
    expect(out.filter((l) => !l.startsWith('[to pat (private)]')).join('\n')).not.toContain('shelter');
  });

  it('5. the notes are sealed at rest, and both sessions are counted in status', async () => {
    const rows = await sessionRows();
    expect(rows.map((r) => [r.sessionKey, r.minutes, r.checkIns, r.checkInReasons])).toEqual([
      ['initial-assessment', 50, [], []],
      ['community-session', 75, ['client-unsafe'], ['safety']],
    ]);
    expect(JSON.stringify(rows)).not.toContain('shelter');
    const status = all(await s.run('as pat\n/mentor status'));
    expect(status).toContain('Sessions logged: 1 × initial assessment, 1 × community session. Next: the community session');
    const exported = all(await s.run('as pat\n/mentor export'));
    expect(exported).toContain(PRIVATE_WORDS);
  });

  it('6. no coordinator command returns the session notes, whatever it is asked', async () => {
    const paths = coreModules().commands.filter((c) => c.requires === 'coordinator').map((c) => c.path.join(' '));
    const script = ['as cora', ...paths.flatMap((p) => [`/mentor ${p} --program ci`, `/mentor ${p} @pat --program ci`])].join('\n');
    const out = await s.run(script);
    expect(out.join('\n').length).toBeGreaterThan(500);
    expect(out.join('\n')).not.toContain('shelter');
  });

  it('7. a typo in a situation, a program without a framework: a private, helpful answer and nothing saved', async () => {
    const before = (await sessionRows()).length;
    const wrong = all(await s.run('as pat\n/mentor session log 30m --check-in unsafe'));
    expect(wrong).toContain('"unsafe" is not a check-in situation of the community session. Its situations: client-unsafe, activity-fell-flat, stuck.');
    expect(wrong).toContain('Usage: `/mentor session log');
    const elsewhere = all(await s.run('as cora\n/mentor admin program create cert certification-40-week\nas tia\n/mentor join cert\npress join.confirm\nsubmit join-details availability="Mon 19:00-21:00"\n/mentor session'));
    expect(elsewhere).toContain('Interventionist certification mentorship has no session framework');
    expect(await sessionRows()).toHaveLength(before);
  });
});

describe('withdrawing', () => {
  it('erases the session notes; which sessions were held, and how long, stay', async () => {
    await s.run('as pat\n/mentor withdraw\npress withdraw.confirm');
    const rows = await sessionRows();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.notesEnc === null)).toBe(true);
    expect(rows.map((r) => r.minutes)).toEqual([50, 75]);
  });
});
