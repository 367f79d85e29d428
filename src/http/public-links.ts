// Every address Trellis hands out, under TRELLIS_PUBLIC_URL, with one key derived from the
// encryption key (HKDF) so links need no extra secret to configure and cannot decrypt anything.
import { hkdfSync } from 'node:crypto';
import { feedToken, newSeed, tokenHash } from '../calendar/feed-token.js';
import type { PublicLinks } from '../core/ports/links.js';
import { signDashboard } from '../dashboard/signed-link.js';
import { signCertificate } from '../certificates/signed-link.js';
import { formatCode } from '../core/certification/code.js';

export const deriveLinkKey = (encryptionKey: Buffer): Buffer => Buffer.from(hkdfSync('sha256', encryptionKey, 'trellis', 'public-links', 32));

export function createPublicLinks(publicUrl: string, key: Buffer): PublicLinks {
  const base = publicUrl.replace(/\/+$/, '');
  return {
    meetingInvite: (meetingId) => `${base}/calendar/meetings/${encodeURIComponent(meetingId)}.ics`,
    newFeedSeed: newSeed,
    feed(seed) {
      const token = feedToken(key, seed);
      return { url: `${base}/calendar/${token}.ics`, tokenHash: tokenHash(token) };
    },
    dashboard(programId, personId, now) {
      const { token, expiresAt } = signDashboard(key, programId, personId, now);
      return { url: `${base}/dashboard/${token}`, expiresAt };
    },
    certificatePage: (code) => `${base}/certificates/${formatCode(code)}`,
    certificatePdf: (code) => `${base}/certificates/${formatCode(code)}.pdf?s=${signCertificate(key, code)}`,
  };
}
