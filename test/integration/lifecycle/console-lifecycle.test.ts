import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certMentor, certTrainee, ConsoleSession, linesFor } from '../../support/console-session.js';

// A whole program lifecycle typed into the console adapter, as a coordinator would run a demo.
// Each step checks what each person saw (and what they did not).
let s: ConsoleSession;
beforeAll(async () => {
  s = await ConsoleSession.start(new Date('2026-03-02T14:00:00Z'));
});
afterAll(() => s.close());

const joined = (out: string[], who: string) => linesFor(out, `to ${who} (private)`).some((l) => l.includes('Welcome to'));

describe('console lifecycle', () => {
  it('1. a coordinator creates a program from the 40-week template; a mentor and a mentee join through the checkpoint', async () => {
    const out = await s.joinProgram({
      coordinator: 'cora',
      joiners: [certMentor('mo', 'Mon 18:00-20:00, Thu'), certTrainee('tia', 'Mon 19:00-21:00', 'Lead a family meeting on my own')],
    });
    expect(linesFor(out, 'to cora (private)')[0]).toContain('Created Interventionist certification mentorship (`cert`)');
    expect(linesFor(out, 'to mo (private)')[0]).toContain('Before you join Interventionist certification mentorship as mentor');
    expect(joined(out, 'mo') && joined(out, 'tia')).toBe(true);
    expect(linesFor(out, 'to cora]')).toEqual([
      '[to cora] Mo joined Interventionist certification mentorship as mentor.',
      '[to cora] Tia joined Interventionist certification mentorship as mentee.',
    ]);
  });

  it('2. a match is suggested and made; both sides are told', async () => {
    const out = await s.run(`
as cora
/mentor admin suggest @tia
/mentor admin match @mo @tia
`);
    expect(out.join('\n')).toMatch(/1\. Mo — .*available on the same days \(Mon\); no current mentees/);
    expect(linesFor(out, 'to mo]')[0]).toContain("You are now Tia's mentor");
    expect(linesFor(out, 'to tia]')[0]).toContain('Mo is now your mentor');
  });

  it('3. the first call is logged and confirmed with one action; the notes stay with the mentor', async () => {
    const out = await s.run(`
as mo
/mentor log-call 30m first-call today Talked about the Lee family referral
as tia
press call.confirm
`);
    expect(linesFor(out, 'to tia]')[0]).toContain('Mo logged a 30m first call on 2026-03-02 with you. Is that right?');
    expect(linesFor(out, 'to tia (private)')[0]).toContain('is confirmed');
    expect(linesFor(out, 'to mo]')[0]).toContain('Tia confirmed the first call');
    expect(out.filter((l) => !l.startsWith('[to mo (private)')).join('\n')).not.toContain('Lee family');
  });

  it('4. in the peer-recovery program, the mentee signs the release and only then the mentor gets first name and phone', async () => {
    const out = await s.run(`
as cora
/mentor admin program create peers peer-recovery
as max
/mentor join peers mentor
press join.confirm
submit join-details availability="Sat" criterion=recovery-time field=pharmacy readiness=yes expectations=agree
as bea
/mentor join peers
press join.confirm
submit join-details profession=pharmacy availability="Sat 10-12" mentor-field=same-field mentor-gender=no-preference mentor-experience=no-preference other-preferences=none hopes="steady footing"
as cora
/mentor admin match @max @bea --program peers
as max
/mentor contact
as bea
press consent.review
submit release first_name=Bea phone="+1 555 010 0142" agree=sign
as max
/mentor contact
/mentor status
`);
    const maxSaw = linesFor(out, 'to max (private)');
    expect(maxSaw.at(-3)).toContain('You have no active mentee');
    expect(maxSaw.at(-2)).toBe('[to max (private)] Bea — +15550100142');
    expect(out.join('\n')).toContain('First call: 7 days left');
    expect(linesFor(out, 'to cora').join('\n')).not.toContain('0142');
  });

  it('5. more calls and reflections follow; one journal entry is shared with the mentor by choice', async () => {
    const out = await s.run(`
advance 2d
as mo
/mentor log-call 45m supervision
as tia
/mentor log-call 1h observation today Shadowed an intake
/mentor reflect
/mentor reflect I noticed I rush to fill silences with families.
/mentor journal share 2
as mo
/mentor journal shared
as tia
/mentor status
`);
    expect(linesFor(out, 'to tia (private)').some((l) => l.includes('Week 1'))).toBe(true);
    expect(linesFor(out, 'to mo]').some((l) => /shared/i.test(l))).toBe(true);
    expect(linesFor(out, 'to mo (private)').join('\n')).toContain('I noticed I rush to fill silences');
    const status = out.slice(out.findLastIndex((l) => l.startsWith('[to tia (private)] Interventionist'))).join('\n');
    expect(status).toMatch(/Supervision calls this phase \(weekly, 30 min\): ▰+▱* 1\/1 kept/);
    expect(status).toMatch(/Hours this week \(commitment 2–3 h\): .* 2\.3\/2 h/);
    expect(status).toContain('Reflections answered: 2');
  });

  it('6. a cohort bound to the channel holds a meeting with RSVPs and attendance', async () => {
    const created = await s.run(`
as cora
/mentor admin cohort create circle --program cert
/mentor admin cohort add circle @tia @mo --program cert
/mentor admin cohort meeting circle 2026-03-20 12:00 60 Peer circle --program cert
`);
    const announcement = linesFor(created, 'to #console').join('\n');
    expect(announcement).toContain('Peer circle');
    const code = /\b([0-9a-f]{6})\b/.exec(announcement)?.[1];
    expect(code).toBeDefined();
    const out = await s.run(`
as tia
/mentor cohort rsvp ${code} yes
advance 18d
as cora
/mentor admin cohort attendance ${code} @tia --program cert
/mentor admin cohort list --program cert
`);
    expect(linesFor(out, 'to tia (private)')[0]).toContain('down as "going"');
    expect(linesFor(out, 'to cora (private)').join('\n')).toMatch(/attend/i);
    expect(announcement).not.toMatch(/Tia|Mo\b/);
  });

  it('7. a pause freezes the program clock and resume restarts it', async () => {
    const out = await s.run(`
as tia
/mentor status
/mentor pause
advance 14d
/mentor status
/mentor resume
advance 7d
/mentor status
`);
    const weeks = out.join('\n').match(/Program week: .*/g);
    expect(weeks).toEqual(['Program week: Week 3 of 40', 'Program week: Week 3 of 40 (paused)', 'Program week: Week 4 of 40']);
  });

  it('8. the match ends by mutual agreement and a re-match keeps the hours and history', async () => {
    const out = await s.run(`
as tia
/mentor end
as mo
press match.end-agree
as cora
/mentor admin match @mo @tia --program cert
as tia
/mentor status
`);
    expect(linesFor(out, 'to tia]').some((l) => l.includes('has ended'))).toBe(true);
    expect(linesFor(out, 'to tia]').at(-1)).toContain('Mo is now your mentor');
    expect(out.join('\n')).toContain('Reflections answered: 2');
    expect(await s.services.prisma.callLog.count({ where: { enrollment: { person: { identities: { some: { handle: 'tia' } } } } } })).toBeGreaterThanOrEqual(1);
  });
});
