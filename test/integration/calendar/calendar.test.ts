// Every .ics the web process serves, read back with an independent parser (node-ical): the
// meeting invite and its updates, and two people's private feeds in two zones across DST.
import ical, { type VEvent } from 'node-ical';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHarness } from '../../support/core-harness.js';
import { local, startWebRoutes } from '../../support/web-app.js';

const NOTE = 'NOTE-MARK-7781';
const PHONE = '5550144321';
let h: CoreHarness;
let web: Awaited<ReturnType<typeof startWebRoutes>>;

const urlIn = (text: string, path: RegExp): string => {
  const found = text.match(new RegExp(`https?://\\S+${path.source}`));
  if (!found) throw new Error(`no link in: ${text}`);
  return found[0];
};
interface Parsed { uid: string; summary: string; start: Date; end: Date; sequence: number; datetype: string }
const plain = (e: VEvent): Parsed => ({
  uid: e.uid, summary: typeof e.summary === 'string' ? e.summary : e.summary.val, start: e.start, end: e.end!, sequence: Number(e.sequence ?? 0), datetype: e.datetype,
});
async function fetchIcs(url: string): Promise<{ status: number; body: string; events: Parsed[] }> {
  const res = await fetch(local(url, web.base));
  const body = await res.text();
  if (res.status !== 200) return { status: res.status, body, events: [] };
  expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
  const events = Object.values(ical.sync.parseICS(body)).filter((c): c is VEvent => c?.type === 'VEVENT').map(plain);
  return { status: res.status, body, events };
}
const localTime = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toFormat('HH:mm');

beforeAll(async () => {
  h = await CoreHarness.start('2026-03-02T14:00:00Z');
  web = await startWebRoutes(h.services);
  await h.createProgram('cora', 'cert', 'certification-40-week');
  await h.command('cora', 'settings timezone UTC');
  await h.joinAsMentor('mo', 'cert');
  for (const [who, zone] of [['tia', 'Europe/London'], ['ned', 'America/New_York']] as const) {
    await h.command(who, `settings timezone ${zone}`);
    await h.command(who, 'settings reminders Mon 09:30');
    await h.joinAsMentee(who, 'cert');
  }
  await h.command('cora', 'admin match @mo @tia');
  await h.command('mo', `log-call 30m supervision today ${NOTE}`);
  await h.command('cora', 'admin cohort create peers', 'C-peers');
  await h.command('cora', 'admin cohort add peers @tia @ned');
}, 120_000);
afterAll(async () => {
  await web?.close();
  await h?.close();
});

describe('meeting invites', () => {
  let invite: string;
  it('announces a meeting with an "Add to calendar" link under TRELLIS_PUBLIC_URL, and the .ics reads back', async () => {
    await h.command('cora', 'admin cohort meeting peers 2026-04-02 18:00 60 Spring check-in');
    const post = h.takeDelivered('#C-peers').at(-1)!;
    invite = urlIn(post.text, /\/calendar\/meetings\/[0-9a-f-]{36}\.ics/);
    expect(invite.startsWith(h.services.env.TRELLIS_PUBLIC_URL)).toBe(true);
    const { events } = await fetchIcs(invite);
    expect(events).toHaveLength(1);
    expect(events[0]!.summary).toBe('peers: Spring check-in');
    expect(events[0]!.start.toISOString()).toBe('2026-04-02T18:00:00.000Z');
    expect(Number(events[0]!.sequence)).toBe(0);
  });

  it('a moved meeting keeps its UID with a higher SEQUENCE; a cancelled one says STATUS:CANCELLED', async () => {
    const before = (await fetchIcs(invite)).events[0]!;
    const code = invite.match(/meetings\/([0-9a-f]{6})/)![1]!;
    expect((await h.command('cora', `admin cohort move ${code} 2026-04-09 17:00`)).text).toMatch(/^Moved/);
    expect(h.takeDelivered('#C-peers').at(-1)!.text).toContain(invite);
    const moved = (await fetchIcs(invite)).events[0]!;
    expect(moved.uid).toBe(before.uid);
    expect(Number(moved.sequence)).toBe(1);
    expect(moved.start.toISOString()).toBe('2026-04-09T17:00:00.000Z');
    expect((await h.command('cora', `admin cohort cancel ${code}`)).text).toMatch(/^Cancelled/);
    const cancelled = await fetchIcs(invite);
    expect(cancelled.events[0]!.uid).toBe(before.uid);
    expect(Number(cancelled.events[0]!.sequence)).toBe(2);
    expect(cancelled.body).toContain('STATUS:CANCELLED');
  });

  it('an unknown meeting is 404', async () => {
    expect((await fetch(`${web.base}/calendar/meetings/00000000-0000-4000-8000-000000000000.ics`)).status).toBe(404);
  });
});

