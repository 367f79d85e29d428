import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../../src/app/services.js';
import type { Invocation } from '../../../src/core/commands/types.js';
import type { Role } from '../../../src/core/domain.js';
import type { Button, Form, Outcome } from '../../../src/core/messages/model.js';
import { renderPlain } from '../../../src/core/messages/plain-text.js';
import type { Trellis } from '../../../src/core/trellis.js';
import { uniqueName } from '../../support/db.js';
import { createTestServices, TestClock } from '../../support/services.js';

// Wednesday of week 1 for a program that started on Monday 2 March 2026.
const clock = new TestClock(new Date('2026-03-04T10:00:00Z'));
const ws = uniqueName('reflections');
let services: Services;
let trellis: Trellis;
let workspaceId: string;
const programs: Record<string, string> = {};
const ids: Record<string, string> = {};

const identity = (handle: string) => ({
  platform: 'console' as const, workspaceExternalId: ws, workspaceName: 'Reflections', externalUserId: `U${handle}`, handle,
  displayName: handle[0]!.toUpperCase() + handle.slice(1), timeZone: 'Europe/London',
});

interface Seen { text: string; private: boolean; buttons: Button[]; form?: Form; outbound: Outcome['outbound'] }

async function run(handle: string, invocation: Invocation): Promise<Seen> {
  const outcome = await trellis.handle({ ...identity(handle), channelId: 'C-general' }, invocation);
  const blocks = outcome.reply.message?.blocks ?? [];
  return {
    text: renderPlain(blocks), private: outcome.reply.visibility === 'private', form: outcome.reply.form, outbound: outcome.outbound,
    buttons: blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : [])),
  };
}
const command = (handle: string, text: string) => run(handle, { kind: 'command', text });
const press = (handle: string, action: string, value: string) => run(handle, { kind: 'action', action, value });

async function person(handle: string): Promise<string> {
  const { person, workspace } = await services.store.people.resolve(identity(handle));
  workspaceId = workspace.id;
  return (ids[handle] = person.id);
}
async function enroll(handle: string, slug: string, role: Role, startDate = '2026-03-02') {
  return services.store.enrollments.create({ programId: programs[slug]!, personId: await person(handle), role, status: 'active', startDate, commitmentConfirmedAt: clock.now() });
}
/** A mentor and mentee with an active match in the program; returns the mentee's enrollment and the match. */
async function pair(mentor: string, mentee: string, slug = 'cert') {
  const [mo, me] = [await enroll(mentor, slug, 'mentor'), await enroll(mentee, slug, 'mentee')];
  const match = await services.store.matches.create({ programId: programs[slug]!, mentorEnrollmentId: mo.id, menteeEnrollmentId: me.id, proposedById: ids.cora!, proposedAt: clock.now() });
  await services.store.matches.update(match.id, { status: 'active', activatedAt: clock.now() });
  return { mentee: me, mentor: mo, match };
}
const dmsTo = (seen: Seen, handle: string) => seen.outbound.filter((o) => o.to.kind === 'person' && o.to.personId === ids[handle]).map((o) => o.message.text);

beforeAll(async () => {
  services = await createTestServices(clock);
  trellis = services.trellis;
  await person('cora');
  for (const [slug, template] of [['cert', 'certification-40-week'], ['peers', 'peer-recovery']] as const) {
    programs[slug] = (await services.store.programs.create({ workspaceId, slug, name: slug === 'cert' ? 'Certification' : 'Peer recovery', template: services.templates.get(template)! })).id;
    await enroll('cora', slug, 'coordinator');
  }
  await enroll('sam', 'cert', 'supervisor');
});
afterAll(() => services.close());

