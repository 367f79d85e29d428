// Discord's stashed forms in Redis (see form-stash.ts), sealed with the app's key: a form filled
// in again after a bad answer may hold what someone typed (call notes), and Redis is not where
// private words live in clear.
import type { Redis } from 'ioredis';
import type { Cipher } from '../../security/crypto.js';
import type { SharedFormStore } from './form-stash.js';

/** `redis` is asked for the connection at first use, so a process that never stashes a form opens none. */
export function createRedisFormStore(redis: () => Pick<Redis, 'set' | 'get'>, cipher: Cipher, prefix: string): SharedFormStore {
  const keyOf = (key: string) => `${prefix}:discord-form:${key}`;
  return {
    async set(key, value, ttlMs) {
      await redis().set(keyOf(key), cipher.encrypt(value), 'PX', ttlMs);
    },
    async get(key) {
      const sealed = await redis().get(keyOf(key));
      if (!sealed) return null;
      try {
        return cipher.decrypt(sealed);
      } catch {
        return null;
      }
    },
  };
}
