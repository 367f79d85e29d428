// The holder's PDF address: the certificate's code signed with HMAC-SHA256 under the server's
// link key. The code alone is public (it is printed on the certificate and checked on the page);
// the PDF, which also shows hours and supervision, opens only with the signature the holder got.
// It does not expire: a certificate is kept and shared for years, and the holder decides with whom.
import { createHmac, timingSafeEqual } from 'node:crypto';

const SIGNATURE_CHARS = 32;

export const signCertificate = (key: Buffer, code: string): string =>
  createHmac('sha256', key).update(`certificate-pdf:${code}`).digest('base64url').slice(0, SIGNATURE_CHARS);

export function verifyCertificateSignature(key: Buffer, code: string, signature: unknown): boolean {
  if (typeof signature !== 'string' || signature.length !== SIGNATURE_CHARS) return false;
  return timingSafeEqual(Buffer.from(signCertificate(key, code)), Buffer.from(signature));
}
