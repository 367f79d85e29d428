import { createPublicKey, verify, type KeyObject } from 'node:crypto';

// A raw 32-byte Ed25519 public key becomes a KeyObject by prefixing the fixed SPKI DER header
// (RFC 8410: SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING }), so node:crypto verifies
// Discord's signatures without any extra dependency.
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function ed25519PublicKey(hex: string): KeyObject {
  const raw = Buffer.from(hex, 'hex');
  if (raw.length !== 32) throw new Error('DISCORD_PUBLIC_KEY must be 32 bytes of hex');
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
}

export type VerifyResult = 'ok' | 'missing-headers' | 'bad-signature' | 'stale';

export interface SignedRequest {
  signature: string | undefined;
  timestamp: string | undefined;
  body: Buffer;
}

/**
 * Checks `X-Signature-Ed25519` over `X-Signature-Timestamp + raw body`. Discord probes endpoints
 * with bad signatures and removes those that accept them. A timestamp further than `maxSkewMs`
 * from now is refused too, so a captured request cannot be replayed later.
 */
export function verifyDiscordRequest(key: KeyObject, req: SignedRequest, nowMs: number, maxSkewMs = 5 * 60_000): VerifyResult {
  const { signature, timestamp } = req;
  if (!signature || !timestamp) return 'missing-headers';
  if (!/^[0-9a-f]{128}$/i.test(signature) || !/^\d{1,12}$/.test(timestamp)) return 'bad-signature';
  const message = Buffer.concat([Buffer.from(timestamp, 'utf8'), req.body]);
  if (!verify(null, message, key, Buffer.from(signature, 'hex'))) return 'bad-signature';
  if (Math.abs(nowMs - Number(timestamp) * 1000) > maxSkewMs) return 'stale';
  return 'ok';
}
