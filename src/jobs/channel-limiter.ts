// Rate limits checked right before each platform call, in Redis, shared by every worker.
//
// BullMQ's open-source limiter is per queue and counts jobs as they *start* in fixed windows, so
// finished sends can still bunch (two windows' worth in one second), and it has no per-channel
// keys (that is BullMQ Pro's "groups"). Slack allows about 1 message per second per channel
// (a DM is a channel); Discord 50 requests per second per bot. So each delivery asks this
// limiter for every rule that applies to it — its channel, and the platform as a whole — and a
// Lua script checks a sliding log per key atomically, on Redis' own clock: at most `max` sends in
// any `windowMs`. If one rule is full, nothing is counted and the answer is how long to wait; the
// job then waits in BullMQ's delayed set. BullMQ's queue limiter stays as the coarse gate that
// keeps workers from pulling jobs much faster than the platform takes them.
import type { Redis } from 'ioredis';
import type { RateRule } from './config.js';

const LIMIT_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local wait = 0
for i, key in ipairs(KEYS) do
  local max, window = tonumber(ARGV[3 * i - 2]), tonumber(ARGV[3 * i - 1])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  if redis.call('ZCARD', key) >= max then
    local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
    local w = tonumber(oldest[2]) + window - now
    if w > wait then wait = w end
  end
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[3 * i])
  redis.call('PEXPIRE', key, tonumber(ARGV[3 * i - 1]))
end
return 0
`;

/** Fills the key's log with entries that age out only `ARGV[3]` ms from now (Retry-After). */
const PENALTY_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local max, window, ms = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
for i = 1, max do redis.call('ZADD', KEYS[1], now + ms - window, 'retry-after:' .. i) end
redis.call('PEXPIRE', KEYS[1], ms + window)
return 0
`;

type ScriptCommand = (numKeys: number, ...args: (string | number)[]) => Promise<number>;

export interface LimitKey {
  key: string;
  rule: RateRule | undefined;
}

export interface ChannelLimiter {
  /** 0 when the message may go now (and it is counted against every rule), else ms to wait. */
  acquire(limits: LimitKey[], id: string): Promise<number>;
  /** The platform said Retry-After: nothing more goes to that key until it has passed. */
  penalize(limit: LimitKey, ms: number): Promise<void>;
}

export function createChannelLimiter(redis: Redis, prefix: string): ChannelLimiter {
  if (!('trellisLimit' in redis)) redis.defineCommand('trellisLimit', { lua: LIMIT_SCRIPT });
  if (!('trellisPenalty' in redis)) redis.defineCommand('trellisPenalty', { lua: PENALTY_SCRIPT });
  const commands = redis as unknown as { trellisLimit: ScriptCommand; trellisPenalty: ScriptCommand };
  // The prefix carries the queues' hash tag, so these keys live in the same Cluster slot.
  const keyOf = (key: string) => `${prefix}:limit:${key}`;
  return {
    async acquire(limits, id) {
      const active = limits.filter((l): l is { key: string; rule: RateRule } => l.rule !== undefined);
      if (!active.length) return 0;
      const args = active.flatMap((l) => [l.rule.max, l.rule.windowMs, `${id}:${Math.random().toString(36).slice(2)}`]);
      return Number(await commands.trellisLimit(active.length, ...active.map((l) => keyOf(l.key)), ...args));
    },
    async penalize({ key, rule }, ms) {
      if (!rule || ms <= 0) return;
      await commands.trellisPenalty(1, keyOf(key), rule.max, rule.windowMs, Math.ceil(ms));
    },
  };
}
