// Rate limits checked right before each send, in Redis, shared by every worker.
//
// BullMQ's open-source limiter is per queue and counts jobs as they *start* in fixed windows, so
// finished sends can still bunch (two windows' worth in one second), and it has no per-channel
// keys (that is BullMQ Pro's "groups"). So each delivery asks this limiter for every rule that
// applies to it — its channel, its workspace, the platform as a whole — and a Lua script checks a
// sliding log per key atomically, on Redis' own clock. If one rule is full, nothing is counted and
// the answer is how long to wait; the job then waits in BullMQ's delayed set.
//
// Why a grant is not simply "at most `max` in any `windowMs`": the grant happens a little before
// the request leaves, and on a busy host an event-loop stall between the two can bunch sends that
// were granted far apart (we measured 56 sends in one second against a cap of 45). So a grant is
// valid only for `GRANT_TTL_MS`: the caller checks, right before its request, that no more than
// that has passed since it asked, and otherwise gives the grant back and asks again. And the log
// counts over `windowMs + 2 × GRANT_TTL_MS`, so even two grants at the edges of that validity,
// sent late and early, fall at least `windowMs` apart — one TTL for the send, one for the arrival
// at the platform (the receiving end's own jitter on loopback or a network).
//
// A 429 from the platform blocks the whole workspace (and the channel) for its Retry-After: the
// platforms count per workspace as well as per channel, and the next channel of the same
// workspace would meet the same 429.
import type { Cluster, Redis } from 'ioredis';
import type { RateRule } from './config.js';

/** How long a grant may wait for its request to leave before it must be asked for again. */
export const GRANT_TTL_MS = 100;

const LIMIT_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local rules = tonumber(ARGV[1])
local wait = 0
for i = rules + 1, #KEYS do
  local blocked = redis.call('PTTL', KEYS[i])
  if blocked > wait then wait = blocked end
end
for i = 1, rules do
  local max, window = tonumber(ARGV[3 * i - 1]), tonumber(ARGV[3 * i])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
  if redis.call('ZCARD', KEYS[i]) >= max then
    local oldest = redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')
    local w = tonumber(oldest[2]) + window - now
    if w > wait then wait = w end
  end
end
if wait > 0 then return wait end
for i = 1, rules do
  redis.call('ZADD', KEYS[i], now, ARGV[3 * i + 1])
  redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[3 * i]))
end
return 0
`;

const RETURN_SCRIPT = `
for i, key in ipairs(KEYS) do redis.call('ZREM', key, ARGV[1]) end
return 0
`;

type ScriptCommand = (numKeys: number, ...args: (string | number)[]) => Promise<number>;

export interface LimitKey {
  key: string;
  rule: RateRule | undefined;
}

export interface Grant {
  /** 0 when the message may go now (and it is counted against every rule), else ms to wait. */
  wait: number;
  /** Gives a grant back (it was not used in time): the counts it took are removed. */
  giveBack(): Promise<void>;
  /** True while the grant may still be used: call right before the request leaves. */
  fresh(): boolean;
}

export interface ChannelLimiter {
  /** Counts one send against every rule, unless one of them (or a block) says wait. */
  acquire(limits: LimitKey[], blocks: string[], id: string): Promise<Grant>;
  /** The platform said Retry-After: nothing more goes through these block keys until it has passed. */
  block(keys: string[], ms: number): Promise<void>;
}

export function createChannelLimiter(redis: Redis | Cluster, prefix: string): ChannelLimiter {
  if (!('trellisLimit2' in redis)) redis.defineCommand('trellisLimit2', { lua: LIMIT_SCRIPT });
  if (!('trellisReturn' in redis)) redis.defineCommand('trellisReturn', { lua: RETURN_SCRIPT });
  const commands = redis as unknown as { trellisLimit2: ScriptCommand; trellisReturn: ScriptCommand };
  // The prefix carries the queue's hash tag, so these keys live in that queue's Cluster slot.
  const keyOf = (key: string) => `${prefix}:limit:${key}`;
  const blockOf = (key: string) => `${prefix}:block:${key}`;
  return {
    async acquire(limits, blocks, id) {
      const active = limits.filter((l): l is { key: string; rule: RateRule } => l.rule !== undefined);
      const asked = performance.now();
      const member = `${id}:${Math.random().toString(36).slice(2)}`;
      const ruleKeys = active.map((l) => keyOf(l.key));
      const args = active.flatMap((l) => [l.rule.max, l.rule.windowMs + 2 * GRANT_TTL_MS, member]);
      const keys = [...ruleKeys, ...blocks.map(blockOf)];
      const wait = keys.length ? Number(await commands.trellisLimit2(keys.length, ...keys, active.length, ...args)) : 0;
      return {
        wait,
        fresh: () => !active.length || performance.now() - asked <= GRANT_TTL_MS,
        giveBack: async () => {
          if (ruleKeys.length && wait === 0) await commands.trellisReturn(ruleKeys.length, ...ruleKeys, member);
        },
      };
    },
    async block(keys, ms) {
      if (ms <= 0) return;
      await Promise.all(keys.map((k) => redis.set(blockOf(k), '1', 'PX', Math.ceil(ms))));
    },
  };
}
