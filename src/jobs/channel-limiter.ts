// Per-channel rate limits in Redis. BullMQ's open-source limiter is per queue (we use it for a
// platform's global limit); Slack's "about 1 message per second per channel" and Discord's
// per-channel buckets need a key per channel, which BullMQ keeps for its Pro "groups". So each
// delivery asks this limiter first: a Lua script checks and counts atomically, and answers how
// long to wait; the job then moves itself to BullMQ's delayed set for that long.
//
// Each rule is a window that starts at its first message: INCR, and on the first one PEXPIRE.
// With {max: 1, windowMs: 1000} that means consecutive messages to a channel are ≥ 1 s apart.
// A 429 "penalises" the key for Retry-After so every job for that channel waits it out.
import type { Redis } from 'ioredis';
import type { RateRule } from './config.js';

const LIMIT_SCRIPT = `
local wait = 0
for i, key in ipairs(KEYS) do
  local max = tonumber(ARGV[2 * i - 1])
  local count = tonumber(redis.call('GET', key) or '0')
  if count >= max then
    local ttl = redis.call('PTTL', key)
    if ttl < 0 then ttl = tonumber(ARGV[2 * i]) end
    if ttl > wait then wait = ttl end
  end
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  if redis.call('INCR', key) == 1 then redis.call('PEXPIRE', key, tonumber(ARGV[2 * i])) end
end
return 0
`;

type LimitCommand = (numKeys: number, ...args: (string | number)[]) => Promise<number>;

export interface ChannelLimiter {
  /** 0 when the message may go now (and it is counted), else the milliseconds to wait. */
  acquire(channelKey: string, rule: RateRule | undefined): Promise<number>;
  /** Blocks the channel for `ms` (the platform said Retry-After). */
  penalize(channelKey: string, rule: RateRule | undefined, ms: number): Promise<void>;
}

export function createChannelLimiter(redis: Redis, prefix: string): ChannelLimiter {
  if (!('trellisLimit' in redis)) redis.defineCommand('trellisLimit', { lua: LIMIT_SCRIPT });
  const run = (redis as unknown as { trellisLimit: LimitCommand }).trellisLimit.bind(redis);
  // The prefix carries the queues' hash tag, so these keys live in the same Cluster slot.
  const keyOf = (channelKey: string) => `${prefix}:limit:${channelKey}`;
  return {
    async acquire(channelKey, rule) {
      if (!rule) return 0;
      return Number(await run(1, keyOf(channelKey), rule.max, rule.windowMs));
    },
    async penalize(channelKey, rule, ms) {
      if (!rule || ms <= 0) return;
      await redis.set(keyOf(channelKey), String(rule.max), 'PX', Math.ceil(ms));
    },
  };
}
