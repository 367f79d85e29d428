// The dashboard address: program, coordinator and expiry, signed with HMAC-SHA256 under the
// server's key. Anyone holding it may look until it expires; nothing else is accepted.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** Long enough to open and glance at; short enough that a forwarded link soon stops working. */
export const DASHBOARD_LINK_MINUTES = 30;

const ZClaims = z.object({ p: z.string().min(1).max(64), c: z.string().min(1).max(64), e: z.number().int() });
export interface DashboardClaims { programId: string; personId: string; expiresAt: Date }

const sign = (key: Buffer, body: string) => createHmac('sha256', key).update(`dashboard:${body}`).digest('base64url');

export function signDashboard(key: Buffer, programId: string, personId: string, now: Date): { token: string; expiresAt: Date } {
  const expiresAt = new Date(now.getTime() + DASHBOARD_LINK_MINUTES * 60_000);
  const body = Buffer.from(JSON.stringify({ p: programId, c: personId, e: expiresAt.getTime() })).toString('base64url');
  return { token: `${body}.${sign(key, body)}`, expiresAt };
}

export type Verified = { ok: true; claims: DashboardClaims } | { ok: false; reason: 'forged' | 'expired' };

export function verifyDashboard(key: Buffer, token: string, now: Date): Verified {
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined) return { ok: false, reason: 'forged' };
  const expected = Buffer.from(sign(key, body));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'forged' };
  let parsed: z.infer<typeof ZClaims>;
  try {
    parsed = ZClaims.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
  } catch {
    return { ok: false, reason: 'forged' };
  }
  if (parsed.e <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { programId: parsed.p, personId: parsed.c, expiresAt: new Date(parsed.e) } };
}