describe('private feeds', () => {
  it('answers privately with the same long address each time; the feed shows local times in two zones across DST', async () => {
    await h.command('cora', 'admin cohort meeting peers 2026-03-26 18:00 Peer meeting');
    const first = await h.command('tia', 'calendar');
    expect(first.private).toBe(true);
    const feed = urlIn(first.text, /\/calendar\/[A-Za-z0-9_-]{43}\.ics/);
    expect(urlIn((await h.command('tia', 'calendar')).text, /\/calendar\/\S+\.ics/)).toBe(feed);

    const tia = await fetchIcs(feed);
    const supervision = tia.events.filter((e) => e.summary.startsWith('Supervision call'));
    // Weekly periods in weeks 1–12 at Monday 09:30 London: GMT before 29 March, BST after.
    expect(supervision.length).toBeGreaterThanOrEqual(12);
    for (const e of supervision) expect(localTime(e.start, 'Europe/London')).toBe('09:30');
    const utc = new Set(supervision.map((e) => e.start.toISOString().slice(11, 16)));
    expect(utc).toEqual(new Set(['09:30', '08:30']));
    expect(tia.events.some((e) => e.summary === 'peers: Peer meeting' && e.start.toISOString() === '2026-03-26T18:00:00.000Z')).toBe(true);
    expect(tia.events.some((e) => e.summary.startsWith('Final case review'))).toBe(true);

    const ned = await fetchIcs(urlIn((await h.command('ned', 'calendar')).text, /\/calendar\/\S+\.ics/));
    const nedSupervision = ned.events.filter((e) => e.summary.startsWith('Supervision call'));
    // New York moves to EDT on 8 March: 14:30Z becomes 13:30Z, 09:30 local throughout.
    for (const e of nedSupervision) expect(localTime(e.start, 'America/New_York')).toBe('09:30');
    expect(new Set(nedSupervision.map((e) => e.start.toISOString().slice(11, 16)))).toEqual(new Set(['14:30', '13:30']));
    expect(ned.body).toContain('BEGIN:VTIMEZONE');
    expect(ned.body).toContain('TZID:America/New_York');

    for (const body of [tia.body, ned.body]) {
      expect(body).not.toContain(NOTE);
      expect(body).not.toContain(PHONE);
      expect(body).not.toMatch(/\bmo\b/);
    }
  });

  it("shows a mentor the first-call deadline of a new match, and nothing of the mentee", async () => {
    await h.createProgram('cody', 'peers', 'peer-recovery');
    await h.joinAsMentor('pam', 'peers');
    await h.joinAsMentee('bea', 'peers');
    await h.command('cody', 'admin match @pam @bea');
    await h.command('bea', `consent sign Bea ${PHONE}`);
    const pam = await fetchIcs(urlIn((await h.command('pam', 'calendar')).text, /\/calendar\/\S+\.ics/));
    const due = pam.events.find((e) => e.summary === 'First call with your new mentee is due')!;
    expect(due.end.getTime() - Date.parse('2026-03-02T14:00:00Z')).toBe(7 * 86_400_000);
    expect(pam.body).not.toContain('Bea');
    expect(pam.body).not.toContain(PHONE);
  });

  it('without a chosen time, supervision periods are all-day spans', async () => {
    await h.joinAsMentee('una', 'cert');
    const una = await fetchIcs(urlIn((await h.command('una', 'calendar')).text, /\/calendar\/\S+\.ics/));
    const first = una.events.find((e) => e.summary === 'Supervision call (week 1)')!;
    expect(first.datetype).toBe('date');
    expect(una.body).toMatch(/DTSTART;VALUE=DATE:\d{8}/);
  });

  it('reset replaces the address at once: the old one is 404', async () => {
    const old = urlIn((await h.command('ned', 'calendar')).text, /\/calendar\/\S+\.ics/);
    const reset = await h.command('ned', 'calendar reset');
    expect(reset.private).toBe(true);
    const fresh = urlIn(reset.text, /\/calendar\/\S+\.ics/);
    expect(fresh).not.toBe(old);
    expect((await fetch(local(old, web.base))).status).toBe(404);
    expect((await fetchIcs(fresh)).status).toBe(200);
    expect((await fetch(`${web.base}/calendar/not-a-token.ics`)).status).toBe(404);
  });

  it('stores only the hash of the token, never the address', async () => {
    const url = urlIn((await h.command('tia', 'calendar')).text, /\/calendar\/\S+\.ics/);
    const token = url.match(/calendar\/(\S+)\.ics/)![1]!;
    const rows = await h.services.prisma.calendarFeed.findMany();
    expect(JSON.stringify(rows)).not.toContain(token);
  });
});
