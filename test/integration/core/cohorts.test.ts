import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../../src/app/services.js';
import { meetingCode } from '../../../src/core/cohorts/when.js';
import type { Invocation } from '../../../src/core/commands/types.js';
import type { Cohort, Role } from '../../../src/core/domain.js';
import type { Button, Outcome } from '../../../src/core/messages/model.js';
import { renderPlain } from '../../../src/core/messages/plain-text.js';
import type { Trellis } from '../../../src/core/trellis.js';
import { uniqueName } from '../../support/db.js';
import { createTestServices, TestClock } from '../../support/services.js';

const NOW = new Date('2026-03-04T10:00:00Z');
const clock = new TestClock(NOW);
const ws = uniqueName('cohorts');
let services: Services;
let trellis: Trellis;
let workspaceId: string;
const programs: Record<string, string> = {};
const ids: Record<string, string> = {};

const identity = (handle: string) => ({
  platform: 'console' as const, workspaceExternalId: ws, workspaceName: 'Cohorts', externalUserId: `U${handle}`, handle,
  displayName: handle[0]!.toUpperCase() + handle.slice(1), timeZone: 'Europe/London',
});

interface Seen { text: string; private: boolean; buttons: Button[]; outbound: Outcome['outbound'] }

async function run(handle: string, invocation: Invocation, channelId: string | null): Promise<Seen> {
  const outcome = await trellis.handle({ ...identity(handle), channelId: channelId ?? undefined }, invocation);
  const blocks = outcome.reply.message?.blocks ?? [];
  return { text: renderPlain(blocks), private: outcome.reply.visibility === 'private', outbound: outcome.outbound, buttons: blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : [])) };
}
/** `channelId` null: a platform place with no channel (e.g. a DM with no channel id). */
const command = (handle: string, text: string, channelId: string | null = 'C-general') => run(handle, { kind: 'command', text }, channelId);
const press = (handle: string, value: string) => run(handle, { kind: 'action', action: 'cohort.rsvp', value }, 'C-spring');

async function person(handle: string): Promise<string> {
  const { person, workspace } = await services.store.people.resolve(identity(handle));
  workspaceId = workspace.id;
  return (ids[handle] = person.id);
}
async function enroll(handle: string, slug: string, role: Role) {
  return services.store.enrollments.create({ programId: programs[slug]!, personId: await person(handle), role, status: 'active', startDate: '2026-03-02', commitmentConfirmedAt: NOW });
}
const spring = async (): Promise<Cohort> => (await services.store.cohorts.findByName(programs.cert!, 'Spring'))!;
const meetings = async () => services.store.cohorts.listMeetings((await spring()).id);
const memberNames = async () => Promise.all((await services.store.cohorts.members((await spring()).id)).map(async (e) => (await services.store.people.get(e.personId))!.displayName));

beforeAll(async () => {
  services = await createTestServices(clock);
  trellis = services.trellis;
  await person('cora');
  for (const [slug, template] of [['cert', 'certification-40-week'], ['peers', 'peer-recovery']] as const) {
    programs[slug] = (await services.store.programs.create({ workspaceId, slug, name: slug === 'cert' ? 'Certification' : 'Peer recovery', template: services.templates.get(template)! })).id;
  }
  await enroll('cora', 'cert', 'coordinator');
  await enroll('pete', 'peers', 'coordinator');
  for (const handle of ['ann', 'ben', 'cal']) await enroll(handle, 'cert', 'mentee');
  await enroll('dan', 'cert', 'mentor');
  await enroll('fay', 'peers', 'mentee');
  await person('eve');
});
afterAll(() => services.close());

