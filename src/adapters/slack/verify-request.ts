import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack's window: a request more than five minutes from our clock, either way, is refused (replays). */
export const MAX_SKEW_SECONDS = 5 * 60;

export type VerifyFailure = 'missing-headers' | 'bad-timestamp' | 'stale' | 'future' | 'bad-signature';

export interface VerifyInput {
  signingSecret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: Buffer;
  nowMs: number;
}

/** `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<body>`: what Slack puts in X-Slack-Signature. */
export function signSlackRequest(signingSecret: string, timestamp: string | number, rawBody: string | Buffer): string {
  const hmac = createHmac('sha256', signingSecret);
  hmac.update(`v0:${timestamp}:`);
  hmac.update(rawBody);
  return `v0=${hmac.digest('hex')}`;
}

/**
 * Checks Slack's request signature and timestamp. Bolt's own check refuses only old timestamps;
 * we also refuse ones more than five minutes ahead, which a replay with a forged clock would need.
 */
export function verifySlackRequest(input: VerifyInput): VerifyFailure | null {
  if (!input.timestamp || !input.signature) return 'missing-headers';
  if (!/^\d{1,12}$/.test(input.timestamp)) return 'bad-timestamp';
  const skew = Math.floor(input.nowMs / 1000) - Number(input.timestamp);
  if (skew > MAX_SKEW_SECONDS) return 'stale';
  if (skew < -MAX_SKEW_SECONDS) return 'future';
  const expected = Buffer.from(signSlackRequest(input.signingSecret, input.timestamp, input.rawBody));
  const given = Buffer.from(input.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad-signature';
  return null;
}
