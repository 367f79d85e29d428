import { describe, expect, it } from 'vitest';
import { feedToken, newSeed, tokenHash, TOKEN_SHAPE } from '../../../src/calendar/feed-token.js';
import { signDashboard, verifyDashboard } from '../../../src/dashboard/signed-link.js';
import { createPublicLinks, deriveLinkKey } from '../../../src/http/public-links.js';

const key = deriveLinkKey(Buffer.alloc(32, 7));
const now = new Date('2026-03-29T00:30:00Z');

describe('feed tokens', () => {
  it('are 43 random-looking characters, differ per seed and key, and only their hash is stored', () => {
    const a = feedToken(key, newSeed());
    expect(a).toMatch(TOKEN_SHAPE);
    expect(feedToken(key, newSeed())).not.toBe(a);
    expect(feedToken(deriveLinkKey(Buffer.alloc(32, 8)), 'seed')).not.toBe(feedToken(key, 'seed'));
    expect(tokenHash(a)).toMatch(/^[0-9a-f]{64}$/);
    const links = createPublicLinks('https://t.example.org/', key);
    const seed = newSeed();
    expect(links.feed(seed).url).toBe(`https://t.example.org/calendar/${feedToken(key, seed)}.ics`);
    expect(links.feed(seed).tokenHash).toBe(tokenHash(feedToken(key, seed)));
    expect(links.meetingInvite('abc')).toBe('https://t.example.org/calendar/meetings/abc.ics');
  });
});

describe('dashboard links', () => {
  it('verify for 30 minutes, then are expired; a changed body, MAC or key is forged', () => {
    const { token, expiresAt } = signDashboard(key, 'prog', 'cora', now);
    expect(expiresAt.getTime() - now.getTime()).toBe(30 * 60_000);
    expect(verifyDashboard(key, token, now)).toEqual({ ok: true, claims: { programId: 'prog', personId: 'cora', expiresAt } });
    expect(verifyDashboard(key, token, expiresAt)).toEqual({ ok: false, reason: 'expired' });
    const [body, mac] = token.split('.');
    const other = Buffer.from(JSON.stringify({ p: 'other', c: 'cora', e: expiresAt.getTime() })).toString('base64url');
    expect(verifyDashboard(key, `${other}.${mac}`, now)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyDashboard(key, `${body}.${mac!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`, now)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyDashboard(deriveLinkKey(Buffer.alloc(32, 9)), token, now)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyDashboard(key, 'x.y.z', now).ok).toBe(false);
  });
});
