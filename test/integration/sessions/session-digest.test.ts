import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communityInvolvement, ConsoleSession, linesFor } from '../../support/console-session.js';

// A check-in situation chosen when logging a session is a debrief request like any other: the
// supervisor's weekly digest lists it among what waits for them — the reason, never the notes.
let s: ConsoleSession;
beforeAll(async () => {
  // Monday 2 March 2026, 09:00 in New York.
  s = await ConsoleSession.withProgram(communityInvolvement());
}, 60_000);
afterAll(() => s.close());

describe("a session's check-in in the supervisor's digest", () => {
  it('the digest names the debrief asked for after a session, with its reason and nothing Pat wrote', async () => {
    await s.run('as pat\n/mentor session log 50m "the client spoke about his father" --check-in risky-setting');
    const out = await s.run('advance 8d');
    const digest = linesFor(out, 'to mo]').join('\n');
    expect(digest).toContain('Asked you for a debrief: a safety concern.');
    expect(out.join('\n')).not.toContain('his father');
  });
});
