// A feed address is a capability: whoever has it reads the feed. The token is an HMAC of a random
// per-person seed under the server's key, so neither the database alone (seed, token hash) nor the
// key alone gives an address away, and `/mentor calendar` can show the same address again.
import { createHash, createHmac, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: what the store keeps for a person's feed. */
export const newSeed = (): string => randomBytes(32).toString('base64url');

/** The token in the address: 43 characters of HMAC-SHA256. */
export const feedToken = (key: Buffer, seed: string): string => createHmac('sha256', key).update(`calendar-feed:${seed}`).digest('base64url');

/** What the store looks a token up by. */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Tokens look like this; anything else is refused before any database read. */
export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