describe('/mentor reflect', () => {
  it("shows this week's prompt from the phase bank, privately, with how to answer and a form button", async () => {
    await pair('mo', 'mia');
    const seen = await command('mia', 'reflect');
    expect(seen.private).toBe(true);
    expect(seen.text).toContain('Reflection — week 1, Foundations');
    expect(seen.text).toContain('Think of an intervention you observed recently');
    expect(seen.text).toContain('/mentor reflect <your answer>');
    expect(seen.buttons).toEqual([expect.objectContaining({ action: 'reflection.answer' })]);
  });

  it('saves the answer to the journal with the prompt key and week, encrypted at rest', async () => {
    const seen = await command('mia', 'reflect The quiet pause before the family spoke mattered most');
    expect(seen.text).toMatch(/Saved to your journal as entry 1 \(week 1\)/);
    const { mentee } = { mentee: await services.store.enrollments.find(programs.cert!, ids.mia!, 'mentee') };
    const [entry] = await services.store.reflections.listForEnrollment(mentee!.id);
    expect(entry).toMatchObject({ promptKey: 'foundation-observation', week: 1, answer: 'The quiet pause before the family spoke mattered most', shared: false });
    const raw = await services.prisma.$queryRaw<unknown[]>`SELECT * FROM "Reflection" WHERE "id" = ${entry!.id}`;
    expect(JSON.stringify(raw)).not.toContain('quiet pause');
    expect(JSON.stringify(raw)).toContain('foundation-observation');
  });

  it('explains there is no prompt before the program starts, and saves nothing', async () => {
    const later = await enroll('lou', 'cert', 'mentee', '2026-04-06');
    expect((await command('lou', 'reflect')).text).toContain('starts on Mon 6 Apr 2026');
    const refused = await command('lou', 'reflect Too early to say');
    expect(refused.text).toContain('starts on Mon 6 Apr 2026');
    expect(await services.store.reflections.countForEnrollment(later.id)).toBe(0);
  });

  it('refuses an empty answer, an answer over 4000 characters and an unknown check-in reason, with the usage, saving nothing', async () => {
    const before = await services.store.reflections.countForEnrollment((await services.store.enrollments.find(programs.cert!, ids.mia!, 'mentee'))!.id);
    const blank = await command('mia', 'reflect "   "');
    expect(blank.text).toMatch(/Your answer is empty[\s\S]*Usage: `\/mentor reflect/);
    const flagOnly = await command('mia', 'reflect --check-in safety');
    expect(flagOnly.text).toMatch(/Write your answer too/);
    const long = await command('mia', `reflect ${'word '.repeat(900)}`);
    expect(long.text).toMatch(/4499 characters; the limit is 4000/);
    const reason = await command('mia', 'reflect It went badly --check-in worried');
    expect(reason.text).toMatch(/"worried" is not one of: safety, impasse, failed-activity, uncertain[\s\S]*Usage: `\/mentor reflect \[answer…\] \[--check-in safety\|impasse\|failed-activity\|uncertain\]`/);
    expect([blank, flagOnly, long, reason].every((s) => s.private && s.outbound.length === 0)).toBe(true);
    const after = await services.store.reflections.countForEnrollment((await services.store.enrollments.find(programs.cert!, ids.mia!, 'mentee'))!.id);
    expect(after).toBe(before);
  });

  it('tells someone not enrolled how to join instead of saving anything', async () => {
    const seen = await command('nobody', 'reflect Hello');
    expect(seen.text).toMatch(/not enrolled/);
  });
});

describe('check-in flag', () => {
  it("asks the trainee's supervisor (their mentor by default) for a debrief by DM with the reason only — never the words, never a channel", async () => {
    const seen = await command('mia', 'reflect The father shouted and I lost the thread completely --check-in impasse');
    expect(seen.text).toContain("I've asked your supervisor for a debrief (an impasse)");
    expect(seen.outbound.every((o) => o.to.kind === 'person')).toBe(true);
    expect(dmsTo(seen, 'mo')).toEqual([expect.stringContaining('Mia (Certification) asked for a debrief: an impasse')]);
    // The program-wide supervisor hears only from those with no supervisor of their own.
    expect(dmsTo(seen, 'sam')).toEqual([]);
    expect(dmsTo(seen, 'cora')).toEqual([]);
    expect(JSON.stringify(seen.outbound)).not.toMatch(/father|shouted|thread/);
  });

  // The peer-recovery program steps back after the match ("no reporting back"), and has no supervisors:
  // nobody is told on their own, but a safety check-in is never a dead end.
  it('shows the crisis resources at once in a program that steps back, and offers to ask the coordinator for contact', async () => {
    await pair('pat', 'pia', 'peers');
    const seen = await command('pia', 'reflect A rough night, I nearly called my old contact --check-in safety');
    expect(seen.outbound).toEqual([]);
    expect(seen.text).toContain('If you need help now');
    expect(seen.text).toContain('988');
    expect(seen.text).not.toContain('nobody was told');
    const offer = seen.buttons.find((b) => b.action === 'safety.ask-coordinator');
    expect(offer).toBeDefined();
    const asked = await press('pia', 'safety.ask-coordinator', offer!.value);
    expect(asked.text).toContain('Nothing you wrote was shared');
    expect(asked.outbound.map((o) => o.to)).toEqual([{ kind: 'person', personId: ids.cora }]);
    expect(JSON.stringify(asked.outbound)).not.toMatch(/rough night|old contact|safety/);
  });
});

describe('the reflection form', () => {
  it('opens from the button and saves the answer, keeping line breaks and the check-in choice', async () => {
    const mia = (await services.store.enrollments.find(programs.cert!, ids.mia!, 'mentee'))!;
    const opened = await press('mia', 'reflection.answer', mia.id);
    expect(opened.form).toMatchObject({ id: 'reflection', inputs: [expect.objectContaining({ id: 'answer', maxLength: 4000 }), expect.objectContaining({ id: 'checkIn' })] });
    const saved = await run('mia', { kind: 'form', formId: 'reflection', values: { answer: 'Line one\nLine two', checkIn: 'uncertain' }, context: opened.form!.context });
    expect(saved.text).toMatch(/Saved to your journal/);
    expect(dmsTo(saved, 'mo')).toHaveLength(1);
    const last = (await services.store.reflections.listForEnrollment(mia.id)).at(-1)!;
    expect(last).toMatchObject({ answer: 'Line one\nLine two', checkIn: 'uncertain', promptKey: 'foundation-observation', week: 1 });
  });

  it("refuses another person's form button or a tampered form context", async () => {
    const mia = (await services.store.enrollments.find(programs.cert!, ids.mia!, 'mentee'))!;
    const count = await services.store.reflections.countForEnrollment(mia.id);
    expect((await press('mo', 'reflection.answer', mia.id)).text).toMatch(/not yours/);
    const forged = await run('mo', { kind: 'form', formId: 'reflection', values: { answer: 'forged' }, context: `${mia.id}:foundation-observation:1` });
    expect(forged.text).toMatch(/not yours/);
    const junk = await run('mia', { kind: 'form', formId: 'reflection', values: { answer: 'x' }, context: 'nonsense' });
    expect(junk.text).toMatch(/expired/);
    expect(await services.store.reflections.countForEnrollment(mia.id)).toBe(count);
  });
});

describe('/mentor journal and sharing', () => {
  const answers = ['First: I watched the opening closely', 'Second: the script felt stiff', 'Third: resistance eased when I slowed down'];
  let jay: Awaited<ReturnType<typeof pair>>;
  const entryId = async (n: number) => (await services.store.reflections.listForEnrollment(jay.mentee.id))[n - 1]!.id;

  beforeAll(async () => {
    jay = await pair('jo', 'jay');
    for (const answer of answers) await command('jay', `reflect ${answer}`);
  });

  it('lists only the person’s own entries — number, date, week, prompt, answer, shared state — with Share buttons', async () => {
    const seen = await command('jay', 'journal');
    expect(seen.private).toBe(true);
    expect(seen.text).toMatch(/^3\. \w{3} \d{1,2} \w{3} \d{4} · week 1 · private\nPrompt: Think of an intervention[^\n]*\nAnswer: Third: resistance eased/m);
    for (const answer of answers) expect(seen.text).toContain(answer);
    expect(seen.text).not.toContain('quiet pause');
    expect(seen.buttons.map((b) => b.label)).toEqual(['Share #3', 'Share #2', 'Share #1']);
    expect(seen.buttons[0]).toMatchObject({ action: 'journal.share', value: await entryId(3) });
  });

  it('shares one entry by button: the mentor is told by DM without the words, and sees only that entry', async () => {
    const seen = await press('jay', 'journal.share', await entryId(2));
    expect(seen.text).toContain('Entry 2 is now shared with Jo');
    expect(dmsTo(seen, 'jo')).toEqual(['Jay shared a journal entry with you. Read it with `/mentor journal shared`.']);
    expect(JSON.stringify(seen.outbound)).not.toContain('stiff');
    const mentorView = await command('jo', 'journal shared');
    expect(mentorView.text).toContain('Shared by Jay');
    expect(mentorView.text).toContain(answers[1]);
    expect(mentorView.text).not.toContain(answers[0]);
    expect(mentorView.text).not.toContain(answers[2]);
    expect((await command('jay', 'journal')).text).toMatch(/2\. [^\n]* · shared with your mentor/);
  });

  it('hides an unshared entry from the mentor at once', async () => {
    const seen = await command('jay', 'journal unshare 2');
    expect(seen.text).toContain('Entry 2 is private again');
    expect((await command('jo', 'journal shared')).text).toMatch(/Nothing is shared with you right now/);
    expect((await services.store.reflections.get(await entryId(2)))?.shared).toBe(false);
  });

  it('answers a wrong, missing or out-of-range entry number, or a repeat, with the usage and no change', async () => {
    expect((await command('jay', 'journal share 9')).text).toMatch(/There is no entry 9: your journal has entries 1 to 3[\s\S]*Usage: `\/mentor journal share <n>`/);
    expect((await command('jay', 'journal share two')).text).toMatch(/"two" is not an entry number[\s\S]*Usage: `\/mentor journal share <n>`/);
    expect((await command('jay', 'journal share 0')).text).toMatch(/"0" is not an entry number/);
    expect((await command('jay', 'journal share')).text).toMatch(/Missing <n> — the entry’s number/);
    expect((await command('jay', 'journal share 1 2')).text).toMatch(/I didn't expect "2"/);
    expect((await command('jay', 'journal unshare 1')).text).toMatch(/Entry 1 isn't shared/);
    await command('jay', 'journal share 1');
    // `#1`, as on the Share button, names the same entry.
    expect((await command('jay', 'journal share #1')).text).toMatch(/Entry 1 is already shared/);
    expect((await command('jay', 'journal please')).text).toMatch(/I didn't expect "please"/);
  });

  it("refuses to let anyone press someone else's Share or Unshare button, changing nothing", async () => {
    const id = await entryId(3);
    const trail = (await services.store.audit.listForSubject('reflection', id)).length;
    for (const [who, action] of [['jo', 'journal.share'], ['mia', 'journal.share'], ['jo', 'journal.unshare']] as const) {
      const seen = await press(who, action, id);
      expect(seen.text).toContain('Only the person who wrote a journal entry can share or unshare it.');
      expect(seen.outbound).toEqual([]);
    }
    expect((await services.store.reflections.get(id))?.shared).toBe(false);
    expect(await services.store.audit.listForSubject('reflection', id)).toHaveLength(trail);
    expect((await press('jay', 'journal.share', 'not-an-id')).text).toMatch(/no longer exists/);
  });

  it('records shares and unshares, with the recipient, in the audit log', async () => {
    const trail = await services.store.audit.listForSubject('reflection', await entryId(2));
    expect(trail.map((e) => e.action)).toEqual(['journal.share', 'journal.unshare']);
    expect(trail[0]!.details).toMatchObject({ matchId: jay.match.id, recipientPersonId: ids.jo });
  });

  it('does not pass shared entries on to a new mentor after a re-match', async () => {
    await services.store.matches.update(jay.match.id, { status: 'ended', endedAt: clock.now(), endReason: 'mutual' });
    const next = await enroll('max', 'cert', 'mentor');
    const rematch = await services.store.matches.create({ programId: programs.cert!, mentorEnrollmentId: next.id, menteeEnrollmentId: jay.mentee.id, proposedById: ids.cora!, proposedAt: clock.now() });
    await services.store.matches.update(rematch.id, { status: 'active', activatedAt: clock.now() });
    expect((await command('max', 'journal shared')).text).toMatch(/Nothing is shared/);
    expect((await command('jo', 'journal shared')).text).toMatch(/Nothing is shared/);
    expect((await command('jay', 'journal')).text).toMatch(/1\. [^\n]* · private/);
    await command('jay', 'journal share 1');
    expect((await command('max', 'journal shared')).text).toContain(answers[0]);
  });

  it('keeps the journal private when there is no mentor to share with', async () => {
    await enroll('tess', 'cert', 'mentee');
    await command('tess', 'reflect Only for me');
    const list = await command('tess', 'journal');
    expect(list.buttons).toEqual([]);
    expect(list.text).toContain('Only you can read your journal.');
    expect((await command('tess', 'journal share 1')).text).toMatch(/don't have an active mentor/);
  });

  it('never shows a coordinator anyone’s journal entries', async () => {
    const secrets = [...answers, 'quiet pause', 'father shouted', 'Only for me', 'old contact'];
    for (const text of ['journal', 'journal shared', 'reflect', 'status', 'help']) {
      const seen = await command('cora', text);
      for (const secret of secrets) expect(seen.text).not.toContain(secret);
    }
    expect((await command('cora', 'journal shared')).text).toMatch(/not enrolled in a program as mentor/);
  });

  it('lists every reflection command with its usage in /mentor help', async () => {
    const help = (await command('jay', 'help')).text;
    for (const usage of ['/mentor reflect [answer…]', '/mentor journal`', '/mentor journal share <n>', '/mentor journal unshare <n>', '/mentor journal shared']) expect(help).toContain(usage);
  });
});