describe('/mentor admin cohort create', () => {
  it('binds the cohort to the channel it ran in and says so there', async () => {
    const seen = await command('cora', 'admin cohort create Spring', 'C-spring');
    expect(seen.private).toBe(true);
    expect(seen.text).toContain('Cohort "Spring" of Certification now lives in this channel');
    expect((await spring()).channelId).toBe('C-spring');
    expect(seen.outbound).toEqual([{ to: { kind: 'channel', workspaceId, channelId: 'C-spring' }, message: expect.objectContaining({ text: expect.stringContaining('home to cohort "Spring"') }) }]);
  });

  it('refuses without a channel, a taken name (any case), a spaced name without quotes, or a non-coordinator — creating nothing', async () => {
    expect((await command('cora', 'admin cohort create Summer', null)).text).toMatch(/Run this in the channel the cohort will use[\s\S]*Usage: `\/mentor admin cohort create <name>`/);
    expect((await command('cora', 'admin cohort create spring', 'C-other')).text).toContain('already has a cohort called "Spring"');
    expect((await command('cora', 'admin cohort create Late summer', 'C-other')).text).toContain('I didn\'t expect "summer" there.\nUsage: `/mentor admin cohort create <name>`');
    expect((await command('cora', 'admin cohort create', 'C-other')).text).toMatch(/Missing <name> — the cohort’s name: one word, or "in quotes"/);
    expect((await command('cora', 'admin cohort create Sp!ng', 'C-other')).text).toMatch(/"Sp!ng" can't be a cohort name/);
    expect((await command('ann', 'admin cohort create Mine', 'C-other')).text).toContain('Only a program coordinator can do that.');
    expect((await services.store.cohorts.listForProgram(programs.cert!)).map((c) => c.name)).toEqual(['Spring']);
    expect((await command('cora', 'admin cohort create "Late summer"', 'C-late')).text).toContain('Cohort "Late summer"');
  });
});

describe('/mentor admin cohort add and remove', () => {
  it('adds enrolled people once each and welcomes them by DM', async () => {
    const seen = await command('cora', 'admin cohort add Spring @ann @ben @ann');
    expect(seen.text).toBe('Added to cohort "Spring": Ann, Ben.');
    expect(seen.outbound.map((o) => o.to)).toEqual([{ kind: 'person', personId: ids.ann }, { kind: 'person', personId: ids.ben }]);
    expect(await memberNames()).toEqual(['Ann', 'Ben']);
  });

  it('says who was already a member, and refuses when nobody new was named', async () => {
    expect((await command('cora', 'admin cohort add Spring @ann @cal')).text).toBe('Added to cohort "Spring": Cal.\nAlready in it: Ann.');
    expect((await command('cora', 'admin cohort add spring @ann')).text).toMatch(/Nothing changed: Ann is already in cohort "Spring"/);
  });

  it('refuses unknown people, people outside the program, unknown cohorts and missing names — adding no one', async () => {
    const cases: [string, RegExp][] = [
      ['admin cohort add Spring @dan @ghost', /I don't know @ghost here yet/],
      ['admin cohort add Spring @dan @eve', /Eve isn't enrolled in Certification/],
      ['admin cohort add Spring @fay', /Fay isn't enrolled in Certification/],
      ['admin cohort add Winter @dan', /Certification has no cohort called "Winter"\. Its cohorts: "Spring", "Late summer"/],
      ['admin cohort add Spring', /Name the people as @name/],
      ['admin cohort add Spring dan', /"dan" is not a person\. Name them as @name/],
    ];
    for (const [text, expected] of cases) {
      const seen = await command('cora', text);
      expect(seen.text).toMatch(expected);
      expect(seen.text).toContain('Usage: `/mentor admin cohort add <name> @people…`');
    }
    expect(await memberNames()).toEqual(['Ann', 'Ben', 'Cal']);
  });

  it('removes a member, and says so when the person is not in the cohort', async () => {
    expect((await command('cora', 'admin cohort remove Spring @cal')).text).toBe('Removed from cohort "Spring": Cal.');
    expect((await command('cora', 'admin cohort remove Spring @cal')).text).toMatch(/Cal is not in cohort "Spring"; nothing changed/);
    expect(await memberNames()).toEqual(['Ann', 'Ben']);
    const trail = await services.store.audit.listForSubject('cohort', (await spring()).id);
    expect(trail.map((e) => e.action)).toEqual(['cohort.create', 'cohort.member.add', 'cohort.member.add', 'cohort.member.add', 'cohort.member.remove']);
  });

  it('refuses a member of the program who is not a coordinator', async () => {
    expect((await command('dan', 'admin cohort add Spring @dan')).text).toContain('Only a program coordinator can do that.');
  });
});

describe('/mentor admin cohort meeting and schedule', () => {
  it("schedules one meeting in the coordinator's zone and announces it in the cohort's channel with RSVP buttons", async () => {
    const seen = await command('cora', 'admin cohort meeting Spring 2026-04-07 18:30 90 Case consultation');
    const [meeting] = await meetings();
    expect(meeting).toMatchObject({ title: 'Case consultation', durationMinutes: 90, startsAt: new Date('2026-04-07T17:30:00Z') });
    expect(seen.text).toContain(`${meetingCode(meeting!.id)} · Tue 7 Apr 2026, 18:30 (Europe/London) · Case consultation · 90 min`);
    const [post] = seen.outbound;
    // A channel post carries times and codes only: no member names, nothing anyone wrote.
    expect(post!.message.text).not.toMatch(/Ann|Ben/);
    expect(post!.to).toEqual({ kind: 'channel', workspaceId, channelId: 'C-spring' });
    expect(post!.message.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []))).toEqual([
      expect.objectContaining({ action: 'cohort.rsvp', value: `${meeting!.id}:yes` }),
      expect.objectContaining({ action: 'cohort.rsvp', value: `${meeting!.id}:maybe` }),
      expect.objectContaining({ action: 'cohort.rsvp', value: `${meeting!.id}:no` }),
    ]);
  });

  it('uses a 60-minute "Peer cohort meeting" when no length or title is given', async () => {
    await command('cora', 'admin cohort meeting Spring 2026-03-10 12:00');
    expect((await meetings())[0]).toMatchObject({ title: 'Peer cohort meeting', durationMinutes: 60, startsAt: new Date('2026-03-10T12:00:00Z') });
  });

  it('reads the length as minutes or hours and minutes; a first word that is no length starts the title', async () => {
    await command('cora', 'admin cohort meeting Spring 2026-05-05 18:00 1h30m Reading group');
    await command('cora', 'admin cohort meeting Spring 2026-5-12 18:00 Q2 review');
    const at = async (iso: string) => (await meetings()).find((m) => m.startsAt.toISOString() === iso);
    expect(await at('2026-05-05T17:00:00.000Z')).toMatchObject({ title: 'Reading group', durationMinutes: 90 });
    expect(await at('2026-05-12T17:00:00.000Z')).toMatchObject({ title: 'Q2 review', durationMinutes: 60 });
  });

  it('refuses bad dates and times, past times, unknown cohorts and non-coordinators — scheduling nothing', async () => {
    const before = (await meetings()).length;
    const cases: [string, string, RegExp][] = [
      ['cora', 'admin cohort meeting Spring 07/04/2026 18:30', /"07\/04\/2026" is not a date/],
      ['cora', 'admin cohort meeting Spring 2026-02-30 18:30', /2026-02-30 is not a real date/],
      ['cora', 'admin cohort meeting Spring 2026-04-07 25:00', /"25:00" is not a time/],
      ['cora', 'admin cohort meeting Spring 2026-04-07', /Missing <time> — start time, HH:MM/],
      ['cora', 'admin cohort meeting Spring 2026-03-29 01:30', /doesn't exist on 2026-03-29 in Europe\/London/],
      ['cora', 'admin cohort meeting Spring 2026-03-04 09:00', /already passed/],
      ['cora', 'admin cohort meeting Spring 2026-04-07 18:30 5', /between 10 and 480 minutes/],
      ['cora', 'admin cohort meeting Spring yesterday 18:30', /already passed/],
      ['cora', `admin cohort meeting Spring 2026-04-07 18:30 ${'t'.repeat(101)}`, /the most is 100/],
      ['cora', 'admin cohort meeting Winter 2026-04-07 18:30', /no cohort called "Winter"/],
      ['ann', 'admin cohort meeting Spring 2026-04-07 18:30', /Only a program coordinator/],
    ];
    for (const [who, text, expected] of cases) {
      const seen = await command(who, text);
      expect(seen.text).toMatch(expected);
      expect(seen.private).toBe(true);
      expect(seen.outbound).toEqual([]);
    }
    expect((await command('cora', 'admin cohort meeting Spring 2026-02-30 18:30')).text).toContain('Usage: `/mentor admin cohort meeting <name> <date> <time> [minutes] [title…]`');
    expect(await meetings()).toHaveLength(before);
  });

  it("creates the template's monthly peer meetings — 4 across the 16 weeks of guided practice — and adds nothing when run twice", async () => {
    const before = (await meetings()).length;
    const seen = await command('cora', 'admin cohort schedule Spring 2026-06-02 18:00');
    expect(seen.text).toContain('Created 4 peer meetings for cohort "Spring": every 4 weeks across the 16 weeks of Guided practice, at 18:00 (Europe/London)');
    const planned = (await meetings()).filter((m) => m.title.startsWith('Peer cohort meeting ') && m.title.includes(' of 4'));
    expect(planned.map((m) => m.startsAt.toISOString())).toEqual(['2026-06-02T17:00:00.000Z', '2026-06-30T17:00:00.000Z', '2026-07-28T17:00:00.000Z', '2026-08-25T17:00:00.000Z']);
    expect(seen.outbound).toHaveLength(1);
    expect(seen.outbound[0]!.to).toEqual({ kind: 'channel', workspaceId, channelId: 'C-spring' });
    expect(seen.outbound[0]!.message.text).toContain('4 peer meetings are scheduled');
    const again = await command('cora', 'admin cohort schedule Spring 2026-06-02 18:00');
    expect(again.text).toMatch(/^Nothing to add: cohort "Spring" has every peer meeting of Guided practice it can still have\. 4 already had a meeting/);
    expect(again.outbound).toEqual([]);
    expect(await meetings()).toHaveLength(before + 4);
  });

  it('refuses to plan meetings for a program whose template has none, and a first date in the past', async () => {
    await command('pete', 'admin cohort create Circle', 'C-circle');
    expect((await command('pete', 'admin cohort schedule Circle 2026-06-02 18:00')).text).toMatch(/has no peer cohort meetings to plan/);
    expect((await command('cora', 'admin cohort schedule Spring 2026-03-01 18:00')).text).toMatch(/already passed/);
    expect((await command('cora', 'admin cohort schedule Spring 2026-06-02 18:00 extra')).text).toMatch(/didn't expect "extra"/);
  });
});

describe('/mentor cohort and RSVP', () => {
  it("lists the member's cohorts and upcoming meetings in their zone, with RSVP buttons carrying <meetingId>:<answer>", async () => {
    const seen = await command('ann', 'cohort');
    expect(seen.private).toBe(true);
    expect(seen.text).toContain('Cohort Spring — Certification');
    const [first] = await meetings();
    expect(seen.text).toContain(`${meetingCode(first!.id)} · Tue 10 Mar 2026, 12:00 (Europe/London) · Peer cohort meeting · 60 min · you: no answer yet`);
    expect(seen.buttons.slice(0, 3).map((b) => [b.action, b.value])).toEqual([['cohort.rsvp', `${first!.id}:yes`], ['cohort.rsvp', `${first!.id}:maybe`], ['cohort.rsvp', `${first!.id}:no`]]);
    expect((await command('eve', 'cohort')).text).toMatch(/not in a cohort yet/);
  });

  it('records an RSVP from the button and changes it by text command with the meeting code', async () => {
    const [first] = await meetings();
    expect((await press('ann', `${first!.id}:yes`)).text).toContain('you\'re down as "going"');
    await command('ann', `cohort rsvp ${meetingCode(first!.id).toUpperCase()} maybe`);
    expect(await services.store.cohorts.rsvps(first!.id)).toEqual([{ meetingId: first!.id, personId: ids.ann, response: 'maybe', attended: null }]);
    expect((await command('ann', 'cohort')).text).toContain('you: maybe');
  });

  it('refuses RSVPs from people outside the cohort, unknown codes and unknown answers, recording nothing', async () => {
    const [first] = await meetings();
    expect((await press('dan', `${first!.id}:yes`)).text).toMatch(/cohort you're not in/);
    expect((await press('eve', `${first!.id}:no`)).text).toMatch(/cohort you're not in/);
    expect((await press('ann', 'garbage')).text).toMatch(/no longer exists/);
    expect((await command('ann', 'cohort rsvp ffffff yes')).text).toMatch(/can't find meeting ffffff[\s\S]*Usage: `\/mentor cohort rsvp <meeting> yes\|no\|maybe`/);
    expect((await command('ann', 'cohort rsvp tuesday yes')).text).toMatch(/"tuesday" is not a meeting code/);
    expect((await command('ann', `cohort rsvp ${meetingCode(first!.id)} perhaps`)).text).toMatch(/"perhaps" is not one of: yes, no, maybe/);
    expect((await command('eve', `cohort rsvp ${meetingCode(first!.id)} yes`)).text).toMatch(/not in a cohort/);
    expect((await services.store.cohorts.rsvps(first!.id)).map((r) => r.personId)).toEqual([ids.ann]);
  });
});

describe('/mentor admin cohort attendance', () => {
  it('refuses before the meeting has started', async () => {
    const [first] = await meetings();
    expect((await command('cora', `admin cohort attendance ${meetingCode(first!.id)} @ann`)).text).toMatch(/record attendance once it has started/);
  });

  it('records who attended once the meeting is under way, and closes its RSVPs', async () => {
    const [first] = await meetings();
    clock.set('2026-03-10T12:30:00Z');
    try {
      const seen = await command('cora', `admin cohort attendance ${meetingCode(first!.id)} @ann @ben`);
      expect(seen.text).toContain('Recorded as present at "Peer cohort meeting" (Tue 10 Mar 2026, 12:00): Ann, Ben. 2 of 2 members are marked present.');
      const rsvps = await services.store.cohorts.rsvps(first!.id);
      expect(rsvps.filter((r) => r.attended).map((r) => r.personId).sort()).toEqual([ids.ann, ids.ben].sort());
      expect((await press('ben', `${first!.id}:no`)).text).toMatch(/already started/);
      const list = await command('cora', 'admin cohort list');
      expect(list.text).toContain('held; 2 of 2 attended');
      expect(list.text).toMatch(/Case consultation · 90 min — going 0, maybe 0, no 0/);
    } finally {
      clock.set(NOW);
    }
  });

  it('refuses unknown meetings, non-members and missing names, recording nothing', async () => {
    const [first] = await meetings();
    clock.set('2026-03-10T12:30:00Z');
    try {
      const code = meetingCode(first!.id);
      expect((await command('cora', 'admin cohort attendance abcdef @ann')).text).toMatch(/can't find meeting abcdef/);
      expect((await command('cora', `admin cohort attendance ${code} @cal`)).text).toMatch(/Cal is not in cohort "Spring"; nothing was recorded/);
      expect((await command('cora', `admin cohort attendance ${code}`)).text).toMatch(/Name the people as @name/);
      expect((await command('pete', `admin cohort attendance ${code} @ann`)).text).toMatch(/can't find meeting/);
      expect((await command('ann', `admin cohort attendance ${code} @ann`)).text).toContain('Only a program coordinator');
      expect((await services.store.cohorts.rsvps(first!.id)).filter((r) => r.attended)).toHaveLength(2);
    } finally {
      clock.set(NOW);
    }
  });

  it('lists every cohort command in /mentor help, the admin ones under coordinators', async () => {
    const help = (await command('ann', 'help')).text;
    const [everyone = '', forCoordinators = ''] = help.split('For coordinators');
    expect(everyone).toContain('`/mentor cohort` — ');
    expect(everyone).toContain('`/mentor cohort rsvp <meeting> yes|no|maybe` — ');
    expect(everyone).not.toContain('/mentor admin cohort');
    for (const word of ['create <name>', 'add <name> @people…', 'remove <name> @people…', 'meeting <name> <date> <time> [minutes] [title…]', 'schedule <name> [first-date] [time] [--zone <zone>]', 'attendance <meeting> @people…', 'list']) {
      expect(forCoordinators).toContain(`/mentor admin cohort ${word}`);
    }
  });
});
